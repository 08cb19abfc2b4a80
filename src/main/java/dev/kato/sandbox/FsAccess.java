package dev.kato.sandbox;

/**
 * What a role may do beneath one path. A closed set: every grant in an {@link Envelope} is one of
 * these, so a reviewer can read a role's whole filesystem reach from its rule list.
 */
public enum FsAccess {
    /** Read files and list directories. */
    READ(LandlockAccess.READ_FILE | LandlockAccess.READ_DIR),
    /** Read and execute (the {@code java} launcher, the ELF interpreter). */
    READ_EXECUTE(LandlockAccess.READ_FILE | LandlockAccess.EXECUTE),
    /** Read and rewrite one existing file in place; nothing else. */
    WRITE_FILE(LandlockAccess.READ_FILE | LandlockAccess.WRITE_FILE | LandlockAccess.TRUNCATE),
    /**
     * Create, replace and remove regular files directly in a directory (temp file + rename), and
     * write them; open the directory itself for its {@code fsync} after a rename (which also lets
     * the process list names there); no reading of other files, no sub-directories.
     */
    REPLACE_IN_DIRECTORY(
            LandlockAccess.READ_DIR
                    | LandlockAccess.WRITE_FILE
                    | LandlockAccess.TRUNCATE
                    | LandlockAccess.MAKE_REG
                    | LandlockAccess.REMOVE_FILE),
    /**
     * The export's destination directory: what {@code writer.DestinationWriter} needs to replace a
     * file atomically there. Create, write, truncate and remove regular files; read them (the
     * private body temp file is opened read-write and read back; an existing destination's
     * frontmatter is merged); open the directory itself for reading (its {@code fsync} after the
     * rename). No sub-directories, no links, no devices.
     */
    EXPORT_DIRECTORY(
            LandlockAccess.READ_FILE
                    | LandlockAccess.READ_DIR
                    | LandlockAccess.WRITE_FILE
                    | LandlockAccess.TRUNCATE
                    | LandlockAccess.MAKE_REG
                    | LandlockAccess.REMOVE_FILE),
    /**
     * Beneath an allowed write root, what the orchestrator holds only to hand on to its writers
     * (Landlock domains nest: a writer reaches only what its orchestrator can) and to create a
     * destination's directories: read, write, create and remove regular files, make directories. No
     * removing directories, no links across directories, no sockets or devices.
     */
    DESTINATION_TREE(
            LandlockAccess.READ_FILE
                    | LandlockAccess.READ_DIR
                    | LandlockAccess.WRITE_FILE
                    | LandlockAccess.TRUNCATE
                    | LandlockAccess.MAKE_REG
                    | LandlockAccess.MAKE_DIR
                    | LandlockAccess.REMOVE_FILE),
    /** Full read and write of a private state tree (the orchestrator's {@code KATO_HOME}). */
    READ_WRITE_TREE(
            LandlockAccess.READ_FILE
                    | LandlockAccess.READ_DIR
                    | LandlockAccess.WRITE_FILE
                    | LandlockAccess.TRUNCATE
                    | LandlockAccess.MAKE_REG
                    | LandlockAccess.MAKE_DIR
                    | LandlockAccess.MAKE_SOCK
                    | LandlockAccess.REMOVE_FILE
                    | LandlockAccess.REMOVE_DIR
                    | LandlockAccess.REFER),
    /** Read and write a device node ({@code /dev/null}). */
    DEVICE_READ_WRITE(LandlockAccess.READ_FILE | LandlockAccess.WRITE_FILE);

    private final long bits;

    FsAccess(long bits) {
        this.bits = bits;
    }

    /**
     * The Landlock bits, limited to those the running ABI handles (and to file rights on files).
     */
    long bits(int abi, boolean isDirectory) {
        long b = bits & LandlockAccess.handledFs(abi);
        return isDirectory ? b : b & LandlockAccess.FILE_ONLY;
    }
}
