package dev.kato.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The grammar of {@code product.md} §5, case by case, with exact expected results. */
class CommandParserTest {

    static Stream<Arguments> grammar() {
        return Stream.of(
                // --- no commands ---
                c("empty message", "", "none"),
                c("plain prose", "hello world", "none"),
                c("single colon", ":record", "none"),
                c("spaced colons", ": :record", "none"),
                // --- each command ---
                c("record", "::record", "L0 record"),
                c("stop", "::stop", "L0 stop"),
                c("init without path", "::init", "L0 init"),
                c("init with path", "::init /a/b.md", "L0 init /a/b.md"),
                c("capture without path", "::capture", "L0 capture"),
                c("capture with path", "::capture /x.md", "L0 capture /x.md"),
                c("export", "::export /x.md", "L0 export /x.md"),
                // --- names and whitespace ---
                c("upper case name", "::RECORD", "L0 record"),
                c("mixed case name", "::ExPoRt /x.md", "L0 export /x.md"),
                c("up to 3 leading spaces", "   ::record", "L0 record"),
                c("4 leading spaces is indented code", "    ::record", "none"),
                c("4 leading spaces hides a bad line too", "    ::bogus", "none"),
                c("leading tab is 4 columns, indented code", "\t::record", "none"),
                c("trailing spaces", "::record   ", "L0 record"),
                c("trailing tab", "::stop\t", "L0 stop"),
                c("argument trimmed", "::export   /x.md \t ", "L0 export /x.md"),
                c("tab before argument", "::export\t/x.md", "L0 export /x.md"),
                c(
                        "argument keeps inner spaces",
                        "::export /my notes/x.md",
                        "L0 export /my notes/x.md"),
                // --- line endings ---
                c("LF lines", "hi\n::record\nbye", "L1 record"),
                c("CRLF lines", "hi\r\n::record\r\nbye\r\n", "L1 record"),
                c("CRLF does not leak into path", "::export /a.md\r\n", "L0 export /a.md"),
                c("CR at end of message", "::record\r", "L0 record"),
                c("trailing spaces then CRLF", "::record   \r\n", "L0 record"),
                c("lone CR is not a line break", "hi\r::record", "none"),
                // --- several commands ---
                c(
                        "several commands in line order",
                        "::init /a.md\ntext\n::record\nmore\n::stop",
                        "L0 init /a.md; L2 record; L4 stop"),
                c("adjacent commands", "::export /a.md\n::capture", "L0 export /a.md; L1 capture"),
                // --- parse errors (the whole message is rejected) ---
                c(
                        "record with argument",
                        "::record now",
                        "rejected L0 ARGUMENT_NOT_ALLOWED record"),
                c("stop with argument", "::stop please", "rejected L0 ARGUMENT_NOT_ALLOWED stop"),
                c("export without path", "::export", "rejected L0 MISSING_ARGUMENT export"),
                c("export with blank path", "::export  \t", "rejected L0 MISSING_ARGUMENT export"),
                c("unknown name start", "::start", "rejected L0 UNKNOWN_NAME start"),
                c("typo catpure", "::catpure /x.md", "rejected L0 UNKNOWN_NAME catpure"),
                c("digits only", "::123", "rejected L0 UNKNOWN_NAME 123"),
                c("bare marker", "::", "rejected L0 MISSING_NAME"),
                c("marker and spaces", "::   ", "rejected L0 MISSING_NAME"),
                c("space between marker and name", ":: record", "rejected L0 MISSING_NAME"),
                c("triple colon", ":::note", "rejected L0 UNKNOWN_NAME"),
                c("non-name character in name", "::re:cord", "rejected L0 UNKNOWN_NAME"),
                c("punctuation after name", "::record.", "rejected L0 UNKNOWN_NAME"),
                c("nbsp is not a separator", "::record\u00A0now", "rejected L0 UNKNOWN_NAME"),
                c("long s never folds to s", "::\u017Ftop", "rejected L0 UNKNOWN_NAME"),
                c("dotless i never folds to i", "::\u0131nit", "rejected L0 UNKNOWN_NAME"),
                c("kelvin sign is not k", "::\u212Aato", "rejected L0 UNKNOWN_NAME"),
                c(
                        "workspace grammar is not yet known",
                        "::capture-work /x.md",
                        "rejected L0 UNKNOWN_NAME capture-work"),
                c(
                        "long unknown name is cut to 32",
                        "::" + "a".repeat(40),
                        "rejected L0 UNKNOWN_NAME " + "a".repeat(32)),
                c(
                        "one bad line rejects the message",
                        "::record\n::bogus\n::stop",
                        "rejected L1 UNKNOWN_NAME bogus"),
                c(
                        "every problem is listed",
                        "::bogus\n::record x\nok\n::export",
                        "rejected L0 UNKNOWN_NAME bogus; L1 ARGUMENT_NOT_ALLOWED record;"
                                + " L3 MISSING_ARGUMENT export"),
                // --- path arguments (never a parse error) ---
                c(
                        "not absolute does not reject",
                        "::export notes.md\n::record",
                        "L0 export !RELATIVE; L1 record"),
                c("markdown link", "::export [notes](/a/n.md)", "L0 export /a/n.md"),
                c(
                        "markdown link, angle target",
                        "::export [n](</a/b c.md>)",
                        "L0 export /a/b c.md"),
                c("markdown link, padded target", "::export [n]( /a.md )", "L0 export /a.md"),
                c("markdown link to a URI", "::export [n](file:///a.md)", "L0 export !RELATIVE"),
                c("link then quotes", "::export [n](\"/a.md\")", "L0 export /a.md"),
                c(
                        "quotes then link is not unwrapped",
                        "::export \"[n](/a.md)\"",
                        "L0 export !RELATIVE"),
                c("empty link", "::export []()", "L0 export !EMPTY"),
                c("double quotes", "::export \"/a b.md\"", "L0 export /a b.md"),
                c("single quotes", "::export '/a.md'", "L0 export /a.md"),
                c("backticks", "::export `/a.md`", "L0 export /a.md"),
                c("only one pair removed", "::export ''/a.md''", "L0 export !RELATIVE"),
                c("unbalanced quote", "::export \"/a.md", "L0 export !RELATIVE"),
                c("mismatched quotes", "::export \"/a.md'", "L0 export !RELATIVE"),
                c("empty quotes", "::export ''", "L0 export !EMPTY"),
                c("space inside quotes is kept", "::export \" /a.md\"", "L0 export !RELATIVE"),
                c("mention", "::export @notes.md", "L0 export !MENTION"),
                c("tilde", "::export ~/n.md", "L0 export !TILDE"),
                c("quoted tilde", "::capture \"~/n.md\"", "L0 capture !TILDE"),
                c("dot relative", "::export ./n.md", "L0 export !RELATIVE"),
                c("parent relative", "::init ../n.md", "L0 init !RELATIVE"),
                c("windows drive", "::export C:\\n.md", "L0 export !RELATIVE"),
                c("init mention", "::init @x", "L0 init !MENTION"),
                c("double slash stays for the policy", "::export //h/a.md", "L0 export //h/a.md"),
                // --- fences ---
                c("backtick fence", "```\n::record\n```", "none"),
                c("tilde fence", "~~~\n::record\n~~~", "none"),
                c("bad line inside a fence is ignored", "```\n::bogus\n```", "none"),
                c("other fence char does not close", "```\n::record\n~~~\n::stop", "none"),
                c(
                        "shorter fence does not close",
                        "````\n::record\n```\n::stop\n````\n::stop",
                        "L5 stop"),
                c("longer fence closes", "```\n::record\n`````\n::stop", "L3 stop"),
                c("unclosed fence runs to the end", "text\n```\n::record\n::stop", "none"),
                c("info string", "```java\n::record\n```\n::stop", "L3 stop"),
                c("closing fence with trailing spaces", "```\n::record\n```  \n::stop", "L3 stop"),
                c("closing fence with text does not close", "```\n::record\n``` x\n::stop", "none"),
                c("fence indented 3 spaces", "   ```\n::record\n   ```\n::stop", "L3 stop"),
                c(
                        "fence indented 4 spaces is not a fence",
                        "    ```\n::record\n    ```",
                        "L1 record"),
                c("indented code is not a command", "    ```\n    ::record\n    ```", "none"),
                c(
                        "indented line inside a paragraph is no code block",
                        "`a\n    b`\n::record",
                        "L2 record"),
                c("indented line continues a paragraph span", "`a\n    ::record\nb`", "none"),
                c(
                        "closer indented 4 spaces does not close",
                        "```\n::record\n    ```\n::stop",
                        "none"),
                c("fence after a tab is not a fence", "\t```\n::record", "L1 record"),
                c("backtick info with backtick is inline code", "``` ``` \n::record", "L1 record"),
                c("tilde info may contain tildes", "~~~ ~~~\n::record\n~~~", "none"),
                c("nested-looking fences", "````\n```\n::record\n```\n````\n::stop", "L5 stop"),
                c("empty fenced block", "```\n```\n::record", "L2 record"),
                c("CRLF fence", "```\r\n::record\r\n```\r\n::stop\r\n", "L3 stop"),
                c("list item fence", "- ```\n  ::record\n  ```\n::stop", "L3 stop"),
                c("ordered list fence", "1. ```\n   ::record\n   ```\n::stop", "L3 stop"),
                c("block quote fence", "> ```\n> ::record\n> ```\n::stop", "L3 stop"),
                c(
                        "block quote fence, bare line inside",
                        "> ```\n::record\n> ```\n::stop",
                        "L3 stop"),
                c("two-backtick line is no fence but a span", "``\n::record\n``", "none"),
                // --- inline code ---
                c("inline code", "`::record`", "none"),
                c("inline code mid-line", "text `::record` text", "none"),
                c("multi-line code span", "`start\n::record\nend`", "none"),
                c("spans closed on their own lines", "`a`\n::record\n`b`", "L1 record"),
                c("escaped backtick opens nothing", "\\`a\n::record\nb`", "L1 record"),
                c("span needs same-length closer", "``a`\n::record\n`b``", "none"),
                c("unmatched backtick is literal", "`a\n::record", "L1 record"),
                c("blank line ends a span's paragraph", "`a\n\n::record\nb`", "L2 record"),
                // --- prose, quotes, lists, lookalikes ---
                c("mid-sentence", "please ::record this", "none"),
                c("at end of a line", "I typed ::record\nyes", "none"),
                c("block quote", "> ::record", "none"),
                c("block quote without space", ">::record", "none"),
                c("dash list", "- ::record", "none"),
                c("star list", "* ::record", "none"),
                c("plus list", "+ ::record", "none"),
                c("ordered list", "1. ::record", "none"),
                c("double quotes", "\"::record\"", "none"),
                c("single quotes", "'::record'", "none"),
                c("escaped colon", "\\::record", "none"),
                c("html comment", "<!-- ::record -->", "none"),
                c("zero-width space", "\u200B::record", "none"),
                c("byte order mark", "\uFEFF::record", "none"),
                c("non-breaking space", "\u00A0::record", "none"),
                c("full-width colons", "\uFF1A\uFF1Arecord", "none"),
                c("one full-width colon", ":\uFF1Arecord", "none"),
                c("ratio colon", "\u2236\u2236record", "none"),
                c("quote then real command", "> ::stop\n::record", "L1 record"));
    }

