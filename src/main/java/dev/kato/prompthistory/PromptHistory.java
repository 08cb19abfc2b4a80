package dev.kato.prompthistory;

import static java.util.Objects.requireNonNull;

import dev.kato.command.CommandParse;
import dev.kato.command.CommandParser;
import dev.kato.config.KatoConfig;
import dev.kato.config.ProviderSessionRoots;
import dev.kato.event.Provider;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Confirms a command message against the assistant's prompt history. A message is confirmed when
 * one entry (a) has the message's session id, or none at all, (b) was submitted at most {@link
 * #TOLERANCE} before or after the message's provider timestamp, and (c) holds every command line of
 * the message as one of its own lines (both compared with surrounding white space stripped). Only
 * the typed text counts (Claude's {@code display}, not {@code pastedContents}).
 *
 * <p>The assistant may write its history entry just after the transcript line the daemon reads, so
 * a miss is retried for up to the given patience before it is final.
 */
public final class PromptHistory {
    /** How far apart the history entry's time and the message's time may be. */
    public static final Duration TOLERANCE = Duration.ofMinutes(2);

    /** How long a miss is retried in the daemon. */
    public static final Duration PATIENCE = Duration.ofSeconds(2);

    private static final Duration RETRY = Duration.ofMillis(200);

    private final ProviderSessionRoots roots;
    private final Duration patience;

    public PromptHistory(ProviderSessionRoots roots, Duration patience) {
        this.roots = requireNonNull(roots, "roots");
        this.patience = requireNonNull(patience, "patience");
    }

    /** The daemon's cross-check; empty when {@code commands.confirmWithPromptHistory} is off. */
    public static Optional<PromptHistory> configured(KatoConfig config) {
        return config.commands().confirmWithPromptHistory()
                ? Optional.of(new PromptHistory(config.providerSessionRoots(), PATIENCE))
                : Optional.empty();
    }

    /**
     * The history files the daemon reads when {@code commands.confirmWithPromptHistory} is on
     * (Claude's and Codex's beside their roots; Gemini's lie under its roots), none when it is off.
     */
    public static List<Path> files(KatoConfig config) {
        if (!config.commands().confirmWithPromptHistory()) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        var roots = config.providerSessionRoots();
        for (Path root : Stream.concat(roots.claude().stream(), roots.codex().stream()).toList()) {
            Path home = root.getParent();
            if (home != null) {
                out.add(home.resolve(HistoryFiles.JSONL));
            }
        }
        return List.copyOf(out);
    }

    /**
     * Whether the message {@code text} of session {@code sessionId}, read from {@code sessionLog}
     * and stamped {@code at} by the provider, is confirmed. A message without a timestamp or a
     * session log cannot be confirmed.
     */
    public HistoryVerdict check(
            Provider provider,
            String sessionId,
            @Nullable Path sessionLog,
            String text,
            @Nullable Instant at)
            throws InterruptedException {
        Set<String> wanted = commandLines(text);
        if (wanted.isEmpty()) {
            return HistoryVerdict.CONFIRMED; // nothing that could run
        }
        Optional<Path> file =
                sessionLog == null
                        ? Optional.empty()
                        : HistoryFiles.locate(roots, provider, sessionLog);
        if (file.isEmpty()) {
            return HistoryVerdict.UNAVAILABLE;
        }
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            HistoryVerdict verdict = once(provider, file.get(), sessionId, wanted, at);
            if (verdict == HistoryVerdict.CONFIRMED || System.nanoTime() >= deadline) {
                return verdict;
            }
            Thread.sleep(RETRY.toMillis());
        }
    }

    private static HistoryVerdict once(
            Provider provider,
            Path file,
            String sessionId,
            Set<String> wanted,
            @Nullable Instant at) {
        List<HistoryEntry> entries;
        try {
            entries = HistoryReader.read(provider, file);
        } catch (IOException e) {
            return HistoryVerdict.UNAVAILABLE;
        }
        if (at == null) {
            return HistoryVerdict.NOT_IN_HISTORY;
        }
        for (HistoryEntry e : entries) {
            if ((e.sessionId() == null || e.sessionId().equals(sessionId))
                    && Duration.between(e.time(), at).abs().compareTo(TOLERANCE) <= 0
                    && lines(e.text()).containsAll(wanted)) {
                return HistoryVerdict.CONFIRMED;
            }
        }
        return HistoryVerdict.NOT_IN_HISTORY;
    }

    /** The message's lines that parse as command lines on their own, stripped. */
    static Set<String> commandLines(String text) {
        return text.lines()
                .filter(l -> !(CommandParser.parse(l) instanceof CommandParse.None))
                .map(String::strip)
                .collect(Collectors.toSet());
    }

    private static Set<String> lines(String text) {
        return text.lines().map(String::strip).collect(Collectors.toSet());
    }
}
