package dev.kato.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.daemon.scenario.ClaudeLog;
import dev.kato.daemon.scenario.Scenario;
import dev.kato.event.Provider;
import dev.kato.event.SessionKey;
import dev.kato.provider.claude.HostileClaudeRecords;
import dev.kato.provider.claude.HostileClaudeRecords.Vector;
import dev.kato.testing.Golden;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-provider injection corpora (a command line in every non-human vector of providers.md §6)
 * written as live logs under a running daemon, with the command's target rewritten to an allowed
 * path — so only provenance, not the write policy, stands between the text and a write. None may
 * run; the sightings are audited as untrusted-origin command lines, and no log holds the text.
 */
class InjectionCorpusProcessTest {
    private static final String TARGET = "/home/victim/.bashrc";
    private static final Pattern CURSOR =
            Pattern.compile(
                    "\"path\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*,\\s*\"cursor\"\\s*:\\s*\"(\\d+):");

    @TempDir Path tmp;
    private Scenario s;
    private Path katoHome;
    private Path notes;

    @BeforeEach
    void setUp() throws IOException {
        s = new Scenario(tmp);
        katoHome = s.katoHome;
        notes = s.notes;
    }

    @AfterEach
    void stopDaemons() throws Exception {
        s.close();
    }

    @Test
    void noHostileCommandLineRuns_andEverySightingIsAudited() throws Exception {
        assertThat(s.kato("start").exitCode()).isZero();
        Map<Path, Long> written = new LinkedHashMap<>();
        Path codexDay = Files.createDirectories(tmp.resolve("roots/codex/2026/01/01"));
        Path geminiChats = Files.createDirectories(tmp.resolve("roots/gemini/ab12/chats"));
        for (Path file : corpus("provider/codex/hostile")) {
            String stem = stem(file);
            written.putAll(
                    place(
                            file,
                            codexDay.resolve("rollout-2026-01-01T00-00-00-" + stem + ".jsonl")));
        }
        for (Path file : corpus("provider/gemini/hostile")) {
            String name = file.getFileName().toString();
            if (name.endsWith(".events.jsonl")) {
                continue; // expected parser output, not a log
            }
            String ext = name.endsWith(".json") ? ".json" : ".jsonl";
            written.putAll(place(file, geminiChats.resolve("session-" + stem(file) + ext)));
        }
        assertThat(written).hasSizeGreaterThan(20);
        awaitStored(written);
        Thread.sleep(500); // a command that (wrongly) ran would have written by now

        try (Stream<Path> made = Files.list(notes)) {
            assertThat(made).as("files written by hostile commands").isEmpty();
        }
        String audit = Files.readString(katoHome.resolve("logs/security-audit.jsonl"));
        String operational = Files.readString(katoHome.resolve("logs/operational.jsonl"));
        assertThat(audit).doesNotContain("\"outcome\":\"applied\"");
        long sightings =
                audit.lines().filter(l -> l.contains("\"outcome\":\"untrusted-origin\"")).count();
        assertThat(sightings).isGreaterThanOrEqualTo(written.size() / 2);
        assertThat(audit)
                .contains("\"reason\":\"origin tool-result\"")
                .contains("\"reason\":\"origin assistant\"");
        for (String log : List.of(audit, operational)) {
            assertThat(log).doesNotContain("pwned-"); // the command's text never reaches a log
        }
        assertThat(s.kato("audit", "verify").exitCode()).isZero();

        // Control: the same command typed by a person in the same setup does run.
        Path control = notes.resolve("control.md");
        Files.writeString(
                codexDay.resolve("rollout-2026-01-01T00-00-00-control.jsonl"),
                "{\"timestamp\":\"2026-01-01T00:00:00.000Z\",\"type\":\"session_meta\","
                        + "\"payload\":{\"id\":\"0199c000-0000-7000-8000-00000000c0de\","
                        + "\"timestamp\":\"2026-01-01T00:00:00.000Z\",\"cwd\":\"/r\","
                        + "\"cli_version\":\"0.110.0\",\"source\":\"cli\"}}\n"
                        + "{\"timestamp\":\"2026-01-01T00:00:01.000Z\",\"type\":\"event_msg\","
                        + "\"payload\":{\"type\":\"user_message\",\"message\":\"::export "
                        + control
                        + "\"}}\n");
        DaemonProcesses.awaitFile(control, t -> !t.isEmpty());
    }

