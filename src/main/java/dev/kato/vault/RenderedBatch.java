package dev.kato.vault;

import static java.util.Objects.requireNonNull;

import dev.kato.event.AssistantMessage;
import dev.kato.event.ConversationEvent;
import dev.kato.event.Decision;
import dev.kato.event.ProviderInfo;
import dev.kato.event.SystemNotice;
import dev.kato.event.Thinking;
import dev.kato.event.ToolCall;
import dev.kato.event.ToolResult;
import dev.kato.event.UserMessage;
import dev.kato.json.JsonBytes;
import dev.kato.writer.JsonlRenderer;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Events (as {@link LineEvent}s) together with their vault lines (canonical JSONL, UTF-8), rendered
 * before the vault is entered: the daemon renders on its reading thread while the capture thread
 * stores the previous batch. Rendering is pure, so it needs no lock. Content stays out of {@link
 * #toString()}.
 */
public final class RenderedBatch {
    private static final JsonlRenderer RENDERER = new JsonlRenderer();

    /**
     * Largest render buffer a thread keeps between batches. Live appends are small; a catch-up turn
     * (up to 1 MiB read) allocates its own, so an idle reader does not hold a megabyte or two.
     */
    private static final int RETAINED_BYTES = 256 << 10;

    /**
     * Each rendering thread's buffer, reused from batch to batch, so a batch is copied once instead
     * of being regrown from small.
     */
    private static final ThreadLocal<Lines> SCRATCH =
            ThreadLocal.withInitial(() -> new Lines(64 << 10));

    /** A line's fields other than its texts, about (ids, names, timestamp, punctuation). */
    private static final int LINE_BYTES = 320;

    /** The most a batch's buffer is sized to at once; a larger batch grows it as it renders. */
    private static final int MAX_PRESIZED_BYTES = 32 << 20;

    private final List<LineEvent> events;
    private final byte[] bytes;
    private final int[] ends;

    private RenderedBatch(List<LineEvent> events, byte[] bytes, int[] ends) {
        this.events = events;
        this.bytes = bytes;
        this.ends = ends;
    }

    /**
     * Renders each event of {@code events} as one line. A lone UTF-16 surrogate (possible after a
     * provider's JSON escapes) becomes {@code ?}, as when the text is encoded as UTF-8, so every
     * stored line is well-formed text that the vault's reader accepts.
     */
    public static RenderedBatch of(List<? extends ConversationEvent> events) {
        requireNonNull(events, "events");
        List<ConversationEvent> copy = List.copyOf(events);
        long expected = expectedBytes(copy);
        Lines out;
        if (expected <= RETAINED_BYTES) {
            out = SCRATCH.get();
            out.reset();
        } else {
            out = new Lines((int) Math.min(expected, MAX_PRESIZED_BYTES));
        }
        int[] ends = new int[copy.size()];
        for (int i = 0; i < copy.size(); i++) {
            int lineStart = out.size();
            RENDERER.writeUtf8(copy.get(i), out);
            out.replaceSurrogateEscapes(lineStart);
            ends[i] = out.size();
        }
        byte[] bytes = out.toByteArray();
        if (expected <= RETAINED_BYTES && out.capacity() > RETAINED_BYTES) {
            SCRATCH.remove(); // it grew past what a thread keeps: do not keep it
        }
        List<LineEvent> whole = new ArrayList<>(copy.size());
        for (ConversationEvent e : copy) {
            whole.add(new LineEvent.Whole(e));
        }
        return new RenderedBatch(List.copyOf(whole), bytes, ends);
    }

    /**
     * About how many bytes {@code events} render to: their texts' characters plus an eighth
     * (escapes and characters of more than one byte), and each line's other fields. A catch-up
     * batch's buffer is then allocated once at about its size instead of doubling from 64 KiB five
     * or six times.
     */
    static long expectedBytes(List<ConversationEvent> events) {
        long chars = 0;
        for (ConversationEvent e : events) {
            chars +=
                    LINE_BYTES
                            + switch (e) {
                                case UserMessage u -> u.text().length();
                                case AssistantMessage a -> a.text().length();
                                case Thinking t -> t.text().length();
                                case ToolCall c ->
                                        c.description().length() + c.inputJson().length();
                                case ToolResult r -> r.content().sizeHint();
                                case Decision d -> d.summary().length() + d.question().length();
                                case SystemNotice n -> n.text().length();
                                case ProviderInfo p -> p.value().length();
                            };
        }
        return chars + chars / 8;
    }

    /**
     * A batch of lines rendered elsewhere (by a provider worker) that the caller has already read
     * back into {@code events} (see {@link LineSkimmer}), one line per event, each ending with its
     * line feed. Another line break would split a line in the vault, so one is refused, as are ends
     * that do not fit {@code bytes}.
     *
     * @throws IllegalArgumentException when the lines do not fit the events
     */
    public static RenderedBatch ofReadLines(
            List<? extends LineEvent> events, byte[] bytes, int[] ends) {
        List<LineEvent> copy = List.copyOf(events);
        if (ends.length != copy.size()) {
            throw new IllegalArgumentException("one line per event");
        }
        int previous = 0;
        for (int end : ends) {
            if (end <= previous || end > bytes.length || bytes[end - 1] != '\n') {
                throw new IllegalArgumentException("each line must end with one line feed");
            }
            if (JsonBytes.indexOfEither(bytes, previous, end - 1, (byte) '\n', (byte) '\r') >= 0) {
                throw new IllegalArgumentException("a line break inside a line");
            }
            previous = end;
        }
        if (previous != bytes.length) {
            throw new IllegalArgumentException("bytes after the last line");
        }
        return new RenderedBatch(copy, bytes, ends.clone());
    }

    /** All lines back to back, each with its line feed; the caller must not change the array. */
    public byte[] lineBytes() {
        return bytes;
    }

    /** Where each line ends in {@link #lineBytes()}. */
    public int[] lineEnds() {
        return ends.clone();
    }

    /** A byte buffer whose last line can be rewritten in place. */
    private static final class Lines extends ByteArrayOutputStream {
        Lines(int size) {
            super(size);
        }

        /**
         * Turns each JSON escape of a surrogate ({@code \\uD800}–{@code \\uDFFF}) written since
         * {@code from} into {@code ?}, in place. The generator writes paired surrogates as four
         * UTF-8 bytes, so such an escape only ever stands for a lone one.
         */
        void replaceSurrogateEscapes(int from) {
            byte[] b = buf;
            int n = count;
            int kept = -1; // where kept bytes go once something was replaced; until then in place
            int next = from; // the first byte not yet kept
            // Only the rare backslash-u pairs are visited, not every escape: a long text holds a
            // backslash every few dozen bytes (line breaks, quotes).
            for (int i = JsonBytes.indexOfPair(b, from, n, (byte) '\\', (byte) 'u');
                    i >= 0;
                    i = JsonBytes.indexOfPair(b, i + 2, n, (byte) '\\', (byte) 'u')) {
                if (startsEscape(b, from, i) && i + 5 < n && isSurrogateEscape(b, i + 2)) {
                    if (kept < 0) {
                        kept = i;
                    } else {
                        System.arraycopy(b, next, b, kept, i - next);
                        kept += i - next;
                    }
                    b[kept++] = '?';
                    next = i + 6;
                    i += 4; // the next search starts after the escape's six bytes
                }
            }
            if (kept >= 0) {
                System.arraycopy(b, next, b, kept, n - next);
                count = kept + n - next;
            }
        }

        /**
         * Whether the backslash at {@code i} starts an escape rather than ending an escaped
         * backslash: escapes pair backslashes from the left, so it does when an even number of
         * backslashes (since {@code from}, where no escape is open) directly precede it.
         */
        private static boolean startsEscape(byte[] b, int from, int i) {
            int k = i;
            while (k > from && b[k - 1] == '\\') {
                k--;
            }
            return (i - k) % 2 == 0;
        }

        private static boolean isSurrogateEscape(byte[] b, int hex) {
            int first = Character.toUpperCase(b[hex]);
            int second = Character.toUpperCase(b[hex + 1]);
            return first == 'D' && second >= '8' && second <= 'F';
        }

        int capacity() {
            return buf.length;
        }
    }

    /** The lines' events, one per line, in order. */
    public List<LineEvent> events() {
        return events;
    }

    int size() {
        return ends.length;
    }

    int start(int i) {
        return i == 0 ? 0 : ends[i - 1];
    }

    int length(int i) {
        return ends[i] - start(i);
    }

    /** All lines, back to back; read-only by convention (package-private). */
    byte[] bytes() {
        return bytes;
    }

    @Override
    public String toString() {
        return "RenderedBatch[events=" + ends.length + ", bytes=" + bytes.length + "]";
    }
}
