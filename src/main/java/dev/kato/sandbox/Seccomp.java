package dev.kato.sandbox;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * Installs a seccomp-BPF deny-list on <em>every</em> thread of this process ({@code
 * SECCOMP_FILTER_FLAG_TSYNC}; {@code prctl(PR_SET_SECCOMP)} would filter only the caller). The
 * filter kills the process on a foreign architecture (an {@code int 0x80} i386 call would otherwise
 * bypass the x86_64 numbers) and denies the x32 ABI.
 */
public final class Seccomp {
    private static final int LD_W_ABS = 0x20;
    private static final int JEQ_K = 0x15;
    private static final int JGE_K = 0x35;
    private static final int RET_K = 0x06;
    private static final int AUDIT_ARCH_X86_64 = 0xC000003E;
    private static final int X32_BIT = 0x40000000;
    private static final int RET_KILL_PROCESS = 0x80000000;
    private static final int RET_EPERM = 0x00050000 | Syscalls.EPERM;
    private static final int RET_ALLOW = 0x7fff0000;
    private static final int PR_GET_SECCOMP = 21;
    private static final int SECCOMP_MODE_FILTER = 2;
    private static final int AF_UNIX = 1;
    private static final int SOCKET = 41;
    private static final long SET_MODE_FILTER = 1;
    private static final long FLAG_TSYNC = 1;

    private Seccomp() {}

    /** One {@code struct sock_filter}. */
    private record Insn(int code, int jt, int jf, int k) {}

    /** Whether the calling thread runs under a seccomp filter ({@code PR_GET_SECCOMP} is 2). */
    static boolean filterModeActive() {
        Syscalls.Result r = Syscalls.call(Syscalls.PRCTL, PR_GET_SECCOMP, 0, 0, 0, 0);
        return !r.failed() && r.value() == SECCOMP_MODE_FILTER;
    }

    /**
     * Sets {@code no_new_privs} and installs {@code profile} on all threads.
     *
     * @throws SandboxException on an unsupported architecture or when the kernel refuses
     */
    public static void install(SeccompProfile profile) {
        if (!Syscalls.isSupportedArchitecture()) {
            throw new SandboxException("seccomp filters are built for x86_64 only");
        }
        List<Insn> program = program(profile);
        Landlock.setNoNewPrivs();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment filter = arena.allocate(8L * program.size(), 8);
            for (int i = 0; i < program.size(); i++) {
                Insn insn = program.get(i);
                long at = 8L * i;
                filter.set(ValueLayout.JAVA_SHORT, at, (short) insn.code());
                filter.set(ValueLayout.JAVA_BYTE, at + 2, (byte) insn.jt());
                filter.set(ValueLayout.JAVA_BYTE, at + 3, (byte) insn.jf());
                filter.set(ValueLayout.JAVA_INT, at + 4, insn.k());
            }
            MemorySegment fprog = arena.allocate(16, 8);
            fprog.set(ValueLayout.JAVA_SHORT, 0, (short) program.size());
            fprog.set(ValueLayout.JAVA_LONG, 8, filter.address());
            Syscalls.Result r =
                    Syscalls.call(Syscalls.SECCOMP, SET_MODE_FILTER, FLAG_TSYNC, fprog.address());
            if (r.failed()) {
                throw new SandboxException("seccomp(SET_MODE_FILTER, TSYNC)", r.errno());
            }
            if (r.value() != 0) {
                throw new SandboxException("seccomp TSYNC could not synchronise a thread");
            }
        }
    }

    /** The BPF program for {@code profile}; package-private so tests can check its shape. */
    static List<Insn> program(SeccompProfile profile) {
        List<Integer> denied = profile.denied();
        List<Insn> p = new ArrayList<>();
        p.add(new Insn(LD_W_ABS, 0, 0, 4)); // seccomp_data.arch
        p.add(new Insn(JEQ_K, 1, 0, AUDIT_ARCH_X86_64));
        p.add(new Insn(RET_K, 0, 0, RET_KILL_PROCESS));
        p.add(new Insn(LD_W_ABS, 0, 0, 0)); // seccomp_data.nr
        p.add(new Insn(JGE_K, 0, 1, X32_BIT));
        p.add(new Insn(RET_K, 0, 0, RET_EPERM));
        boolean socketCheck = profile.filtersSocketFamily();
        int chain = denied.size() + (socketCheck ? 1 : 0);
        // After the chain: [allow] then, if socketCheck, [ld arg0][jeq AF_UNIX][allow]; then [deny]
        int allowAt = p.size() + chain;
        int socketAt = allowAt + 1;
        int denyAt = socketCheck ? socketAt + 3 : allowAt + 1;
        for (int nr : denied) {
            int here = p.size();
            p.add(new Insn(JEQ_K, denyAt - here - 1, 0, nr));
        }
        if (socketCheck) {
            int here = p.size();
            p.add(new Insn(JEQ_K, socketAt - here - 1, 0, SOCKET));
        }
        p.add(new Insn(RET_K, 0, 0, RET_ALLOW));
        if (socketCheck) {
            p.add(new Insn(LD_W_ABS, 0, 0, 16)); // low 32 bits of args[0]: the address family
            p.add(new Insn(JEQ_K, 0, 1, AF_UNIX));
            p.add(new Insn(RET_K, 0, 0, RET_ALLOW));
        }
        p.add(new Insn(RET_K, 0, 0, RET_EPERM));
        for (Insn insn : p) {
            if (insn.jt() > 255 || insn.jf() > 255) {
                throw new IllegalStateException("seccomp program jump out of range");
            }
        }
        return List.copyOf(p);
    }
}
