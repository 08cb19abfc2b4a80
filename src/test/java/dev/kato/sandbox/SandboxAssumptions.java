package dev.kato.sandbox;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Skips a test, with the reason printed, where this machine lacks a kernel feature. */
final class SandboxAssumptions {
    private SandboxAssumptions() {}

    static int landlockAbi() {
        assumeTrue(
                Syscalls.isSupportedArchitecture(),
                "skipped: the sandbox syscalls are bound for Linux x86_64 only, this is "
                        + System.getProperty("os.name")
                        + " "
                        + System.getProperty("os.arch"));
        int abi = Landlock.abi();
        if (abi < 1) {
            System.out.println("skipped: Landlock is not available on this kernel");
        }
        assumeTrue(abi >= 1, "skipped: Landlock is not available on this kernel");
        return abi;
    }

    static void tcpRules(int abi) {
        assumeTrue(abi >= 4, "skipped: Landlock TCP rules need ABI 4, this kernel has " + abi);
    }
}
