package dev.kato.writer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.event.Provider;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpeakerTest {
    @ParameterizedTest
    @CsvSource({
        "claude-opus-4-6, claude-opus-4.6",
        "claude-sonnet-4-6, claude-sonnet-4.6",
        "gpt-5.3-codex, gpt-5.3-codex",
        "claude-sonnet-4-5-20250929, claude-sonnet-4-5-20250929",
        "gemini-2.0-pro, gemini-2.0-pro",
        "'evil model\n# x<b>', evil-model-x-b-",
    })
    void assistantLabel_rewritesTrailingVersion_andKeepsOnlySafeCharacters(
            String model, String label) {
        assertThat(Speaker.assistant(model, Provider.CLAUDE).label()).isEqualTo(label);
    }

    @Test
    void unknownModel_isTheProviderId_andContinuesTheAssistantsTurn() {
        Speaker unknown = Speaker.assistant(null, Provider.CODEX);
        Speaker known = Speaker.assistant("gpt-5.3-codex", Provider.CODEX);
        assertThat(unknown.label()).isEqualTo("codex");
        assertThat(Speaker.assistant(" 日本 ", Provider.CODEX)).isEqualTo(unknown);
        assertThat(known.continues(unknown)).isTrue();
        assertThat(unknown.continues(known)).isTrue();
        assertThat(Speaker.assistant("other", Provider.CODEX).continues(known)).isFalse();
        assertThat(Speaker.USER.continues(unknown)).isFalse();
    }

    @Test
    void heading_usesTheZone_orUnknownTime() {
        Instant t = Instant.parse("2026-02-21T15:44:14Z");
        assertThat(Speaker.USER.heading(t, ZoneOffset.UTC)).isEqualTo("# User_2026-02-21_1544_14");
        assertThat(Speaker.USER.heading(t, ZoneId.of("America/Los_Angeles")))
                .isEqualTo("# User_2026-02-21_0744_14");
        assertThat(Speaker.SYSTEM.heading(null, ZoneOffset.UTC)).isEqualTo("# System_unknown-time");
    }
}