    private static Arguments c(String name, String message, String expected) {
        return Arguments.of(name, message, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("grammar")
    void parse_matchesTable(String name, String message, String expected) {
        assertThat(CommandParses.describe(CommandParser.parse(message))).isEqualTo(expected);
    }

    @Test
    void parse_null_fails() {
        String nothing = null;
        assertThatThrownBy(() -> CommandParser.parse(nothing))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void toString_neverShowsPathsOrText() {
        CommandParse parse = CommandParser.parse("secret words\n::export /home/alice/secret.md");
        assertThat(parse.toString()).doesNotContain("secret").doesNotContain("alice");
        assertThat(parse.toString()).contains("Absolute[chars=21]");
    }

    @Test
    void problemMessage_namesKnownCommandsOnly() {
        assertThat(messageOf("::record now please"))
                .isEqualTo("line 1: ::record takes no argument");
        assertThat(messageOf("x\n::export")).isEqualTo("line 2: ::export needs a path argument");
        assertThat(messageOf("::catpure /x.md")).isEqualTo("line 1: unknown command ::catpure");
        assertThat(messageOf("::pass:word")).isEqualTo("line 1: unknown command name");
        assertThat(messageOf(":: record"))
                .isEqualTo("line 1: '::' is not followed by a command name");
    }

    private static String messageOf(String message) {
        CommandParse.Rejected rejected = (CommandParse.Rejected) CommandParser.parse(message);
        return rejected.problems().getFirst().message();
    }

    @Test
    void problem_rejectsUnsafeShownName() {
        assertThatThrownBy(() ->
                        new CommandProblem(
                                0,
                                CommandProblem.Reason.UNKNOWN_NAME,
                                java.util.Optional.of("a b")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() ->
                        new CommandProblem(
                                0,
                                CommandProblem.Reason.UNKNOWN_NAME,
                                java.util.Optional.of("a".repeat(33))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parse_largeAdversarialMessage_isFast() {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 2_000; i++) {
            text.append("x ").append("`".repeat(i)).append(" x\n");
        }
        text.append("> ```\n".repeat(20_000)).append("::record\n".repeat(20_000));
        String message = text.toString();
        CommandParse parse =
                assertTimeoutPreemptively(
                        Duration.ofSeconds(10), () -> CommandParser.parse(message));
        assertThat(((CommandParse.Commands) parse).lines()).hasSize(20_000);
    }

    @Test
    void absolute_mustStartWithSlash() {
        assertThatThrownBy(() -> new PathArgument.Absolute("a.md"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
