package dev.kato.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kato.event.Provider;
import dev.kato.provider.JsonlSessionParser;
import dev.kato.provider.ParseContext;
import dev.kato.provider.ParserLimits;
import org.junit.jupiter.api.Test;

class GeminiParsersTest {
    @Test
    void create_picksTheParserByFileExtension() {
        assertThat(
                        GeminiParsers.create(
                                ParseContext.main(Provider.GEMINI, "session-x.jsonl"),
                                ParserLimits.DEFAULT))
                .isInstanceOf(JsonlSessionParser.class);
        assertThat(
                        GeminiParsers.create(
                                ParseContext.main(Provider.GEMINI, "session-x.json"),
                                ParserLimits.DEFAULT))
                .isInstanceOf(GeminiDocumentParser.class);
    }

    @Test
    void create_rejectsAnotherProvidersFile() {
        assertThatThrownBy(() ->
                        GeminiParsers.create(
                                ParseContext.main(Provider.CLAUDE, "x.jsonl"),
                                ParserLimits.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
