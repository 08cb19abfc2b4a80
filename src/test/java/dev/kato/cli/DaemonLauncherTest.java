package dev.kato.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a failed start does with the process it started (real processes). */
class DaemonLauncherTest {
    @Test
    void end_stopsAProcessThatIgnoresSigterm() throws Exception {
        // SIGTERM stays ignored across exec, as in a daemon that does not react to it
        Process stubborn = new ProcessBuilder("sh", "-c", "trap '' TERM; exec sleep 60").start();
        long t0 = System.nanoTime();
        DaemonLauncher.end(stubborn);
        assertThat(stubborn.isAlive()).isFalse();
        assertThat(stubborn.exitValue()).isEqualTo(128 + 9);
        assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(6_000L, 15_000L);
    }

    @Test
    void end_leavesAProcessThatExitsByItselfAlone() throws Exception {
        Process quick = new ProcessBuilder("sh", "-c", "exit 3").start();
        DaemonLauncher.end(quick);
        assertThat(quick.exitValue()).isEqualTo(3);
    }
}
