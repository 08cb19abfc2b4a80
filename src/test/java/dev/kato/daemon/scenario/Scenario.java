package dev.kato.daemon.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.daemon.DaemonProcesses;
import dev.kato.testing.Golden;
import dev.kato.testing.KatoProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One end-to-end scenario: a private {@code KATO_HOME} and {@code HOME}, provider roots for all
 * three assistants, an allowed notes directory, a config with {@code timeZone: UTC}, and helpers to
 * run the real {@code kato} CLI (and so the real daemon JVM), wait for destination content and
 * compare Markdown with goldens.
 */
public final class Scenario {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern RECORDING_IDS = Pattern.compile("(?m)^recordingIds: \\[(.*)]$");

    public final Path tmp;
    public final Path katoHome;
    public final Path claudeRoot;
    public final Path codexRoot;
    public final Path geminiRoot;
    public final Path notes;
    public final Path outside;
    private final Map<String, String> env;
    private final Map<String, String> ids = new LinkedHashMap<>();

    /** Sets up the directories and config; {@code extraConfig} is appended to the YAML. */
    public Scenario(Path tmp, String extraConfig) throws IOException {
        this.tmp = tmp;
        katoHome = Files.createDirectories(tmp.resolve("home/.kato"));
        claudeRoot = Files.createDirectories(tmp.resolve("roots/claude"));
        codexRoot = Files.createDirectories(tmp.resolve("roots/codex"));
        geminiRoot = Files.createDirectories(tmp.resolve("roots/gemini"));
        notes = Files.createDirectories(tmp.resolve("notes"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(
                katoHome.resolve("kato-config.yaml"),
                "schemaVersion: 1\n"
                        + "providerSessionRoots:\n  claude: ["
                        + claudeRoot
                        + "]\n  codex: ["
                        + codexRoot
                        + "]\n  gemini: ["
                        + geminiRoot
                        + "]\n"
                        + "allowedWriteRoots: ["
                        + notes
                        + ", "
                        + katoHome.resolve("recordings")
                        + ", "
                        + katoHome.resolve("exports")
                        + "]\ntimeZone: UTC\n"
                        + extraConfig);
        env = new LinkedHashMap<>();
        env.put("KATO_HOME", katoHome.toString());
        env.put("HOME", tmp.resolve("home").toString());
        env.put("PATH", "/usr/bin:/bin");
    }

    public Scenario(Path tmp) throws IOException {
        this(tmp, "");
    }

    /** The Claude project directory {@code -work-project}. */
    public Path claudeProject() throws IOException {
        return Files.createDirectories(claudeRoot.resolve("-work-project"));
    }

    public KatoProcess.Result kato(String... args) throws IOException, InterruptedException {
        return KatoProcess.run(env, tmp, args);
    }

    /** {@code kato start}, which must succeed. */
    public void start() throws Exception {
        KatoProcess.Result r = kato("start");
        assertThat(r.exitCode()).as("kato start: %s", r.err()).isZero();
        // No pause: the daemon reports ready only after its start-up scan, so files written from
        // now on are live.
    }

    /** {@code kato stop}, which must succeed and leave no daemon behind. */
    public void stop() throws Exception {
        KatoProcess.Result r = kato("stop");
        assertThat(r.exitCode()).as("kato stop: %s", r.err()).isZero();
        assertThat(daemons()).isEmpty();
    }

    /** Kills every daemon of this home with SIGKILL and waits until they are gone. */
    public void killDaemon() throws Exception {
        for (ProcessHandle p : DaemonProcesses.forHome(katoHome)) {
            p.destroyForcibly();
            DaemonProcesses.awaitGone(p.pid(), Duration.ofSeconds(5));
        }
    }

    public List<ProcessHandle> daemons() {
        return DaemonProcesses.forHome(katoHome);
    }

    public Path note(String name) {
        return notes.resolve(name);
    }

    /** Waits until {@code file} exists and its text passes {@code done}; returns the text. */
    public static String await(Path file, Predicate<String> done) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                last = Files.readString(file);
                if (done.test(last)) {
                    return last;
                }
            }
            Thread.sleep(15);
        }
        throw new AssertionError(
                "timed out waiting for "
                        + file
                        + (last == null ? " to exist" : "; its text is:\n" + last));
    }

    /** Waits until {@code file} contains {@code needle}. */
    public static String awaitContains(Path file, String needle) throws Exception {
        return await(file, t -> t.contains(needle));
    }

    /** Polls {@code kato status --json} until its output passes {@code done}. */
    public String awaitStatus(Predicate<String> done) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            KatoProcess.Result r = kato("status", "--json");
            last = r.out();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting for the status; last:\n" + last);
    }

    /** The security audit log's text (empty when absent). */
    public String securityAudit() throws IOException {
        Path p = katoHome.resolve("logs/security-audit.jsonl");
        return Files.exists(p) ? Files.readString(p) : "";
    }

    /** The files in {@code KATO_HOME/recordings}. */
    public List<Path> recordings() throws IOException {
        Path dir = katoHome.resolve("recordings");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    /**
     * Markdown with the random recording ids replaced by {@code R1}, {@code R2}, … in order of
     * first appearance across {@code names} (a shared map, so one id reads the same in every file).
     */
    public static String normalize(String markdown, Map<String, String> names) {
        Matcher m = RECORDING_IDS.matcher(markdown);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            StringBuilder ids = new StringBuilder();
            for (String id : m.group(1).split(",\\s*")) {
                String name = names.computeIfAbsent(id.strip(), k -> "R" + (names.size() + 1));
                ids.append(ids.isEmpty() ? "" : ", ").append(name);
            }
            m.appendReplacement(out, Matcher.quoteReplacement("recordingIds: [" + ids + "]"));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * A destination's text made stable for goldens: recording ids named {@code R1}, {@code R2}, …
     * (consistently across the files of this scenario) and this scenario's temporary directory
     * written {@code $TMP}.
     */
    public String stable(Path file) throws IOException {
        return normalize(Files.readString(file), ids).replace(tmp.toString(), "$TMP");
    }

    /** Compares {@link #stable} text of a destination with the golden {@code daemon/<name>.md}. */
    public void assertGolden(String name, Path file) throws IOException {
        Golden.assertMatches("daemon/" + name + ".md", stable(file));
    }

    /** Like {@link #assertGolden} for the body only (the text after the frontmatter). */
    public void assertGoldenBody(String name, Path file) throws IOException {
        String text = stable(file);
        int end = text.startsWith("---\n") ? text.indexOf("\n---\n", 4) : -1;
        assertThat(end).as("frontmatter of %s", file).isPositive();
        Golden.assertMatches("daemon/" + name + ".md", text.substring(end + 5));
    }

    /** Number of non-overlapping occurrences of {@code needle} in {@code text}. */
    public static int count(String text, String needle) {
        return text.split(Pattern.quote(needle), -1).length - 1;
    }

    /** Stops the daemon and kills any that is left. */
    public void close() throws Exception {
        try {
            kato("stop");
        } finally {
            DaemonProcesses.killAll(katoHome);
        }
    }
}
