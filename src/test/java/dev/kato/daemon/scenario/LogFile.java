package dev.kato.daemon.scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;

/**
 * An append-only JSONL provider log written the way the assistants write theirs: whole lines
 * appended, or a line written in two pieces with a pause between them (a reader catches it half
 * written). Every record gets the next fixed timestamp, one second apart, so output is
 * deterministic.
 */
public abstract class LogFile {
    /** The default first timestamp of every scenario log. */
    public static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

    protected final Path file;
    private Instant next = T0;

    protected LogFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    /** Timestamps of later records start at {@code at} (e.g. now, for the downtime rules). */
    public LogFile at(Instant at) {
        next = at;
        return this;
    }

    /** The timestamp for the next record. */
    protected String stamp() {
        String s = next.toString();
        next = next.plusSeconds(1);
        return s;
    }

    /** Appends whole lines (each already ending in a newline) in one write. */
    public void append(String... lines) throws IOException {
        write(String.join("", lines));
    }

    /**
     * Appends {@code line} in two writes: its first {@code cut} characters, then (after {@code
     * pause}) the rest. The first write ends mid-line.
     */
    public void appendInTwoPieces(String line, int cut, Duration pause)
            throws IOException, InterruptedException {
        write(line.substring(0, cut));
        Thread.sleep(pause.toMillis());
        write(line.substring(cut));
    }

    /** Appends the start of a line without its end; complete it with {@link #write}. */
    public void write(String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(
                file,
                text,
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    public void delete() throws IOException {
        Files.delete(file);
    }

    /** A JSON string literal. */
    public static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
