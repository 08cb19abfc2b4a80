package dev.kato.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.event.UserOrigin;
import org.junit.jupiter.api.Test;

class PartListTest {
    private static Part part(String key, String text) {
        return Part.of(key, new PartBody.UserText(text, UserOrigin.TOOL_OUTPUT));
    }

    @Test
    void sameKeySameContent_isDropped_sameKeyOtherContent_isKeptUnderASuffix() {
        PartList list = new PartList();
        list.add(part("tool:x", "a"));
        list.add(part("tool:x", "a"));
        list.add(part("tool:x", "b"));
        list.add(part("tool:x", "c"));
        list.add(part("tool:x", "b"));
        list.add(part("other", "a"));
        assertThat(list.toList())
                .extracting(Part::key)
                .containsExactly("tool:x", "tool:x~2", "tool:x~3", "other");
    }
}
