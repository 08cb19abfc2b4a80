package dev.kato.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeySuggestionsTest {
    @Test
    void distance_isLevenshtein() {
        assertThat(KeySuggestions.distance("", "")).isZero();
        assertThat(KeySuggestions.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(KeySuggestions.distance("abc", "")).isEqualTo(3);
    }

    @Test
    void closest_withinLimit() {
        List<String> keys = List.of("operationalLevel", "auditLevel");
        assertThat(KeySuggestions.closest("operationalLvl", keys)).contains("operationalLevel");
        assertThat(KeySuggestions.closest("AUDITLEVEL", keys)).contains("auditLevel");
        assertThat(KeySuggestions.closest("colour", keys)).isEmpty();
    }

    @Test
    void closest_shortWords_allowTwoEdits() {
        assertThat(KeySuggestions.closest("mod", List.of("mode"))).contains("mode");
        assertThat(KeySuggestions.closest("xy", List.of("mode"))).isEmpty();
    }

    @Test
    void closest_hugeInput_isSkipped() {
        assertThat(KeySuggestions.closest("a".repeat(10_000), List.of("a"))).isEmpty();
    }

    @Test
    void unknownKeyMessage_everyLevel() {
        assertThat(KeySuggestions.unknownKeyMessage("alowedWriteRoots", ""))
                .isEqualTo("unknown key; did you mean `allowedWriteRoots`?");
        assertThat(KeySuggestions.unknownKeyMessage("mdoe", "sandbox"))
                .isEqualTo("unknown key; did you mean `mode`?");
        assertThat(KeySuggestions.unknownKeyMessage("maxAge", "ingest"))
                .isEqualTo("unknown key here; did you mean `commands.maxAge`?");
        assertThat(KeySuggestions.unknownKeyMessage("timeZone", "writer"))
                .isEqualTo("unknown key here; did you mean `timeZone`?");
    }
}
