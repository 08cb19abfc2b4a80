package dev.kato.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Creates special files the JDK cannot make, with the real tools. */
public final class SpecialFiles {
    private SpecialFiles() {}

    /** A named pipe at {@code p}, made by {@code mkfifo(1)}. */
    public static void mkfifo(Path p) throws IOException, InterruptedException {
        Process proc = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
        assertThat(proc.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(proc.exitValue()).isZero();
    }
}
