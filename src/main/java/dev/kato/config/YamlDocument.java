package dev.kato.config;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.resolver.CoreScalarResolver;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.Schema;

/**
 * Turns the bytes of a config file into one composed YAML node, or into problems: size cap, strict
 * UTF-8, YAML-printable characters only, a single document, bounded nesting. Uses the YAML 1.2 core
 * schema without merge keys ({@code <<} is an ordinary key), so {@code yes}/{@code on} are strings.
 */
final class YamlDocument {
    static final int MAX_FILE_BYTES = 1024 * 1024;
    static final int MAX_NESTING_DEPTH = 32;
    private static final int MAX_PARSER_MESSAGE_CHARS = 120;

    /** The result of composing. */
    sealed interface Outcome {
        record Composed(Node root) implements Outcome {}

        record Failed(ConfigProblem problem) implements Outcome {}
    }

    private YamlDocument() {}

    static Outcome compose(byte[] bytes) {
        if (bytes.length > MAX_FILE_BYTES) {
            return failed(0, "the file is larger than 1 MiB; a Kato config is a few kilobytes");
        }
        int badByte = firstMalformedUtf8(bytes);
        if (badByte >= 0) {
            return failed(
                    lineAtByte(bytes, badByte), "the file is not valid UTF-8 (save it as UTF-8)");
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        int bad = firstNonPrintable(text);
        if (bad >= 0) {
            return failed(
                    lineAtChar(text, bad),
                    String.format(
                            "contains the control character U+%04X; only printable text is allowed",
                            text.codePointAt(bad)));
        }
        return composeText(text);
    }

    private static Outcome composeText(String text) {
        LoadSettings settings =
                LoadSettings.builder()
                        .setLabel(Environment.CONFIG_FILE_NAME)
                        .setSchema(new CoreSchemaWithoutMerge())
                        .setAllowNonScalarKeys(true)
                        .setParseComments(false)
                        .build();
        ScreenedYamlParser parser =
                new ScreenedYamlParser(
                        new ParserImpl(settings, new StreamReader(settings, text)),
                        MAX_NESTING_DEPTH);
        try {
            Optional<Node> root = new Composer(settings, parser).getSingleNode();
            return root.<Outcome>map(Outcome.Composed::new)
                    .orElseGet(() ->
                            failed(
                                    0,
                                    "the file is empty; it needs at least `schemaVersion:"
                                            + " 1` (`kato init` writes a full one)"));
        } catch (ScreenedYamlParser.NestingTooDeepException e) {
            return failed(
                    e.line(), "nested deeper than " + MAX_NESTING_DEPTH + " levels; not a config");
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().or(e::getContextMark).map(m -> m.getLine() + 1).orElse(0);
            return failed(line, "YAML syntax error: " + shorten(e.getProblem()));
        } catch (YamlEngineException e) {
            return failed(0, "YAML syntax error");
        } catch (RuntimeException e) {
            // Hostile input must fail closed with a problem, never escape as an exception.
            return failed(0, "the file could not be parsed as YAML");
        }
    }

    private static Outcome failed(int line, String message) {
        return new Outcome.Failed(new ConfigProblem("", line, message));
    }

    /** The parser's own wording, with anything unprintable dropped and the length capped. */
    private static String shorten(String problem) {
        String clean =
                problem.codePoints()
                        .filter(cp -> !ConfigPaths.isControl(cp))
                        .collect(
                                StringBuilder::new,
                                StringBuilder::appendCodePoint,
                                StringBuilder::append)
                        .toString()
                        .strip();
        return clean.length() <= MAX_PARSER_MESSAGE_CHARS
                ? clean
                : clean.substring(0, MAX_PARSER_MESSAGE_CHARS) + "…";
    }

    private static int firstMalformedUtf8(byte[] bytes) {
        CharsetDecoder decoder =
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            return in.position();
        }
        result = decoder.flush(out);
        return result.isError() ? in.position() : -1;
    }

    private static int firstNonPrintable(String text) {
        for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
            if (!StreamReader.isPrintable(text.codePointAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** 1-based line of the byte at {@code end}; LF, CRLF and a lone CR each end a line. */
    static int lineAtByte(byte[] bytes, int end) {
        int line = 1;
        for (int i = 0; i < end; i++) {
            if (bytes[i] == '\n'
                    || (bytes[i] == '\r' && (i + 1 == bytes.length || bytes[i + 1] != '\n'))) {
                line++;
            }
        }
        return line;
    }

    private static int lineAtChar(String text, int end) {
        int line = 1;
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (c == '\n'
                    || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
                line++;
            }
        }
        return line;
    }

    /** YAML 1.2 core schema, minus the {@code <<} merge key; no constructors are ever used. */
    private static final class CoreSchemaWithoutMerge implements Schema {
        @Override
        public ScalarResolver getScalarResolver() {
            return new CoreScalarResolver(false);
        }

        @Override
        public Map<Tag, ConstructNode> getSchemaTagConstructors() {
            return Map.of();
        }
    }
}
