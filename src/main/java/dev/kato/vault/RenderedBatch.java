package dev.kato.vault;

import static java.util.Objects.requireNonNull;

import dev.kato.event.ConversationEvent;
import dev.kato.writer.JsonlRenderer;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * Events together with their vault lines (canonical JSONL, UTF-8), rendered before the vault is
 * entered: the daemon renders on its reading thread while the capture thread stores the previous
 * batch. Rendering is pure, so it needs no lock. Content stays out of {@link #toString()}.
 */
public final class RenderedBatch {
    private static final JsonlRenderer RENDERER = new JsonlRenderer();

    private final List<ConversationEvent> events;
    private final byte[] bytes;
    private final int[] ends;

    private RenderedBatch(List<ConversationEvent> events, byte[] bytes, int[] ends) {
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
        Lines out = new Lines(8192);
        Lines line = new Lines(1024);
        int[] ends = new int[copy.size()];
        for (int i = 0; i < copy.size(); i++) {
            line.reset();
            RENDERER.writeUtf8(copy.get(i), line);
            out.appendReplacingSurrogateEscapes(line);
            ends[i] = out.size();
        }
        return new RenderedBatch(copy, out.toByteArray(), ends);
    }

    /** A byte buffer that can copy another one's bytes with lone-surrogate escapes replaced. */
    private static final class Lines extends ByteArrayOutputStream {
        Lines(int size) {
            super(size);
        }

        /**
         * Copies {@code from}, turning each JSON escape of a surrogate ({@code \\uD800}–{@code
         * \\uDFFF}) into {@code ?}. The generator writes paired surrogates as four UTF-8 bytes, so
         * such an escape only ever stands for a lone one.
         */
        void appendReplacingSurrogateEscapes(Lines from) {
            byte[] b = from.buf;
            int n = from.count;
            int copied = 0;
            for (int i = 0; i < n - 1; i++) {
                if (b[i] != '\\') {
                    continue;
                }
                if (b[i + 1] == 'u' && i + 5 < n && isSurrogateEscape(b, i + 2)) {
                    write(b, copied, i - copied);
                    write('?');
                    copied = i + 6;
                    i += 5;
                } else {
                    i++; // the escaped character, which may itself be a backslash
                }
            }
            write(b, copied, n - copied);
        }

        private static boolean isSurrogateEscape(byte[] b, int hex) {
            int first = Character.toUpperCase(b[hex]);
            int second = Character.toUpperCase(b[hex + 1]);
            return first == 'D' && second >= '8' && second <= 'F';
        }
    }

    public List<ConversationEvent> events() {
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
