package dev.kato.sandbox;

/**
 * Landlock access-right bits ({@code include/uapi/linux/landlock.h}) and which of them the running
 * kernel's ABI knows. A ruleset handles every right of its ABI, so anything not granted by a rule
 * is denied.
 */
final class LandlockAccess {
    static final long EXECUTE = 1L;
    static final long WRITE_FILE = 1L << 1;
    static final long READ_FILE = 1L << 2;
    static final long READ_DIR = 1L << 3;
    static final long REMOVE_DIR = 1L << 4;
    static final long REMOVE_FILE = 1L << 5;
    static final long MAKE_CHAR = 1L << 6;
    static final long MAKE_DIR = 1L << 7;
    static final long MAKE_REG = 1L << 8;
    static final long MAKE_SOCK = 1L << 9;
    static final long MAKE_FIFO = 1L << 10;
    static final long MAKE_BLOCK = 1L << 11;
    static final long MAKE_SYM = 1L << 12;
    static final long REFER = 1L << 13;
    static final long TRUNCATE = 1L << 14;
    static final long IOCTL_DEV = 1L << 15;

    static final long NET_BIND_TCP = 1L;
    static final long NET_CONNECT_TCP = 1L << 1;

    static final long SCOPE_ABSTRACT_UNIX_SOCKET = 1L;
    static final long SCOPE_SIGNAL = 1L << 1;

    /** The rights a rule on a regular file (not a directory) may carry. */
    static final long FILE_ONLY = EXECUTE | WRITE_FILE | READ_FILE | TRUNCATE | IOCTL_DEV;

    private LandlockAccess() {}

    /** Every filesystem right the given ABI handles. */
    static long handledFs(int abi) {
        long rights = (MAKE_SYM << 1) - 1; // ABI 1: bits 0..12
        if (abi >= 2) {
            rights |= REFER;
        }
        if (abi >= 3) {
            rights |= TRUNCATE;
        }
        if (abi >= 5) {
            rights |= IOCTL_DEV;
        }
        return rights;
    }

    /** TCP rights handled from ABI 4 on; none before. */
    static long handledNet(int abi) {
        return abi >= 4 ? NET_BIND_TCP | NET_CONNECT_TCP : 0;
    }

    /** IPC scopes handled from ABI 6 on; none before. */
    static long scoped(int abi) {
        return abi >= 6 ? SCOPE_ABSTRACT_UNIX_SOCKET | SCOPE_SIGNAL : 0;
    }

    /** The size of {@code struct landlock_ruleset_attr} the given ABI understands. */
    static long rulesetAttrSize(int abi) {
        return abi >= 6 ? 24 : abi >= 4 ? 16 : 8;
    }
}
