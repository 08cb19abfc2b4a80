package dev.kato.config;

import static java.util.Objects.requireNonNull;

import java.util.NoSuchElementException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ImplicitTuple;
import org.snakeyaml.engine.v2.events.MappingStartEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.events.SequenceStartEvent;
import org.snakeyaml.engine.v2.parser.Parser;

/**
 * Sits between snakeyaml-engine's parser and its composer and makes the composed tree safe to walk
 * and precise to report on:
 *
 * <ul>
 *   <li>an alias ({@code *x}) becomes an empty scalar tagged {@link #ALIAS_TAG} at the alias's own
 *       position, so aliases are never expanded (no billion-laughs, no shared nodes) and each is
 *       reported at its own line and key path;
 *   <li>an explicit tag ({@code !x}, {@code !!str}, {@code !}) is replaced by {@link
 *       #EXPLICIT_TAG}, so the composer never interprets a user-supplied tag;
 *   <li>nesting deeper than {@code maxDepth} stops parsing with {@link NestingTooDeepException}
 *       (the composer is recursive; this bounds its stack).
 * </ul>
 *
 * Anchors ({@code &x}) pass through and are reported from {@code Node.getAnchor()}.
 */
final class ScreenedYamlParser implements Parser {
    static final String ALIAS_TAG = "tag:kato.dev,2026:alias";
    static final String EXPLICIT_TAG = "tag:kato.dev,2026:explicit-tag";

    private final Parser delegate;
    private final int maxDepth;
    private int depth;
    private @Nullable Event pending;

    ScreenedYamlParser(Parser delegate, int maxDepth) {
        this.delegate = requireNonNull(delegate, "delegate");
        this.maxDepth = maxDepth;
    }

    @Override
    public boolean hasNext() {
        return pending != null || delegate.hasNext();
    }

    @Override
    public boolean checkEvent(Event.ID choice) {
        return hasNext() && peekEvent().getEventId() == choice;
    }

    @Override
    public Event peekEvent() {
        Event event = pending;
        if (event == null) {
            event = screen(delegate.peekEvent());
            pending = event;
        }
        return event;
    }

    @Override
    public Event next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more YAML events");
        }
        Event event = peekEvent();
        delegate.next();
        pending = null;
        switch (event.getEventId()) {
            case MappingStart, SequenceStart -> {
                depth++;
                if (depth > maxDepth) {
                    int line = event.getStartMark().map(m -> m.getLine() + 1).orElse(0);
                    throw new NestingTooDeepException(line);
                }
            }
            case MappingEnd, SequenceEnd -> depth--;
            default -> {}
        }
        return event;
    }

    private static Event screen(Event event) {
        return switch (event) {
            case AliasEvent alias ->
                    new ScalarEvent(
                            Optional.empty(),
                            Optional.of(ALIAS_TAG),
                            new ImplicitTuple(false, false),
                            "",
                            ScalarStyle.PLAIN,
                            alias.getStartMark(),
                            alias.getEndMark());
            case ScalarEvent scalar when scalar.getTag().isPresent() ->
                    new ScalarEvent(
                            scalar.getAnchor(),
                            Optional.of(EXPLICIT_TAG),
                            new ImplicitTuple(false, false),
                            scalar.getValue(),
                            scalar.getScalarStyle(),
                            scalar.getStartMark(),
                            scalar.getEndMark());
            case MappingStartEvent start when start.getTag().isPresent() ->
                    new MappingStartEvent(
                            start.getAnchor(),
                            Optional.of(EXPLICIT_TAG),
                            false,
                            start.getFlowStyle(),
                            start.getStartMark(),
                            start.getEndMark());
            case SequenceStartEvent start when start.getTag().isPresent() ->
                    new SequenceStartEvent(
                            start.getAnchor(),
                            Optional.of(EXPLICIT_TAG),
                            false,
                            start.getFlowStyle(),
                            start.getStartMark(),
                            start.getEndMark());
            default -> event;
        };
    }

    /** Nesting exceeded the limit at {@code line} (1-based). */
    static final class NestingTooDeepException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int line;

        NestingTooDeepException(int line) {
            super("YAML nesting too deep at line " + line, null, false, false);
            this.line = line;
        }

        int line() {
            return line;
        }
    }
}
