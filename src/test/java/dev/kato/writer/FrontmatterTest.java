package dev.kato.writer;

import static dev.kato.writer.MarkdownRendererTest.RECORDING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.event.ConversationEvent;
import dev.kato.event.EventKind;
import dev.kato.event.Provider;
import dev.kato.testing.Golden;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

class FrontmatterTest {
    private static final String EXISTING =
            """
            ---
            id: my-auth-notes
            title: My edited title
            desc: 'Notes about auth: keep!'
            created: 1700000000000
            updated: 1700000000001
            tags: [auth, project.x]
            participants: [user.djradon, claude.claude-opus-4-6, custom.bot]
            aliases: [Auth notes]
            rating: 5
            publish: true
            nested: {a: 1, b: [x, 'y z'], c: null}
            note: "two\\nlines"
            recordingIds:
              - 11111111-2222-4333-8444-555555555555
              - 0d9c4f5e-8a1b-4c2d-9e3f-5a6b7c8d9e0f
            conversationEventKinds: message.user
            ---

            # User_2023-11-14_2213_20

            Old body that a re-capture replaces.
            """;

    private static Map<?, ?> parse(String frontmatter) {
        assertThat(frontmatter).startsWith("---\n").endsWith("\n---\n");
        String yaml = frontmatter.substring(4, frontmatter.length() - 4);
        return (Map<?, ?>) new Load(LoadSettings.builder().build()).loadFromString(yaml);
    }

    private static SessionFacts facts(String title) {
        return new SessionFacts(
                Provider.CLAUDE,
                "7f3c2a91-5d4e-4b8a-9c1f-2e6d8a0b4c73",
                title,
                Instant.ofEpochMilli(1771688654000L),
                Instant.ofEpochMilli(1771688714000L),
                List.of("claude-opus-4-6"),
                List.of(EventKind.USER_MESSAGE, EventKind.ASSISTANT_MESSAGE));
    }

    @Test
    void mergeIntoExistingFile_keepsUserKeysAndEditedScalars_unionsLists() {
        List<ConversationEvent> events = WriterFixtures.claudeConversation();
        MarkdownOptions o =
                MarkdownOptions.builder()
                        .includeUpdated(true)
                        .includeEventKinds(true)
                        .addParticipantUsername(true)
                        .participantUsername("djradon")
                        .build();
        MergeOutcome out =
                new MarkdownRenderer()
                        .renderDocument(
                                events,
                                List.of(RECORDING, "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"),
                                o,
                                Optional.of(EXISTING));
        assertThat(out).isInstanceOf(MergeOutcome.Merged.class);
        String md = ((MergeOutcome.Merged) out).text();
        Golden.assertMatches("writer/markdown/merge-existing.existing.md", EXISTING);
        MarkdownRendererTest.golden("merge-existing", events, md);

        Map<?, ?> yaml = parse(md.substring(0, md.indexOf("---\n", 4) + 4));
        assertThat(yaml.get("id")).isEqualTo("my-auth-notes");
        assertThat(yaml.get("title")).isEqualTo("My edited title");
        assertThat(yaml.get("desc")).isEqualTo("Notes about auth: keep!");
        assertThat(yaml.get("created")).isEqualTo(1700000000000L);
        assertThat(yaml.get("updated")).isEqualTo(1771688708000L);
        assertThat(yaml.get("participants"))
                .isEqualTo(
                        List.of(
                                "user.djradon",
                                "claude.claude-opus-4-6",
                                "custom.bot",
                                "claude.claude-sonnet-4-6"));
        assertThat(yaml.get("recordingIds"))
                .isEqualTo(
                        List.of(
                                "11111111-2222-4333-8444-555555555555",
                                RECORDING,
                                "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"));
        assertThat(yaml.get("conversationEventKinds"))
                .isEqualTo(
                        List.of(
                                "message.user",
                                "thinking",
                                "message.assistant",
                                "tool.call",
                                "tool.result"));
        assertThat(yaml.get("tags")).isEqualTo(List.of("auth", "project.x"));
        assertThat(yaml.get("aliases")).isEqualTo(List.of("Auth notes"));
        assertThat(yaml.get("rating")).isEqualTo(5);
        assertThat(yaml.get("publish")).isEqualTo(true);
        assertThat(yaml.get("note")).isEqualTo("two\nlines");
        assertThat(yaml.get("nested").toString()).isEqualTo("{a=1, b=[x, y z], c=null}");
        assertThat(md).doesNotContain("Old body").contains("Setting it up now.");
    }