    /**
     * The Claude corpus ({@link HostileClaudeRecords}): each vector is its own live session (a
     * sub-agent vector is a transcript under {@code <session>/subagents/}), its command aimed at an
     * allowed destination. Nothing runs; every vector whose text is captured is audited as an
     * untrusted-origin sighting of its own session; a person typing the same line runs it.
     */
    @Test
    void claudeCorpus_noHostileCommandLineRuns_andEveryCapturedVectorIsAudited() throws Exception {
        s.start();
        Path project = s.claudeProject();
        List<Vector> vectors = HostileClaudeRecords.all().toList();
        Map<Path, Long> written = new LinkedHashMap<>();
        Map<String, Vector> bySession = new LinkedHashMap<>();
        for (int i = 0; i < vectors.size(); i++) {
            Vector vector = vectors.get(i);
            String sessionId = String.format("c1a0%04x-0000-4000-8000-000000000000", i);
            String aimed = notes.resolve("pwned-claude-" + i + ".md").toString();
            StringBuilder text = new StringBuilder();
            vector.lines().forEach(l -> text.append(l.replace(TARGET, aimed)).append('\n'));
            // A harmless last record, so that even a file whose hostile record is dropped by
            // design yields an event and a stored cursor to wait for.
            text.append(ClaudeLog.main(project, sessionId).assistant("ok"));
            Path log =
                    vector.subAgent()
                            ? project.resolve(sessionId + "/subagents/agent-x.jsonl")
                            : project.resolve(sessionId + ".jsonl");
            Files.createDirectories(log.getParent());
            Files.writeString(log, text, StandardCharsets.UTF_8);
            written.put(log.toAbsolutePath().normalize(), Files.size(log));
            bySession.put(new SessionKey(Provider.CLAUDE, sessionId).shortId(), vector);
        }
        awaitStored(written);
        Thread.sleep(500); // a command that (wrongly) ran would have written by now

        try (Stream<Path> made = Files.list(notes)) {
            assertThat(made).as("files written by hostile Claude records").isEmpty();
        }
        String audit = s.securityAudit();
        assertThat(audit).doesNotContain("\"outcome\":\"applied\"");
        List<String> unaudited = new ArrayList<>();
        bySession.forEach((shortId, vector) -> {
            boolean sighted =
                    audit.lines()
                            .anyMatch(l ->
                                    l.contains("\"session\":\"" + shortId + "\"")
                                            && l.contains("\"outcome\":\"untrusted-origin\""));
            if (vector.captured() != sighted) {
                unaudited.add(vector.name() + (sighted ? " (dropped, yet sighted)" : ""));
            }
        });
        assertThat(unaudited).as("vectors without an untrusted-origin audit record").isEmpty();
        String operational = Files.readString(katoHome.resolve("logs/operational.jsonl"));
        for (String log : List.of(audit, operational)) {
            assertThat(log).doesNotContain("pwned-");
        }
        assertThat(s.kato("audit", "verify").exitCode()).isZero();

        // Control: the same command line typed by a person does run.
        Path control = notes.resolve("control.md");
        ClaudeLog typed = ClaudeLog.main(project, "c1a0ffff-0000-4000-8000-000000000000");
        typed.append(typed.user(HostileClaudeRecords.COMMAND.replace(TARGET, control.toString())));
        DaemonProcesses.awaitFile(control, t -> !t.isEmpty());
    }

    private static List<Path> corpus(String dir) throws IOException {
        try (Stream<Path> files = Files.list(Golden.path(dir))) {
            return files.sorted().toList();
        }
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.indexOf('.'));
    }

    /** Writes the corpus file as a live log, its command aimed at an allowed destination. */
    private Map<Path, Long> place(Path source, Path log) throws IOException {
        String text = Files.readString(source, StandardCharsets.UTF_8);
        String aimed =
                text.replace(TARGET, notes.resolve("pwned-" + stem(source) + ".md").toString());
        Files.writeString(log, aimed, StandardCharsets.UTF_8);
        return Map.of(log.toAbsolutePath().normalize(), Files.size(log));
    }

    /** Waits until the vault's cursor of every written log has reached its end. */
    private void awaitStored(Map<Path, Long> written) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        Map<String, Long> seen = new HashMap<>();
        while (System.nanoTime() < deadline) {
            seen.clear();
            if (Files.isDirectory(katoHome.resolve("sessions"))) {
                try (Stream<Path> dirs = Files.list(katoHome.resolve("sessions"))) {
                    for (Path meta : dirs.map(d -> d.resolve("meta.json")).toList()) {
                        if (!Files.exists(meta)) {
                            continue;
                        }
                        Matcher m = CURSOR.matcher(Files.readString(meta));
                        while (m.find()) {
                            seen.put(m.group(1), Long.parseLong(m.group(2)));
                        }
                    }
                }
            }
            boolean all = true;
            for (var e : written.entrySet()) {
                Long at = seen.get(e.getKey().toString());
                all &= at != null && at >= lastLineEnd(e.getKey());
            }
            if (all) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(
                "the daemon did not store every corpus log in time: " + seen.size());
    }

    /** Where the last complete line ends (a Gemini .json document is read whole). */
    private static long lastLineEnd(Path log) throws IOException {
        byte[] bytes = Files.readAllBytes(log);
        if (log.toString().endsWith(".json")) {
            return 0; // rewritten documents keep their own cursor form; stored once seen
        }
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        return end;
    }
}
