package dev.kato.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.testing.FixtureFiles;
import dev.kato.testing.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ExportCommandTest {
    @TempDir Path tmp;
    private CliHarness cli;

    @BeforeEach
    void setUp() throws IOException {
        cli =
                new CliHarness(tmp)
                        .withConfig(
                                "featureFlags:\n  writerIncludeToolCalls: true\n  writerIncludeThinking: true\n");
    }

    static Stream<String> sharedFixtures() throws IOException {
        try (Stream<Path> files = Files.list(FixtureFiles.sharedKato())) {
            return files.map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    /** Where each assistant keeps such a file, so discovery finds it as that provider. */
    private Path placeFixture(String name) throws IOException {
        byte[] bytes = FixtureFiles.sharedKato(name);
        if (name.startsWith("claude")) {
            return cli.place("claude", "-home-user-project/" + name, bytes);
        }
        if (name.startsWith("codex")) {
            return cli.place("codex", "2026/02/10/rollout-2026-02-10T10-00-00-" + name, bytes);
        }
        return cli.place("gemini", "project/chats/session-2026-02-24T10-00-" + name, bytes);
    }

    @ParameterizedTest
    @MethodSource("sharedFixtures")
    void exportOfEachFixture_byLogPath_givesItsGoldenMarkdown(String fixture) throws IOException {
        Path log = placeFixture(fixture);
        Path out = cli.notes.resolve(fixture + ".md");
        CliHarness.Result r = cli.run("export", log.toString(), "-o", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().strip()).isEqualTo(out.toRealPath().toString());
        Golden.assertMatches("export/" + fixture + ".md", Files.readString(out));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out)))
                .isEqualTo("rw-------");
    }

    @ParameterizedTest
    @MethodSource("sharedFixtures")
    void jsonlExportOfEachFixture_givesItsGoldenEvents(String fixture) throws IOException {
        Path log = placeFixture(fixture);
        Path out = cli.notes.resolve(fixture + ".jsonl");
        CliHarness.Result r = cli.run("export", log.toString(), "-o", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        Golden.assertMatches("export/" + fixture + ".events.jsonl", Files.readString(out));
    }

    @Test
    void exportByShortIdWithoutOutput_writesUnderExportsWithDefaultName() throws IOException {
        placeFixture("claude-session.jsonl");
        String shortId =
                cli.run("sessions", "--json")
                        .out()
                        .replaceAll("(?s).*\"shortId\":\"([0-9a-f]{8})\".*", "$1");
        CliHarness.Result r = cli.run("export", shortId);
        assertThat(r.exitCode()).as(r.err()).isZero();
        Path written = Path.of(r.out().strip());
        assertThat(written.getParent()).isEqualTo(cli.katoHome.resolve("exports").toRealPath());
        assertThat(written.getFileName().toString())
                .isEqualTo("claude-" + shortId + "-20261123T100000Z.md");
        assertThat(Files.readString(written)).contains("# User_2026-02-10_2336_18");
    }

    @Test
    void exportByProviderSessionId_andJsonlFormatFlag() throws IOException {
        placeFixture("codex-session-vscode-new.jsonl");
        CliHarness.Result r = cli.run("export", "sess-vscode-001", "--format", "jsonl");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().strip()).endsWith(".jsonl");
        assertThat(Files.readAllLines(Path.of(r.out().strip())))
                .allMatch(l -> l.startsWith("{\"conversationSchemaVersion\":2,"));
    }

    @Test
    void emptySession_writesNothing_andFailsWithOneLine() throws IOException {
        Path log =
                cli.place(
                        "claude",
                        "p/empty.jsonl",
                        "{\"type\":\"progress\",\"sessionId\":\"empty\"}\n".getBytes());
        Path out = cli.notes.resolve("empty.md");
        CliHarness.Result r = cli.run("export", log.toString(), "-o", out.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err())
                .matches(
                        "kato: export of [0-9a-f]{8} failed: the session has no conversation events;"
                                + " nothing was written\n");
        assertThat(out).doesNotExist();
        try (Stream<Path> left = Files.list(cli.notes)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void unknownSession_andDeniedDestination_areOneLineErrors_andWriteNothing() throws IOException {
        placeFixture("claude-session.jsonl");
        CliHarness.Result unknown = cli.run("export", "deadbeef");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err())
                .isEqualTo("kato: no session matches 'deadbeef'; list them with 'kato sessions'\n");
        CliHarness.Result denied =
                cli.run("export", "sess-001", "-o", tmp.resolve("elsewhere/x.md").toString());
        assertThat(denied.exitCode()).isEqualTo(1);
        assertThat(denied.err())
                .startsWith("kato: export denied: ")
                .contains("outside the allowed write roots")
                .doesNotContain("\tat ");
        assertThat(denied.err().lines()).hasSize(1);
        assertThat(tmp.resolve("elsewhere")).doesNotExist();
        CliHarness.Result badExt =
                cli.run("export", "sess-001", "-o", cli.notes.resolve("x.sh").toString());
        assertThat(badExt.err()).contains("must end in one of");
    }

    @Test
    void usageErrors_exitTwo() throws IOException {
        assertThat(cli.run("export").exitCode()).isEqualTo(2);
        assertThat(cli.run("export", "x", "--format", "pdf").exitCode()).isEqualTo(2);
        assertThat(cli.run("export", "x", "-o", "/tmp/a.md", "--format", "jsonl").exitCode())
                .isEqualTo(2);
        assertThat(cli.run("export", "x", "--bogus").exitCode()).isEqualTo(2);
        assertThat(cli.run("nosuchcommand").exitCode()).isEqualTo(2);
    }

    @Test
    void reExportIntoAnExistingFile_keepsUserFrontmatterKeys() throws IOException {
        Path log = placeFixture("claude-session.jsonl");
        Path out = cli.notes.resolve("chat.md");
        Files.writeString(
                out, "---\ntitle: 'My own title'\ntags: [auth]\nproject: kato\n---\n\nold body\n");
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-------"));
        assertThat(cli.run("export", log.toString(), "-o", out.toString()).exitCode()).isZero();
        String text = Files.readString(out);
        assertThat(text)
                .contains("title: 'My own title'")
                .contains("tags: [auth]")
                .contains("project: kato")
                .doesNotContain("old body");
        assertThat(text).contains("I want to add authentication to my app.");
    }

    @Test
    void logGoneAfterDiscovery_isAClearError() throws IOException {
        Path log = placeFixture("claude-session.jsonl");
        Files.delete(log);
        CliHarness.Result r = cli.run("export", "sess-001");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().lines()).hasSize(1);
    }
}