    @Test
    void mergeIntoOwnOutput_isAFixedPoint() {
        MarkdownOptions o =
                MarkdownOptions.builder().includeUpdated(true).includeEventKinds(true).build();
        String fresh = Frontmatter.render(facts("Hello: world"), List.of(RECORDING), o);
        MergeOutcome again =
                Frontmatter.merge(fresh + "\nbody\n", facts("Hello: world"), List.of(RECORDING), o);
        assertThat(again).isEqualTo(new MergeOutcome.Merged(fresh));
    }

    @Test
    void mergeWithFrontmatterDisabled_keepsTheExistingBlockByteForByte() {
        MarkdownOptions o = MarkdownOptions.builder().includeFrontmatter(false).build();
        String existing = "---\r\nodd:   'spacing'   # comment\r\n---\r\nold body\r\n";
        MergeOutcome out = Frontmatter.merge(existing, facts("t"), List.of(RECORDING), o);
        assertThat(out)
                .isEqualTo(
                        new MergeOutcome.Merged("---\r\nodd:   'spacing'   # comment\r\n---\r\n"));
        assertThat(Frontmatter.merge("no frontmatter", facts("t"), List.of(), o))
                .isEqualTo(new MergeOutcome.Merged(""));
    }

    @Test
    void mergeIntoEmptyFrontmatter_rendersEveryKey() {
        MarkdownOptions o = MarkdownOptions.DEFAULTS;
        MergeOutcome out = Frontmatter.merge("---\n---\nbody\n", facts("t"), List.of(RECORDING), o);
        assertThat(out)
                .isEqualTo(
                        new MergeOutcome.Merged(
                                Frontmatter.render(facts("t"), List.of(RECORDING), o)));
    }

