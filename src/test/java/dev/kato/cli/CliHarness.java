package dev.kato.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Runs CLI command lines in-process against a temporary home: {@code KATO_HOME} and provider
 * session roots under a temp directory. The clock is fixed (a test double for time only).
 */
final class CliHarness {
    final Path home;
    final Path katoHome;
    final Path roots;
    final Path notes;
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

    record Result(int exitCode, String out, String err) {}

    CliHarness(Path tmp) throws IOException {
        this.home = Files.createDirectories(tmp.resolve("home"));
        this.katoHome = home.resolve(".kato");
        this.roots = Files.createDirectories(tmp.resolve("roots"));
        this.notes = Files.createDirectories(tmp.resolve("notes"));
        for (String p : new String[] {"claude", "codex", "gemini"}) {
            Files.createDirectories(roots.resolve(p));
        }
    }

    /** Writes a config with the temp roots, the notes directory allowed, and UTC headings. */
    CliHarness withConfig(String extraYaml) throws IOException {
        Files.createDirectories(katoHome);
        Files.writeString(
                katoHome.resolve("kato-config.yaml"),
                "schemaVersion: 1\n"
                        + "providerSessionRoots:\n"
                        + "  claude: ["
                        + roots.resolve("claude")
                        + "]\n"
                        + "  codex: ["
                        + roots.resolve("codex")
                        + "]\n"
                        + "  gemini: ["
                        + roots.resolve("gemini")
                        + "]\n"
                        + "allowedWriteRoots: ["
                        + notes
                        + ", "
                        + katoHome.resolve("exports")
                        + "]\n"
                        + "timeZone: UTC\n"
                        + extraYaml);
        return this;
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext context = CliContext.of(Map.of("KATO_HOME", katoHome.toString()), home, clock);
        int code = Main.run(args, context, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    /** Places a provider log where discovery will find it. */
    Path place(String provider, String relative, byte[] content) throws IOException {
        Path target = roots.resolve(provider).resolve(relative);
        Files.createDirectories(target.getParent());
        return Files.write(target, content);
    }
}
