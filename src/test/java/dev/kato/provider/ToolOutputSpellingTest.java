package dev.kato.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.event.Provider;
import dev.kato.event.ToolResult;
import dev.kato.ingest.SessionParsers;
import dev.kato.testing.CollectingSink;
import dev.kato.testing.ParserRuns;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Long tool output reaches the event in the provider's canonical spelling (so a worker copies it
 * instead of decoding and encoding it), for Claude Code and Codex alike, and renders as the same
 * line either way ({@link ParserRuns#jsonl} compares the two renderings).
 */
class ToolOutputSpellingTest {
    private static final String OUTPUT = "line one\\n\\t\\\"quoted\\\" \\\\ é 配置 😀 → ".repeat(8);

    private static List<ToolResult> results(Provider provider, String file, String jsonl) {
        return results(provider, file, jsonl, ParserLimits.DEFAULT.keepingTextSpelling());
    }

    private static List<ToolResult> results(
            Provider provider, String file, String jsonl, ParserLimits limits) {
        SessionParser parser = SessionParsers.create(ParseContext.main(provider, file), limits);
        CollectingSink sink = new CollectingSink();
        byte[] b = jsonl.getBytes(StandardCharsets.UTF_8);
        parser.feed(b, 0, b.length, sink);
        parser.endOfInput(sink);
        assertThat(sink.anomalies).isEmpty();
        ParserRuns.jsonl(sink.events);
        return sink.events.stream()
                .filter(ToolResult.class::isInstance)
                .map(ToolResult.class::cast)
                .toList();
    }

    @Test
    void claudeToolResult_keepsItsSpelling() {
        String line =
                "{\"type\":\"user\",\"uuid\":\"u1\",\"sessionId\":\"s1\",\"timestamp\":\"2026-11-01T09:00:00.000Z\","
                        + "\"message\":{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t1\","
                        + "\"content\":\""
                        + OUTPUT
                        + "\"},{\"type\":\"tool_result\",\"tool_use_id\":\"t2\",\"content\":[{\"type\":\"text\",\"text\":\""
                        + OUTPUT
                        + "\"}]}]}}\n";
        List<ToolResult> results = results(Provider.CLAUDE, "s1.jsonl", line);
        assertThat(results).hasSize(2);
        // unless asked to (an export reads every character), the parser decodes them
        List<ToolResult> decoded = results(Provider.CLAUDE, "s1.jsonl", line, ParserLimits.DEFAULT);
        assertThat(decoded).noneMatch(r -> r.content().heldCanonically());
        assertThat(decoded).isEqualTo(results);
        assertThat(results)
                .allSatisfy(r -> {
                    assertThat(r.content().heldCanonically()).isTrue();
                    assertThat(r.text()).startsWith("line one\n\t\"quoted\" \\ é 配置 😀 → ");
                });
    }

    @Test
    void codexFunctionCallOutput_keepsItsSpelling_aSlashEscapeIsDecoded() {
        String call =
                "{\"timestamp\":\"2026-11-01T09:00:00.000Z\",\"type\":\"response_item\",\"payload\":"
                        + "{\"type\":\"function_call\",\"name\":\"shell\",\"arguments\":\"{}\",\"call_id\":\"c1\"}}\n";
        String output =
                "{\"timestamp\":\"2026-11-01T09:00:01.000Z\",\"type\":\"response_item\",\"payload\":"
                        + "{\"type\":\"function_call_output\",\"call_id\":\"c1\",\"output\":\""
                        + OUTPUT
                        + "\"}}\n";
        String slashed = output.replace("c1", "c2").replace("line one", "a\\/b");
        List<ToolResult> results =
                results(
                        Provider.CODEX,
                        "rollout-2026-11-01T09-00-00-x.jsonl",
                        call + output + call.replace("c1", "c2") + slashed);
        assertThat(results).hasSize(2);
        assertThat(results.get(0).content().heldCanonically()).isTrue();
        assertThat(results.get(1).content().heldCanonically()).isFalse();
        assertThat(results.get(1).text()).startsWith("a/b\n");
    }
}
