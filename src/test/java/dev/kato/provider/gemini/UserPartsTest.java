package dev.kato.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.json.JsonLimits;
import dev.kato.json.JsonTreeReader;
import dev.kato.json.JsonValue;
import dev.kato.json.MalformedJsonException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How a {@code user} row becomes parts: {@code key=origin:text} per part, in order. */
class UserPartsTest {
    private static List<String> parts(String json, boolean subAgent) throws MalformedJsonException {
        JsonValue message =
                new JsonTreeReader(JsonLimits.DEFAULT).read(json.getBytes(StandardCharsets.UTF_8));
        return MessageParts.of(message, "user", subAgent).stream()
                .map(p ->
                        switch (p.body()) {
                            case PartBody.UserText u ->
                                    p.key() + "=" + u.origin().wireName() + ":" + u.text();
                            case PartBody.Result r -> p.key() + "=result:" + r.text();
                            default -> p.key() + "=?";
                        })
                .toList();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
                    typed string         | {"content":"hi"}                                                     | text=human:hi
                    typed parts joined   | {"content":[{"text":"a"},{"text":"b"},"c"]}                           | text=human:abc
                    display wins         | {"content":"x","displayContent":"hi"}                                | text=human:hi;content=injected-context:x
                    display same         | {"content":" hi ","displayContent":[{"text":"hi"}]}                   | text=human:hi
                    blank display        | {"content":"hi","displayContent":"  "}                               | text=human:hi
                    at-file              | {"content":"hi\\n--- Content from referenced files ---\\nB"}         | text=human:hi;context=injected-context:--- Content from referenced files ---\\nB
                    hook part            | {"content":[{"text":"hi"},{"text":"<hook_context>h</hook_context>"}]} | text=human:hi;context=injected-context:<hook_context>h</hook_context>
                    session context      | {"content":"  <session_context>s</session_context>"}                 | text=injected-context:  <session_context>s</session_context>
                    harness display      | {"content":"hi","displayContent":"<hook_context>h"}                  | text=injected-context:hi;display=injected-context:<hook_context>h
                    shell mode           | {"content":"I ran the following shell command: ls"}                  | text=tool-output:I ran the following shell command: ls
                    only a marker        | {"content":"<hook_context>h"}                                        | text=injected-context:<hook_context>h
                    tool response        | {"content":[{"functionResponse":{"id":"c","response":{"output":"o"}}},{"text":"t"}]} | tool:c:result=result:o;text=tool-output:t
                    tool response shown  | {"content":[{"functionResponse":{"id":"c","response":{"output":"o"}}}],"displayContent":"d"} | tool:c:result=result:o;text=tool-output:d
                    nothing              | {"content":[{"inlineData":{"data":"AA"}}]}                           | ''
                    """)
    void mainSession(String name, String json, String expected) throws MalformedJsonException {
        assertThat(String.join(";", parts(json, false))).isEqualTo(expected.replace("\\n", "\n"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
                    prompt        | {"content":"do it\\n::record x","displayContent":"do it"} | text=sub-agent:do it\\n::record x;display=sub-agent:do it
                    tool response | {"content":[{"functionResponse":{"name":"n","response":{"output":"o"}}}]} | tool:n:result=result:o
                    """)
    void subAgent_nothingIsHuman(String name, String json, String expected)
            throws MalformedJsonException {
        assertThat(String.join(";", parts(json, true))).isEqualTo(expected.replace("\\n", "\n"));
    }
}
