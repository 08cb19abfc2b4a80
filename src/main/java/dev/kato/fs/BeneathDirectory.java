package dev.kato.fs;

import static dev.kato.fs.LinuxSyscalls.EAGAIN;
import static dev.kato.fs.LinuxSyscalls.EEXIST;
import static dev.kato.fs.LinuxSyscalls.EINTR;
import static dev.kato.fs.LinuxSyscalls.ELOOP;
import static dev.kato.fs.LinuxSyscalls.ENOENT;
import static dev.kato.fs.LinuxSyscalls.ENOSYS;
import static dev.kato.fs.LinuxSyscalls.ENOTDIR;
import static dev.kato.fs.LinuxSyscalls.EPERM;
import static dev.kato.fs.LinuxSyscalls.EXDEV;
import static dev.kato.fs.LinuxSyscalls.O_CLOEXEC;
import static dev.kato.fs.LinuxSyscalls.O_CREAT;
import static dev.kato.fs.LinuxSyscalls.O_DIRECTORY;
import static dev.kato.fs.LinuxSyscalls.O_EXCL;
import static dev.kato.fs.LinuxSyscalls.O_NOFOLLOW;
import static dev.kato.fs.LinuxSyscalls.O_NONBLOCK;
import static dev.kato.fs.LinuxSyscalls.O_PATH;
import static dev.kato.fs.LinuxSyscalls.O_RDONLY;
import static dev.kato.fs.LinuxSyscalls.O_RDWR;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A directory handle ({@code O_PATH}) that every further open, create, rename and delete is
 * relative to, with no symbolic link followed and no way out of the directory the walk started at.
 * A directory swapped for a link between a policy check and a write makes the write fail; it cannot
 * redirect it. Names passed to the file operations are single path components.
 */
public final class BeneathDirectory implements AutoCloseable {
    /** One line for every way a directory on the way turned out to be a link or not a directory. */
    public static final String SWAPPED =
            "a directory on the way to the destination is a symbolic link or was replaced";

    private static final int DIRECTORY = O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
    private static final int PRIVATE_DIRECTORY = 0700;
    private static final int PRIVATE_FILE = 0600;

    /** How an existing file is opened; none of them blocks on a FIFO. */
    public enum Access {
        READ(O_RDONLY),
        WRITE(LinuxSyscalls.O_WRONLY),
        APPEND(LinuxSyscalls.O_WRONLY | LinuxSyscalls.O_APPEND);

        private final int flags;

        Access(int flags) {
            this.flags = flags;
        }
    }

    private final int fd;
    private final Path path;
    private final WriteOpenMechanism mechanism;
    private boolean closed;

    private BeneathDirectory(int fd, Path path, WriteOpenMechanism mechanism) {
        this.fd = fd;
        this.path = path;
        this.mechanism = mechanism;
    }

    /**
     * Opens {@code root} (absolute, canonical: its own components are trusted) as the handle a walk
     * starts from. Refuses a root that is itself a link or not a directory.
     */
    public static BeneathDirectory openRoot(Path root, WriteOpenMechanism mechanism)
            throws IOException {
        LinuxSyscalls.requireSupported();
        if (!root.isAbsolute()) {
            throw new IllegalArgumentException("the root must be absolute");
        }
        try (Arena a = Arena.ofConfined()) {
            long r;
            do {
                r =
                        LinuxSyscalls.call(
                                a,
                                LinuxSyscalls.OPENAT,
                                LinuxSyscalls.AT_FDCWD,
                                a.allocateFrom(root.toString()).address(),
                                DIRECTORY);
            } while (r == -EINTR);
            if (r == -ELOOP || r == -ENOTDIR) {
                throw new FileSystemException(
                        root.toString(),
                        null,
                        "the allowed root is a symbolic link or not a directory");
            }
            if (r < 0) {
                throw LinuxSyscalls.failure(root.toString(), r);
            }
            return new BeneathDirectory((int) r, root, mechanism);
        }
    }

    /** The path this handle was reached by (for messages only; never opened again). */
    public Path path() {
        return path;
    }

