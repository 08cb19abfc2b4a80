package dev.kato.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs Kato as a real, separate JVM process (the module path of this test run, the same flags as
 * {@code bin/kato}) with a chosen environment, and collects exit code, stdout and stderr.
 */
public final class KatoProcess {
    private KatoProcess() {}

    public record Result(int exitCode, String out, String err) {}

    /** The module path holding Kato's classes and runtime libraries in this test run. */
    public static String modulePath() {
        String mp = System.getProperty("jdk.module.path");
        if (mp == null || mp.isBlank()) {
            throw new IllegalStateException(
                    "tests must run on the module path (jdk.module.path is unset)");
        }
        return mp;
    }

    public static Result run(Map<String, String> env, Path workingDir, String... args)
            throws IOException, InterruptedException {
        return run(List.of(), env, workingDir, args);
    }

    /** {@link #run(Map, Path, String...)} with {@code jvmFlags} added to the JVM's own flags. */
    public static Result run(
            List<String> jvmFlags, Map<String, String> env, Path workingDir, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(
                List.of(
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC",
                        "-XX:-UsePerfData",
                        "-Xmx256m",
                        "--enable-native-access=dev.kato"));
        cmd.addAll(jvmFlags);
        cmd.addAll(List.of("-p", modulePath(), "-m", "dev.kato/dev.kato.cli.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workingDir.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        Path out = java.nio.file.Files.createTempFile("kato-out", ".txt");
        Path err = java.nio.file.Files.createTempFile("kato-err", ".txt");
        try {
            pb.redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            Process p = pb.start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("kato did not finish within 60 s");
            }
            return new Result(
                    p.exitValue(),
                    java.nio.file.Files.readString(out, StandardCharsets.UTF_8),
                    java.nio.file.Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            java.nio.file.Files.deleteIfExists(out);
            java.nio.file.Files.deleteIfExists(err);
        }
    }
}
