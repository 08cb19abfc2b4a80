package dev.kato.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kato.event.Text;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The tree keeps long canonically spelled strings undecoded and reads everything else as Jackson
 * does; either way a string's value is Jackson's, and the limits and syntax checks still hold.
 */
class JsonTreeReaderTest {
    private static final JsonLimits LIMITS = new JsonLimits(64, 1 << 20, 8 << 20);
    private static final JsonTreeReader READER = new JsonTreeReader(LIMITS, true);
    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final String LONG = "x".repeat(JsonTreeReader.CANONICAL_MIN_BYTES);

    private static JsonValue read(String doc) throws MalformedJsonException {
        byte[] b = ("pad" + doc + "pad").getBytes(StandardCharsets.UTF_8);
        return READER.read(b, 3, b.length - 6);
    }

    private static Text textAt(JsonValue v, String field) {
        Text t = v.get(field).textOrNull();
        assertThat(t).as(field).isNotNull();
        return t;
    }

    @Test
    void longCanonicalStrings_areKeptInTheirSpelling_shortOrOtherOnesAreDecoded()
            throws MalformedJsonException {
        JsonValue v =
                read(
                        "{\"a\":\"%s\\n\\\"é😀\",\"short\":\"tiny\",\"slash\":\"%s\\/\",\"u\":\"%s\\u0041\",\"arr\":[\"%s\"]}"
                                .formatted(LONG, LONG, LONG, LONG));
        assertThat(textAt(v, "a").heldCanonically()).isTrue();
        assertThat(v.get("a").stringOrNull()).isEqualTo(LONG + "\n\"é😀");
        assertThat(textAt(v, "short").heldCanonically()).isFalse();
        assertThat(textAt(v, "slash").heldCanonically()).isFalse();
        assertThat(v.get("slash").stringOrNull()).isEqualTo(LONG + "/");
        assertThat(textAt(v, "u").heldCanonically()).isFalse();
        assertThat(v.get("u").stringOrNull()).isEqualTo(LONG + "A");
        assertThat(v.get("arr").at(0).textOrNull().heldCanonically()).isTrue();
        assertThat(v.get("arr").at(0).stringOrNull()).isEqualTo(LONG);
        // a reader not asked to keep spellings decodes every string
        byte[] doc = ("{\"a\":\"" + LONG + "\"}").getBytes(StandardCharsets.UTF_8);
        JsonValue decoded = new JsonTreeReader(LIMITS).read(doc);
        assertThat(textAt(decoded, "a").heldCanonically()).isFalse();
        assertThat(decoded).isEqualTo(READER.read(doc));
    }

    @Test
    void randomDocuments_readTheSameValuesAsJackson() throws MalformedJsonException {
        SplittableRandom random = new SplittableRandom(5);
        String[] pieces = {
            "a",
            " ",
            "\\n",
            "\\\"",
            "\\\\",
            "\\/",
            "\\t",
            "\\u0041",
            "\\u001b",
            "\\ud83d\\ude00",
            "é",
            "配",
            "😀",
            "\\u00e9",
            ":",
            "{",
            "]"
        };
        int canonical = 0;
        for (int round = 0; round < 5_000; round++) {
            StringBuilder doc = new StringBuilder("{");
            int fields = random.nextInt(1, 5);
            for (int f = 0; f < fields; f++) {
                StringBuilder s = new StringBuilder();
                int n = random.nextInt(0, 240);
                for (int i = 0; i < n; i++) {
                    s.append(
                            random.nextInt(24) == 0
                                    ? pieces[random.nextInt(pieces.length)]
                                    : String.valueOf((char) random.nextInt('a', 'z' + 1)));
                }
                doc.append(f == 0 ? "" : ",").append("\"f").append(f).append("\":[\"");
                doc.append(s).append("\",").append(f).append(']');
            }
            doc.append('}');
            JsonValue v = read(doc.toString());
            for (int f = 0; f < fields; f++) {
                JsonValue str = v.get("f" + f).at(0);
                assertThat(str.stringOrNull())
                        .as("round %s field %s", round, f)
                        .isEqualTo(jacksonValue(doc.toString(), f));
                if (str.textOrNull().heldCanonically()) {
                    canonical++;
                }
            }
            assertThat(v.get("f0").at(1)).isEqualTo(new JsonValue.Num("0"));
        }
        assertThat(canonical).as("the fast path engages").isGreaterThan(1_000);
    }

    @Test
    void limitsAndSyntax_holdForStringsKeptInTheirSpelling() {
        JsonTreeReader small = new JsonTreeReader(new JsonLimits(64, 100, 8 << 20), true);
        byte[] tooLong = ("{\"a\":\"" + "y".repeat(101) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> small.read(tooLong)).isInstanceOf(MalformedJsonException.class);
        byte[] fits = ("{\"a\":\"" + "y".repeat(100) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertThat(catching(() -> small.read(fits)).get("a").textOrNull().heldCanonically())
                .isTrue();
        // a well-spelled long string followed by broken syntax is still refused
        assertThatThrownBy(() -> read("{\"a\":\"" + LONG + "\" \"b\":1}"))
                .isInstanceOf(MalformedJsonException.class);
        assertThatThrownBy(() -> read("[\"" + LONG + "\""))
                .isInstanceOf(MalformedJsonException.class);
        assertThatThrownBy(() -> read("{\"a\":\"" + LONG + "\",\"a\":\"" + LONG + "\"}"))
                .isInstanceOf(MalformedJsonException.class);
    }

    /** Jackson's value of the string opening field {@code f}'s array. */
    private static String jacksonValue(String doc, int f) {
        try (JsonParser p =
                JSON.createParser(
                        ObjectReadContext.empty(), doc.getBytes(StandardCharsets.UTF_8))) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.PROPERTY_NAME && p.currentName().equals("f" + f)) {
                    p.nextToken();
                    p.nextToken();
                    return p.getString();
                }
            }
        }
        throw new AssertionError("no field f" + f);
    }

    private interface Reading {
        JsonValue read() throws MalformedJsonException;
    }

    private static JsonValue catching(Reading r) {
        try {
            return r.read();
        } catch (MalformedJsonException e) {
            throw new AssertionError(e);
        }
    }
}