    public WriteOpenMechanism mechanism() {
        return mechanism;
    }

    /**
     * Opens the directory {@code relative} beneath this one. With {@code create}, missing
     * directories are made {@code 0700} one at a time, each relative to the handle of its parent.
     *
     * @throws NoSuchFileException when a directory is missing and {@code create} is false
     * @throws FileSystemException with {@link #SWAPPED} when a component is a link or not a
     *     directory
     */
    public BeneathDirectory descend(Path relative, boolean create) throws IOException {
        List<String> names = names(relative);
        if (mechanism == WriteOpenMechanism.OPENAT2 && !names.isEmpty()) {
            try (Arena a = Arena.ofConfined()) {
                long r;
                do {
                    r =
                            NoFollowLookup.openat2(
                                    a,
                                    fd,
                                    String.join("/", names),
                                    DIRECTORY,
                                    0,
                                    LinuxSyscalls.RESOLVE_STRICT);
                } while (r == -EINTR);
                if (r >= 0) {
                    return new BeneathDirectory((int) r, path.resolve(relative), mechanism);
                }
                if (r == -ENOSYS) {
                    WriteOpenMechanism.openat2Unavailable();
                } else if (r != -EPERM && r != -ENOENT) {
                    throw refused(path.resolve(relative), r);
                } else if (r == -ENOENT && !create) {
                    throw new NoSuchFileException(path.resolve(relative).toString());
                }
            }
        }
        return walk(names, create);
    }

    private BeneathDirectory walk(List<String> names, boolean create) throws IOException {
        try (Arena a = Arena.ofConfined()) {
            int current = fd;
            Path at = path;
            try {
                for (String name : names) {
                    at = at.resolve(name);
                    long r = NoFollowLookup.open(mechanism, a, current, name, DIRECTORY, 0);
                    if (r == -ENOENT && create) {
                        long made =
                                LinuxSyscalls.call(
                                        a,
                                        LinuxSyscalls.MKDIRAT,
                                        current,
                                        a.allocateFrom(name).address(),
                                        PRIVATE_DIRECTORY);
                        if (made < 0 && made != -EEXIST) {
                            throw LinuxSyscalls.failure(at.toString(), made);
                        }
                        r = NoFollowLookup.open(mechanism, a, current, name, DIRECTORY, 0);
                    }
                    if (r < 0) {
                        throw refused(at, r);
                    }
                    if (current != fd) {
                        LinuxSyscalls.close(current);
                    }
                    current = (int) r;
                }
                if (current == fd) {
                    long self = NoFollowLookup.open(mechanism, a, fd, ".", DIRECTORY, 0);
                    if (self < 0) {
                        throw refused(at, self);
                    }
                    current = (int) self;
                }
                BeneathDirectory opened = new BeneathDirectory(current, at, mechanism);
                current = fd;
                return opened;
            } finally {
                if (current != fd) {
                    LinuxSyscalls.close(current);
                }
            }
        }
    }

    /**
     * The status of the entry {@code name} itself (a link is reported as a link), or empty when
     * there is none.
     */
    public Optional<FileStatus> status(String name) throws IOException {
        checkName(name);
        try (Arena a = Arena.ofConfined()) {
            long r =
                    NoFollowLookup.open(mechanism, a, fd, name, O_PATH | O_NOFOLLOW | O_CLOEXEC, 0);
            if (r == -ENOENT) {
                return Optional.empty();
            }
            if (r < 0) {
                throw LinuxSyscalls.failure(display(name), r);
            }
            try {
                return Optional.of(OpenFile.status((int) r, display(name)));
            } finally {
                LinuxSyscalls.close((int) r);
            }
        }
    }

    /**
     * Opens the existing file {@code name} without following a link ({@code ELOOP} fails as "is a
     * symbolic link") and without blocking on a FIFO; empty when it does not exist. The caller
     * checks {@link OpenFile#status()} before trusting it.
     */
    public Optional<OpenFile> openExisting(String name, Access access) throws IOException {
        checkName(name);
        try (Arena a = Arena.ofConfined()) {
            long r =
                    NoFollowLookup.open(
                            mechanism,
                            a,
                            fd,
                            name,
                            access.flags | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC,
                            0);
            if (r == -ENOENT) {
                return Optional.empty();
            }
            if (r < 0) {
                throw LinuxSyscalls.failure(display(name), r);
            }
            return Optional.of(new OpenFile((int) r, display(name)));
        }
    }

