package dev.kato.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MarkdownOptionsTest {
    @Test
    void defaults_matchProductContract() {
        MarkdownOptions d = MarkdownOptions.DEFAULTS;
        assertThat(d.zone()).isEqualTo(ZoneOffset.UTC);
        assertThat(d.includeFrontmatter()).isTrue();
        assertThat(d.includeUpdated()).isFalse();
        assertThat(d.addParticipantUsername()).isFalse();
        assertThat(d.participantUsername()).isEmpty();
        assertThat(d.includeEventKinds()).isFalse();
        assertThat(d.includeCommentary()).isTrue();
        assertThat(d.includeThinking()).isFalse();
        assertThat(d.includeToolCalls()).isFalse();
        assertThat(d.italicizeUserMessages()).isFalse();
        assertThat(d.includeSystemEvents()).isFalse();
        assertThat(d.toolResultMaxChars()).isEqualTo(4000);
    }

    @Test
    void toBuilder_roundTrips() {
        MarkdownOptions o =
                MarkdownOptions.builder()
                        .includeThinking(true)
                        .participantUsername("me")
                        .toolResultMaxChars(10)
                        .build();
        assertThat(o.toBuilder().build()).isEqualTo(o);
    }

    @Test
    void toolResultMaxChars_outOfRange_fails() {
        assertThatThrownBy(() -> MarkdownOptions.builder().toolResultMaxChars(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("toolResultMaxChars");
    }

    @Test
    void participantUsername_withLineBreak_fails() {
        assertThatThrownBy(() -> MarkdownOptions.builder().participantUsername("a\nb").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("participantUsername");
        assertThatThrownBy(() -> MarkdownOptions.builder().participantUsername(" a").build())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
