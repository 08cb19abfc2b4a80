package dev.kato.sandbox;

import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The seccomp deny-lists, one per kind of process. Every listed system call fails with {@code
 * EPERM}; everything else is allowed (a deny-list, because the JVM's own set of system calls
 * changes between releases and an allow-list would break it silently). The reasons for each entry
 * are in {@code docs/decisions.md}.
 */
public enum SeccompProfile {
    /** Workers: no process execution, no sockets at all (their only channel is stdin/stdout). */
    WORKER(true, false, false),
    /**
     * Provider workers: as {@link #WORKER}, except that {@code socketpair} is allowed: the JDK's
     * inotify watch service wakes its poller through a connected pair it makes itself. A pair
     * reaches nothing outside the process; {@code socket} (every family) stays denied.
     */
    PROVIDER_WORKER(true, false, true),
    /**
     * The orchestrator: may execute (Landlock limits it to the {@code java} launcher), may open
     * only {@code AF_UNIX} sockets (its control socket), may {@code fchmod} a file it opened.
     */
    ORCHESTRATOR(false, true, false);

    /** File metadata that Landlock ABI &le; 7 does not cover: mode, owner, xattrs, times. */
    private static final List<Integer> METADATA =
            List.of(
                    90, // chmod
                    268, // fchmodat
                    452, // fchmodat2
                    92, // chown
                    93, // fchown
                    94, // lchown
                    260, // fchownat
                    188, // setxattr
                    189, // lsetxattr
                    190, // fsetxattr
                    197, // removexattr
                    198, // lremovexattr
                    199, // fremovexattr
                    463, // setxattrat (Linux 6.13)
                    464, // getxattrat
                    465, // listxattrat
                    466, // removexattrat
                    469, // file_setattr (Linux 6.17)
                    132, // utime
                    235, // utimes
                    261, // futimesat
                    280); // utimensat

    /** Kernel attack surface and escapes no Kato process needs. */
    private static final List<Integer> SURFACE =
            List.of(
                    425, // io_uring_setup: io_uring requests bypass seccomp
                    426, // io_uring_enter
                    427, // io_uring_register
                    101, // ptrace
                    310, // process_vm_readv
                    311, // process_vm_writev
                    272, // unshare
                    308, // setns
                    165, // mount
                    166, // umount2
                    155, // pivot_root
                    161, // chroot
                    428, // open_tree
                    429, // move_mount
                    430, // fsopen
                    432, // fsmount
                    433, // fspick
                    442, // mount_setattr
                    298, // perf_event_open
                    321, // bpf
                    250, // keyctl
                    248, // add_key
                    249, // request_key
                    246, // kexec_load
                    320, // kexec_file_load
                    175, // init_module
                    313, // finit_module
                    176, // delete_module
                    169, // reboot
                    323, // userfaultfd
                    303, // name_to_handle_at
                    304, // open_by_handle_at
                    133, // mknod
                    259, // mknodat
                    172, // iopl
                    173, // ioperm
                    163, // acct
                    167, // swapon
                    168); // swapoff

    private static final int EXECVE = 59;
    private static final int EXECVEAT = 322;
    private static final int SOCKET = 41;
    private static final int SOCKETPAIR = 53;
    private static final int FCHMOD = 91;

    private final boolean denyExecAndAllSockets;
    private final boolean allowUnixSockets;
    private final boolean allowSocketPairs;

    SeccompProfile(
            boolean denyExecAndAllSockets, boolean allowUnixSockets, boolean allowSocketPairs) {
        this.denyExecAndAllSockets = denyExecAndAllSockets;
        this.allowUnixSockets = allowUnixSockets;
        this.allowSocketPairs = allowSocketPairs;
    }

    /** The system calls denied unconditionally (without argument checks). */
    List<Integer> denied() {
        Stream<Integer> base = Stream.concat(METADATA.stream(), SURFACE.stream());
        if (denyExecAndAllSockets) {
            base =
                    Stream.concat(
                            base,
                            IntStream.of(EXECVE, EXECVEAT, SOCKET, SOCKETPAIR, FCHMOD)
                                    .filter(n -> !(allowSocketPairs && n == SOCKETPAIR))
                                    .boxed());
        }
        return base.distinct().toList();
    }

    /**
     * Whether {@code socket()} is allowed for {@code AF_UNIX} and denied for every other family.
     */
    boolean filtersSocketFamily() {
        return allowUnixSockets;
    }
}