    @Test
    void mergeWithBomAndDotsTerminator_isUnderstood() {
        MergeOutcome out =
                Frontmatter.merge(
                        "\uFEFF---\nid: kept\nextra: 1\n...\nbody",
                        facts("t"),
                        List.of(),
                        MarkdownOptions.DEFAULTS);
        assertThat(((MergeOutcome.Merged) out).text())
                .startsWith("---\nid: kept\n")
                .contains("\nextra: 1\n");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "UNTERMINATED|---\ntitle: x\nno end",
                "INVALID_YAML|---\ntitle: 'unclosed\n---\n",
                "INVALID_YAML|---\nid: a\nid: b\n---\n",
                "INVALID_YAML|---\nt: !custom x\n---\n",
                "INVALID_YAML|---\na: &x [1]\nb: *x\nc: *x\nd: *x\ne: *x\nf: *x\ng: *x\nh: *x\ni: *x\nj: *x\nk: *x\nl: *x\nm: *x\nn: *x\no: *x\np: *x\nq: *x\nr: *x\n---\n",
                "NOT_A_MAPPING|---\n- a\n- b\n---\n",
                "NOT_A_MAPPING|---\njust a string\n---\n",
                "UNSUPPORTED_VALUE|---\nb: !!binary aGVsbG8=\n---\n",
                "UNSUPPORTED_VALUE|---\ns: !!set {a, b}\n---\n",
                "UNSUPPORTED_VALUE|---\nr: &a [*a]\n---\n",
            })
    void malformedExistingFrontmatter_isAReason_notACrash(String testCase) {
        String[] parts = testCase.split("\\|", 2);
        MergeOutcome out =
                Frontmatter.merge(parts[1], facts("t"), List.of(), MarkdownOptions.DEFAULTS);
        assertThat(out).isInstanceOf(MergeOutcome.Malformed.class);
        MergeOutcome.Malformed bad = (MergeOutcome.Malformed) out;
        assertThat(bad.reason().name()).isEqualTo(parts[0]);
        assertThat(bad.message())
                .startsWith("existing frontmatter ")
                .doesNotContain("unclosed", "custom", "aGVs");
    }

    @Test
    void malformed_reportsTheLineOfTheProblem() {
        MergeOutcome out =
                Frontmatter.merge(
                        "---\nid: a\ntitle: [unclosed\n---\n",
                        facts("t"),
                        List.of(),
                        MarkdownOptions.DEFAULTS);
        assertThat(((MergeOutcome.Malformed) out).line()).isBetween(3, 5);
        assertThat(((MergeOutcome.Malformed) out).message()).contains("(line ");
    }

    @Test
    void tooLarge_andTooDeep_areRejectedBeforeParsing() {
        String big = "---\n" + "k: v\n".repeat(Frontmatter.MAX_EXISTING_CHARS / 4) + "---\n";
        String deep = "---\nk: " + "[".repeat(5000) + "]".repeat(5000) + "\n---\n";
        assertThat(Frontmatter.merge(big, facts("t"), List.of(), MarkdownOptions.DEFAULTS))
                .isEqualTo(new MergeOutcome.Malformed(MergeOutcome.Reason.TOO_LARGE, 0));
        String prefix = big.substring(0, Frontmatter.MAX_EXISTING_CHARS + 16);
        assertThat(Frontmatter.merge(prefix, facts("t"), List.of(), MarkdownOptions.DEFAULTS))
                .isEqualTo(new MergeOutcome.Malformed(MergeOutcome.Reason.TOO_LARGE, 0));
        assertThat(Frontmatter.merge(deep, facts("t"), List.of(), MarkdownOptions.DEFAULTS))
                .isEqualTo(new MergeOutcome.Malformed(MergeOutcome.Reason.UNSUPPORTED_VALUE, 0));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "plain title",
                "- leading dash",
                "it's: a 'quote'",
                "# not a comment",
                "\"double\" quotes \\ backslash",
                "{flow: [map]}",
                "& anchor * alias ! tag % directive @ at ` tick",
                "yes",
                "123",
                "2026-02-21",
                "tab\there",
                "control \u0007 bell \u0085 nel \u2028 ls",
                "emoji 😀 and 中文",
                "trailing space ",
                "",
            })
    void title_roundTripsThroughAYamlParser(String title) {
        String fm = Frontmatter.render(facts(title), List.of(RECORDING), MarkdownOptions.DEFAULTS);
        assertThat(parse(fm).get("title")).isEqualTo(title);
        assertThat(fm).contains("\nid: ").contains("\ndesc: ''\n");
    }

    @Test
    void id_isSlugPlusFirstEightAlphanumericsOfTheSessionId() {
        assertThat(Frontmatter.id("I want to add authentication to my app", "7F3C-2A91-5d4e"))
                .isEqualTo("i-want-to-add-authentica-7f3c2a91");
        assertThat(Frontmatter.id("!!!", "")).isEqualTo("note");
        assertThat(Frontmatter.id("Über café", "ab")).isEqualTo("ber-caf-ab");
        assertThat(Frontmatter.slug("a".repeat(23) + " b")).isEqualTo("a".repeat(23));
    }

    @Test
    void frontmatter_forEmptyFacts_hasNoTimesNorSession() {
        String fm =
                Frontmatter.render(
                        SessionFacts.empty(null, ""), List.of(), MarkdownOptions.DEFAULTS);
        assertThat(fm).isEqualTo("---\nid: note\ntitle: ''\ndesc: ''\n---\n");
    }

    @Test
    void recordingIds_areDeduplicatedAndQuotedWhenNumeric() {
        String fm =
                Frontmatter.render(
                        facts("t"),
                        List.of("12345678", RECORDING, " " + RECORDING + " "),
                        MarkdownOptions.DEFAULTS);
        assertThat(fm).contains("recordingIds: ['12345678', " + RECORDING + "]\n");
        assertThat(parse(fm).get("recordingIds")).isEqualTo(List.of("12345678", RECORDING));
    }
}
