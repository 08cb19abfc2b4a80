package dev.kato.sandbox;

/**
 * Whether this process may create a socket of a family, asked of the kernel directly ({@code
 * socket(2)} through FFM): the JDK's own socket classes probe the network stack when they are first
 * initialised, so under seccomp they fail with a class-initialisation error instead of the kernel's
 * answer. A socket that could be made is closed at once.
 */
public final class SocketProbe {
    public static final int AF_UNIX = 1;
    public static final int AF_INET = 2;
    private static final int SOCK_STREAM = 1;
    private static final int SOCK_CLOEXEC = 02000000;

    private SocketProbe() {}

    /** True when the kernel refused the socket with {@code EPERM} or {@code EACCES}. */
    public static boolean denied(int family) {
        if (!Syscalls.isSupportedArchitecture()) {
            return false; // cannot ask: nothing is proven
        }
        Syscalls.Result r = Syscalls.call(Syscalls.SOCKET, family, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (!r.failed()) {
            Syscalls.call(Syscalls.CLOSE, r.value(), 0, 0);
            return false;
        }
        return r.errno() == Syscalls.EPERM || r.errno() == Syscalls.EACCES;
    }
}
