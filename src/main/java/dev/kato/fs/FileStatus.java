package dev.kato.fs;

/**
 * What {@code fstat(2)} says about an open file: its type and permission bits, owner, hard-link
 * count and size. Taken from the descriptor, so it describes the very file that will be read or
 * written, not whatever a path names a moment later.
 *
 * @param mode {@code st_mode}: type ({@code S_IFMT}) and permission bits
 * @param ownerUid {@code st_uid}
 * @param links {@code st_nlink}
 * @param size {@code st_size} in bytes
 */
public record FileStatus(int mode, long ownerUid, long links, long size) {
    private static final int S_IFMT = 0170000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFLNK = 0120000;
    private static final int ANY_EXECUTE = 0111;

    public boolean isRegularFile() {
        return (mode & S_IFMT) == S_IFREG;
    }

    public boolean isDirectory() {
        return (mode & S_IFMT) == S_IFDIR;
    }

    public boolean isSymbolicLink() {
        return (mode & S_IFMT) == S_IFLNK;
    }

    /** Whether the owner, group or others may execute it. */
    public boolean isExecutable() {
        return (mode & ANY_EXECUTE) != 0;
    }

    /** The permission bits alone ({@code 0600} for a private file). */
    public int permissions() {
        return mode & 07777;
    }
}
