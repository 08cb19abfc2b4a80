package dev.kato.writer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProseTextTest {
    @Test
    void contain_dropsLeadingBlankLinesAndTrailingWhitespace_normalizesNewlines() {
        assertThat(ProseText.contain("\n \n  indented\r\nnext\r\r\n\n  ", false))
                .isEqualTo("  indented\nnext");
        assertThat(ProseText.contain(" \n\t\n", false)).isEmpty();
    }

    @Test
    void contain_closesAnUnclosedFence_withTheSameCharacterAndLength() {
        assertThat(ProseText.contain("a\n````js\ncode", false)).isEqualTo("a\n````js\ncode\n````");
        assertThat(ProseText.contain("~~~\ncode\n~~~~", false)).isEqualTo("~~~\ncode\n~~~~");
        assertThat(ProseText.contain("```\ncode\n~~~", false)).isEqualTo("```\ncode\n~~~\n```");
    }

    @Test
    void closingFence_mayBeFollowedOnlyBySpacesOrTabs() {
        assertThat(ProseText.contain("```\ncode\n``` \t", false)).isEqualTo("```\ncode\n```");
        assertThat(ProseText.contain("```\ncode\n```\u2003\nmore", false))
                .isEqualTo("```\ncode\n```\u2003\nmore\n```");
        assertThat(ProseText.contain("   ```\ncode\n    ```", false))
                .isEqualTo("   ```\ncode\n    ```\n```");
    }

    @Test
    void contain_leavesFencedContentAlone() {
        String fenced = "```html\n<script>x</script>\n# User_2026-01-01_0000_00\n![i](u)\n```";
        assertThat(ProseText.contain(fenced, true)).isEqualTo(fenced);
    }

    @Test
    void backtickFenceWithBacktickInInfo_isNotAFence() {
        assertThat(ProseText.contain("``` a`b\n<div>", false)).isEqualTo("``` a`b\n\\<div>");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "<div>|\\<div>",
                "</details>|\\</details>",
                "<!-- c -->|\\<!-- c -->",
                "<?php|\\<?php",
                "a < b and 1<2|a < b and 1<2",
                "<https://x.y/z>|<https://x.y/z>",
                "<me@example.com>|<me@example.com>",
                "`<b>` and ``a ` <b>``|`<b>` and ``a ` <b>``",
                "\\<already|\\<already",
                "![alt](u) and ![ref][r]|!\\[alt](u) and !\\[ref][r]",
                "unclosed `code <b>|unclosed `code \\<b>",
            })
    void escapeInline_neutralizesHtmlAndImagesOnly(String in, String out) {
        assertThat(ProseText.escapeInline(in)).isEqualTo(out);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "plain text|*plain text*",
                "- item|- *item*",
                "> 1. quoted item|> 1. *quoted item*",
                "## heading|## *heading*",
                "a *star* and `co*de`|*a \\*star\\* and `co*de`*",
                "ends with \\|*ends with \\\\*",
                "ends escaped \\*|*ends escaped \\**",
                "---|---",
            })
    void italicizeLine_wrapsTheTextAfterBlockMarkers(String in, String out) {
        assertThat(ProseText.italicizeLine(in)).isEqualTo(out);
    }

    @Test
    void italicizeLine_leavesTablesAndIndentedLinesAlone() {
        assertThat(ProseText.italicizeLine("| a | b |")).isEqualTo("| a | b |");
        assertThat(ProseText.italicizeLine("    indented code")).isEqualTo("    indented code");
        assertThat(ProseText.italicizeLine("\tindented code")).isEqualTo("\tindented code");
    }

    @Test
    void italics_skipBlankLinesAndFences() {
        assertThat(ProseText.contain("one\n\n```\ncode\n```\ntwo", true))
                .isEqualTo("*one*\n\n```\ncode\n```\n*two*");
    }

    @Test
    void speakerHeadingLookalikes_areEscaped_otherHeadingsStay() {
        assertThat(
                        ProseText.contain(
                                "# User_2026-02-21_1644_14\n# Plan\n## User_2026-02-21_1644_14",
                                false))
                .isEqualTo("\\# User_2026-02-21_1644_14\n# Plan\n## User_2026-02-21_1644_14");
        assertThat(ProseText.contain("  # gpt-5_unknown-time", false))
                .isEqualTo("  \\# gpt-5_unknown-time");
    }
}
