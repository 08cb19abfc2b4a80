package dev.kato.writer;

import static java.util.Objects.requireNonNull;

import dev.kato.event.ToolCall;
import dev.kato.event.ToolResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Tool calls held back briefly so that a result arriving right after its call (directly, or after
 * the other calls of a parallel batch) is rendered inside the call's block. Memory is bounded: at
 * most {@link #MAX_CALLS} calls and about {@link #MAX_CHARS} chars are held, and the names of at
 * most {@link #MAX_AWAITED} calls rendered without a result are remembered to label a late result.
 */
final class PendingToolCalls {
    static final int MAX_CALLS = 16;
    static final int MAX_CHARS = 1 << 20;
    static final int MAX_AWAITED = 256;
    private static final int MAX_REMEMBERED_CHARS = 512;

    /** A held call, the speaker it belongs to, and its result once it arrived. */
    record Entry(ToolCall call, Speaker speaker, ToolBlocks.@Nullable Result result) {
        Entry {
            requireNonNull(call, "call");
            requireNonNull(speaker, "speaker");
        }

        @Override
        public String toString() {
            return "Entry[" + call.meta().eventId() + ", answered=" + (result != null) + "]";
        }
    }

    private final List<Entry> entries = new ArrayList<>(MAX_CALLS);
    private int chars;
    private final Map<String, String> awaitedNames = new LinkedHashMap<>();

    boolean isEmpty() {
        return entries.isEmpty();
    }

    int size() {
        return entries.size();
    }

    /** Whether another call must wait until the held ones are rendered. */
    boolean isFull() {
        return entries.size() >= MAX_CALLS || chars >= MAX_CHARS;
    }

    void hold(ToolCall call, Speaker speaker) {
        entries.add(new Entry(call, speaker, null));
        chars += call.inputJson().length() + call.description().length();
    }

    /** Attaches the result to the first held call with its id and no result yet. */
    boolean tryAttach(ToolResult result, int maxChars) {
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (e.result() == null && e.call().toolCallId().equals(result.toolCallId())) {
                ToolBlocks.Result text = ToolBlocks.Result.of(result, maxChars);
                entries.set(i, new Entry(e.call(), e.speaker(), text));
                chars += text.text().length();
                return true;
            }
        }
        return false;
    }

    /** The held calls in arrival order; remembers the names of those still without a result. */
    List<Entry> drain() {
        List<Entry> out = List.copyOf(entries);
        for (Entry e : out) {
            String id = e.call().toolCallId();
            if (e.result() == null && id.length() <= MAX_REMEMBERED_CHARS) {
                awaitedNames.remove(id);
                awaitedNames.put(id, InlineText.cut(e.call().name(), MAX_REMEMBERED_CHARS));
                if (awaitedNames.size() > MAX_AWAITED) {
                    awaitedNames.remove(awaitedNames.keySet().iterator().next());
                }
            }
        }
        entries.clear();
        chars = 0;
        return out;
    }

    /** The name of a call rendered without its result; forgets it. */
    Optional<String> tryTakeAwaitedName(String toolCallId) {
        return Optional.ofNullable(awaitedNames.remove(toolCallId));
    }

    int awaitedCount() {
        return awaitedNames.size();
    }
}