    /**
     * Creates {@code name} {@code 0600}, failing if anything (a link included) already has that
     * name.
     *
     * @throws java.nio.file.FileAlreadyExistsException when the name is taken
     */
    public OpenFile createNew(String name) throws IOException {
        return create(name, O_RDWR);
    }

    /**
     * As {@link #createNew}, opened for writing only: a process allowed to create and write files
     * in this directory but not to read them (a confined writer) can still do it.
     */
    public OpenFile createNewWriteOnly(String name) throws IOException {
        return create(name, LinuxSyscalls.O_WRONLY);
    }

    private OpenFile create(String name, int accessMode) throws IOException {
        checkName(name);
        try (Arena a = Arena.ofConfined()) {
            long r =
                    NoFollowLookup.open(
                            mechanism,
                            a,
                            fd,
                            name,
                            accessMode | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                            PRIVATE_FILE);
            if (r < 0) {
                throw LinuxSyscalls.failure(display(name), r);
            }
            return new OpenFile((int) r, display(name));
        }
    }

    /** {@code renameat(2)} within this directory: atomically replaces the entry {@code to}. */
    public void rename(String from, String to) throws IOException {
        checkName(from);
        checkName(to);
        try (Arena a = Arena.ofConfined()) {
            long r =
                    LinuxSyscalls.call(
                            a,
                            LinuxSyscalls.RENAMEAT,
                            fd,
                            a.allocateFrom(from).address(),
                            fd,
                            a.allocateFrom(to).address());
            if (r < 0) {
                throw LinuxSyscalls.failure(display(to), r);
            }
        }
    }

    /** Removes the entry {@code name} (a file or a link, never followed); false if absent. */
    public boolean delete(String name) throws IOException {
        checkName(name);
        try (Arena a = Arena.ofConfined()) {
            long r =
                    LinuxSyscalls.call(
                            a, LinuxSyscalls.UNLINKAT, fd, a.allocateFrom(name).address(), 0);
            if (r == -ENOENT) {
                return false;
            }
            if (r < 0) {
                throw LinuxSyscalls.failure(display(name), r);
            }
            return true;
        }
    }

    /** Flushes this directory's entries (a create or rename) to disk. */
    public void sync() throws IOException {
        try (Arena a = Arena.ofConfined()) {
            long r =
                    NoFollowLookup.open(
                            mechanism, a, fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
            if (r < 0) {
                throw LinuxSyscalls.failure(path.toString(), r);
            }
            try (OpenFile dir = new OpenFile((int) r, path.toString())) {
                dir.sync();
            }
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            LinuxSyscalls.close(fd);
        }
    }

    @Override
    public String toString() {
        return "BeneathDirectory[" + path + ", " + mechanism + "]";
    }

    private static IOException refused(Path at, long r) {
        int errno = (int) -r;
        if (errno == ELOOP || errno == ENOTDIR || errno == EXDEV || errno == EAGAIN) {
            return new FileSystemException(at.toString(), null, SWAPPED);
        }
        return LinuxSyscalls.failure(at.toString(), r);
    }

    private String display(String name) {
        return path.resolve(name).toString();
    }

    private static List<String> names(Path relative) {
        if (relative.isAbsolute()) {
            throw new IllegalArgumentException("expected a relative path");
        }
        List<String> names = new ArrayList<>();
        if (relative.toString().isEmpty()) {
            return names;
        }
        for (Path part : relative) {
            String name = part.toString();
            checkName(name);
            names.add(name);
        }
        return names;
    }

    private static void checkName(String name) {
        if (name.isEmpty()
                || name.equals(".")
                || name.equals("..")
                || name.indexOf('/') >= 0
                || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not a single file name");
        }
    }
}
