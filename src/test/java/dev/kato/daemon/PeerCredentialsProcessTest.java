package dev.kato.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kato.control.ControlPaths;
import dev.kato.control.ControlReply;
import dev.kato.control.ControlRequest;
import dev.kato.control.DaemonClient;
import dev.kato.testing.KatoProcess;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The peer-uid check with two real uids: the daemon runs as {@code nobody} (via {@code setpriv}),
 * and this test, running as root, connects. Root passes the socket's file permissions ({@code
 * CAP_DAC_OVERRIDE}), so only the {@code SO_PEERCRED} check stands between it and the daemon.
 * Skipped unless the tests run as root with {@code setpriv} available.
 */
class PeerCredentialsProcessTest {
    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");
    private Path dir;
    private Process daemon;

    @AfterEach
    void tearDown() throws Exception {
        if (daemon != null) {
            daemon.destroy();
            if (!daemon.waitFor(10, TimeUnit.SECONDS)) {
                daemon.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Test
    void connectionFromAnotherUid_isRejected_andLogged() throws Exception {
        assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0, "needs root");
        assumeTrue(Files.isExecutable(SETPRIV), "needs setpriv");
        UserPrincipalLookupService users =
                Path.of("/").getFileSystem().getUserPrincipalLookupService();
        UserPrincipal nobody = users.lookupPrincipalByName("nobody");

        dir = Files.createTempDirectory(Path.of("/tmp"), "kato-peer-");
        Path katoHome = dir.resolve("kh");
        Path roots = dir.resolve("roots");
        Files.createDirectories(katoHome);
        Files.createDirectories(roots);
        Files.writeString(
                katoHome.resolve("kato-config.yaml"),
                "schemaVersion: 1\nproviderSessionRoots:\n  claude: ["
                        + roots
                        + "]\n  codex: []\n  gemini: []\nallowedWriteRoots: ["
                        + dir.resolve("notes")
                        + "]\n"
                        // started directly as another user, not by `kato start`: a plain start,
                        // which only sandbox.mode off allows (OrchestratorConfinementProcessTest)
                        + "sandbox:\n  mode: off\n");
        // The checkout may sit in a directory `nobody` cannot enter (a 0700 temp dir in CI), so the
        // daemon runs from a private copy of the module path.
        String modulePath = copyModulePath(dir.resolve("mp"));
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.toList()) {
                Files.setOwner(p, nobody);
            }
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));

        List<String> cmd = new ArrayList<>();
        cmd.addAll(
                List.of(
                        SETPRIV.toString(),
                        "--reuid=nobody",
                        "--regid=nogroup",
                        "--clear-groups",
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:+UseSerialGC",
                        "-XX:-UsePerfData",
                        "-Xmx64m",
                        "-p",
                        modulePath,
                        "-m",
                        "dev.kato/dev.kato.daemon.DaemonMain"));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().clear();
        pb.environment().put("KATO_HOME", katoHome.toString());
        pb.environment().put("HOME", dir.toString());
        pb.environment().put("PATH", "/usr/bin:/bin");
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        daemon = pb.start();
        String first;
        try (BufferedReader r =
                new BufferedReader(
                        new InputStreamReader(daemon.getInputStream(), StandardCharsets.UTF_8))) {
            first = r.readLine();
        }
        assertThat(first).startsWith("ready pid=" + daemon.pid());

        ControlPaths paths = new ControlPaths(katoHome.resolve("runtime"));
        assertThat(Files.getOwner(paths.socket())).isEqualTo(nobody);
        DaemonClient.Exchange exchange =
                new DaemonClient(paths, Duration.ofSeconds(3)).send(new ControlRequest.Stop());
        assertThat(exchange)
                .isInstanceOfSatisfying(
                        DaemonClient.Exchange.Replied.class,
                        r ->
                                assertThat(r.reply())
                                        .isInstanceOfSatisfying(
                                                ControlReply.Failure.class,
                                                f ->
                                                        assertThat(f.code())
                                                                .isEqualTo("peer-rejected")));
        assertThat(daemon.isAlive()).isTrue(); // the Stop was not obeyed
        assertThat(Files.readString(katoHome.resolve("logs/operational.jsonl")))
                .contains("\"event\":\"control.peer-rejected\",\"peerUser\":\"root\"")
                .doesNotContain("\"kind\":\"stop\"");
    }

    /**
     * Copies every module path entry (directories and jars) under {@code into}; returns the new
     * path.
     */
    private static String copyModulePath(Path into) throws IOException {
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (String entry : KatoProcess.modulePath().split(File.pathSeparator)) {
            Path source = Path.of(entry);
            Path target = into.resolve((n++) + "-" + source.getFileName());
            try (Stream<Path> tree = Files.walk(source)) {
                for (Path p : tree.toList()) {
                    Path t = target.resolve(source.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(t);
                    } else {
                        Files.createDirectories(t.getParent());
                        Files.copy(p, t);
                    }
                }
            }
            entries.add(target.toString());
        }
        return String.join(File.pathSeparator, entries);
    }
}
