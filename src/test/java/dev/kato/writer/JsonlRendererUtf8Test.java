package dev.kato.writer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.event.ConversationEvent;
import dev.kato.event.Text;
import dev.kato.event.ToolResult;
import dev.kato.vault.EventReadResult;
import dev.kato.vault.JsonlEventReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The byte path of the renderer (the vault's lines) writes exactly the canonical lines the
 * character path writes (exports, recordings): every expected line of the repository's provider
 * fixtures (all event kinds), read back and rendered both ways, and an event whose every string
 * holds every character that needs an escape.
 */
class JsonlRendererUtf8Test {
    private static final JsonlRenderer RENDERER = new JsonlRenderer();
    private static final JsonlEventReader READER = new JsonlEventReader();

    private static String utf8(ConversationEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RENDERER.writeUtf8(event, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyFixtureLine_isWrittenIdenticallyBothWays() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of("src/test/resources/testdata/provider"))) {
            files = walk.filter(p -> p.toString().endsWith(".events.jsonl")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(10);
        int lines = 0;
        java.util.Set<String> kinds = new java.util.TreeSet<>();
        for (Path file : files) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                ConversationEvent event = ((EventReadResult.Parsed) READER.read(line)).event();
                kinds.add(event.kind());
                assertThat(utf8(event)).as("%s", file.getFileName()).isEqualTo(line + "\n");
                assertThat(RENDERER.line(event)).isEqualTo(line + "\n");
                lines++;
            }
        }
        assertThat(lines).isGreaterThan(100);
        assertThat(kinds)
                .as("every kind of event is covered")
                .contains(
                        "message.user",
                        "message.assistant",
                        "message.system",
                        "thinking",
                        "tool.call",
                        "tool.result",
                        "decision",
                        "provider.info");
    }

    @Test
    void escapesInEveryStringField_matchTheCharacterPath() {
        StringBuilder all = new StringBuilder("x");
        for (char c = 0; c < 0x20; c++) {
            all.append(c);
        }
        String tricky = all + "\"\\/\u007F\u2028é😀 end";
        String line =
                "{\"conversationSchemaVersion\":2,\"eventId\":\"e1\",\"provider\":\"claude\","
                        + "\"sessionId\":\"s1\",\"timestamp\":null,\"kind\":\"tool.call\","
                        + "\"turnId\":null,\"source\":{\"providerEventType\":\"t\","
                        + "\"providerEventId\":\"p\"},\"model\":null,\"toolCallId\":\"c1\","
                        + "\"name\":\"Bash\",\"description\":\"d\",\"input\":\"i\"}";
        ConversationEvent base = ((EventReadResult.Parsed) READER.read(line)).event();
        dev.kato.event.ToolCall call = (dev.kato.event.ToolCall) base;
        ConversationEvent withTricky =
                new dev.kato.event.ToolCall(call.meta(), tricky, tricky, tricky, tricky, tricky);
        assertThat(utf8(withTricky)).isEqualTo(RENDERER.line(withTricky));
        assertThat(READER.read(utf8(withTricky))).isEqualTo(new EventReadResult.Parsed(withTricky));
    }

    @Test
    void toolOutputHeldInItsSpelling_rendersAsItsCharactersDo() {
        String line =
                "{\"conversationSchemaVersion\":2,\"eventId\":\"e1\",\"provider\":\"codex\","
                        + "\"sessionId\":\"s1\",\"timestamp\":null,\"kind\":\"tool.result\","
                        + "\"turnId\":null,\"source\":{\"providerEventType\":\"t\","
                        + "\"providerEventId\":\"p\"},\"toolCallId\":\"c1\",\"isError\":false,"
                        + "\"text\":\"i\"}";
        ToolResult base = (ToolResult) ((EventReadResult.Parsed) READER.read(line)).event();
        java.util.SplittableRandom random = new java.util.SplittableRandom(8);
        String[] pieces = {"\"", "\\", "\n", "\t", "\r", "\b", "\f", "/", "\u007F", "é", "配", "😀"};
        for (int round = 0; round < 2_000; round++) {
            StringBuilder s = new StringBuilder();
            for (int i = random.nextInt(0, 40); i > 0; i--) {
                s.append(
                        random.nextBoolean()
                                ? pieces[random.nextInt(pieces.length)]
                                : String.valueOf((char) random.nextInt('a', 'z' + 1)));
            }
            String chars = s.toString();
            String spelled = RENDERER.line(new ToolResult(base.meta(), "c1", chars, false));
            int at = spelled.indexOf("\"text\":\"") + 8;
            byte[] b = spelled.substring(at).getBytes(StandardCharsets.UTF_8);
            Text held = Text.ofCanonicalJson(b, 0, b.length, 0, Integer.MAX_VALUE);
            assertThat(held).isNotNull();
            assertThat(held.heldCanonically()).isTrue();
            ToolResult copied = new ToolResult(base.meta(), "c1", held, false);
            assertThat(utf8(copied)).as("round %s", round).isEqualTo(spelled);
            assertThat(RENDERER.line(copied)).isEqualTo(spelled);
        }
    }
}
