package dev.kato.json;

import dev.kato.event.Text;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;

/**
 * Reads one JSON document into a {@link JsonValue} tree with Jackson's streaming parser, within
 * {@link JsonLimits}. Thread-safe; reuse one instance.
 */
public final class JsonTreeReader {
    /**
     * Shortest string kept in its canonical spelling (see {@link Text}): below it, decoding costs
     * less than the look at its spelling and the copy.
     */
    static final int CANONICAL_MIN_BYTES = 64;

    private final JsonFactory factory;
    private final int maxStringLength;
    private final boolean keepSpelling;

    /**
     * One factory per distinct limits, shared: a Jackson factory keeps its own property-name symbol
     * tables and buffer pool, so one per reader (one or two per tailed file) made the daemon's heap
     * grow with the number of session files.
     */
    private static final java.util.concurrent.ConcurrentMap<JsonLimits, JsonFactory> FACTORIES =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** A reader that decodes every string. */
    public JsonTreeReader(JsonLimits limits) {
        this(limits, false);
    }

    /**
     * A reader that, with {@code keepSpelling}, keeps a string of at least {@link
     * #CANONICAL_MIN_BYTES} bytes spelled the canonical way as that spelling (copied) instead of
     * decoding it; Jackson still checks it as it steps over. Worth it only when the characters are
     * mostly not read: reading them later costs more than decoding them here.
     */
    public JsonTreeReader(JsonLimits limits, boolean keepSpelling) {
        this.factory = FACTORIES.computeIfAbsent(limits, JsonTreeReader::newFactory);
        this.maxStringLength = limits.maxStringLength();
        this.keepSpelling = keepSpelling;
    }

    private static JsonFactory newFactory(JsonLimits limits) {
        StreamReadConstraints constraints =
                StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxNestingDepth())
                        .maxStringLength(limits.maxStringLength())
                        .maxDocumentLength(limits.maxDocumentLength())
                        .maxNumberLength(1000)
                        .maxNameLength(64 * 1024)
                        .build();
        return JsonFactory.builder()
                .streamReadConstraints(constraints)
                // duplicate names are refused by readObject, which holds the names anyway:
                // Jackson's own detection kept a second set of them per object
                .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool())
                .build();
    }

    /**
     * Parses {@code len} bytes of UTF-8 JSON starting at {@code off}.
     *
     * @throws MalformedJsonException when the bytes are not exactly one valid JSON document within
     *     the limits (the message names the problem, never the content)
     */
    public JsonValue read(byte[] bytes, int off, int len) throws MalformedJsonException {
        try (JsonParser p = factory.createParser(ObjectReadContext.empty(), bytes, off, len)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new MalformedJsonException("empty document");
            }
            JsonValue value;
            try {
                Source in =
                        keepSpelling ? new Source(bytes, off, off + len, maxStringLength) : null;
                value = readValue(p, first, in);
            } catch (DuplicateName e) {
                throw new MalformedJsonException(
                        "duplicate property name at column " + p.currentLocation().getColumnNr());
            }
            if (p.nextToken() != null) {
                throw new MalformedJsonException("trailing content after the JSON value");
            }
            return value;
        } catch (JacksonException e) {
            throw new MalformedJsonException(describe(e));
        }
    }

    /**
     * A streaming parser over {@code len} bytes at {@code off}, within the same limits, for a
     * caller that walks a known layout itself; Jackson's exceptions are the caller's to catch.
     */
    public JsonParser parser(byte[] bytes, int off, int len) {
        return factory.createParser(ObjectReadContext.empty(), bytes, off, len);
    }

    public JsonValue read(byte[] bytes) throws MalformedJsonException {
        return read(bytes, 0, bytes.length);
    }

    /** The document's bytes, for strings kept in their spelling. */
    private record Source(byte[] bytes, int off, int end, int maxStringLength) {}

    private static JsonValue readValue(JsonParser p, JsonToken token, @Nullable Source in) {
        return switch (token) {
            case START_OBJECT -> readObject(p, in);
            case START_ARRAY -> readArray(p, in);
            case VALUE_STRING -> readString(p, in);
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new JsonValue.Num(p.getString());
            case VALUE_TRUE -> new JsonValue.Bool(true);
            case VALUE_FALSE -> new JsonValue.Bool(false);
            case VALUE_NULL -> JsonValue.NULL;
            default -> throw new IllegalStateException("unexpected token " + token);
        };
    }

    /**
     * A string: its canonical spelling when it has one and is long enough, else its characters. An
     * undecoded string is skipped by Jackson's next step, which still checks its syntax; the length
     * limit is applied here to its bytes (never fewer than its characters).
     */
    private static JsonValue readString(JsonParser p, @Nullable Source in) {
        if (in == null) {
            return new JsonValue.Str(p.getString());
        }
        long at = p.currentTokenLocation().getByteOffset();
        int quote = (int) at + in.off();
        if (at >= 0 && quote < in.end() && in.bytes()[quote] == '"') {
            Text text =
                    Text.ofCanonicalJson(
                            in.bytes(),
                            quote + 1,
                            in.end(),
                            CANONICAL_MIN_BYTES,
                            in.maxStringLength());
            if (text != null) {
                return new JsonValue.Str(text);
            }
        }
        return new JsonValue.Str(p.getString());
    }

    private static JsonValue readObject(JsonParser p, @Nullable Source in) {
        Map<String, JsonValue> fields = new LinkedHashMap<>();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            if (fields.put(name, readValue(p, p.nextToken(), in)) != null) {
                throw new DuplicateName();
            }
        }
        if (t != JsonToken.END_OBJECT) {
            throw new IllegalStateException("unexpected token " + t);
        }
        return new JsonValue.Obj(fields);
    }

    private static JsonValue readArray(JsonParser p, @Nullable Source in) {
        List<JsonValue> items = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new IllegalStateException("unexpected end of input");
            }
            items.add(readValue(p, t, in));
        }
        return new JsonValue.Arr(items);
    }

    /** A name given twice in one object; carries no content. */
    private static final class DuplicateName extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DuplicateName() {
            super(null, null, false, false);
        }
    }

    private static String describe(JacksonException e) {
        String name = e.getClass().getSimpleName();
        // Jackson messages can quote input; keep only the exception type and location.
        var loc = e.getLocation();
        return loc == null ? name : name + " at column " + loc.getColumnNr();
    }
}
