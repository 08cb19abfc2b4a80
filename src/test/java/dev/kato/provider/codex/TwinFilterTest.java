package dev.kato.provider.codex;

import static dev.kato.provider.codex.TwinFilter.Channel.EVENT_MSG;
import static dev.kato.provider.codex.TwinFilter.Channel.RESPONSE_ITEM;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TwinFilterTest {
    @Test
    void admit_twinFromTheOtherChannel_isSwallowed_inEitherOrder() {
        TwinFilter twins = new TwinFilter();
        assertThat(twins.admit(RESPONSE_ITEM, "Done.")).isTrue();
        assertThat(twins.admit(EVENT_MSG, "Done.\n")).isFalse();
        assertThat(twins.admit(EVENT_MSG, "Next.")).isTrue();
        assertThat(twins.admit(RESPONSE_ITEM, "Next.")).isFalse();
    }

    @Test
    void admit_sameChannelRepeat_isANewText() {
        TwinFilter twins = new TwinFilter();
        assertThat(twins.admit(RESPONSE_ITEM, "Checking.")).isTrue();
        assertThat(twins.admit(RESPONSE_ITEM, "Checking.")).isTrue();
        assertThat(twins.admit(EVENT_MSG, "Checking.")).isFalse();
        assertThat(twins.admit(EVENT_MSG, "Checking.")).isFalse();
        assertThat(twins.admit(EVENT_MSG, "Checking.")).isTrue();
    }

    @Test
    void clear_forgetsWaitingCopies() {
        TwinFilter twins = new TwinFilter();
        twins.admit(RESPONSE_ITEM, "a");
        twins.clear();
        assertThat(twins.admit(EVENT_MSG, "a")).isTrue();
    }

    @Test
    void admit_isBounded_oldCopiesAreForgotten() {
        TwinFilter twins = new TwinFilter();
        twins.admit(RESPONSE_ITEM, "old");
        for (int i = 0; i < 100; i++) {
            twins.admit(RESPONSE_ITEM, "t" + i);
        }
        assertThat(twins.admit(EVENT_MSG, "old")).isTrue();
        assertThat(twins.admit(EVENT_MSG, "t99")).isFalse();
    }
}
