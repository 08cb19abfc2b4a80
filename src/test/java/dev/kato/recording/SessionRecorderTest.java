package dev.kato.recording;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.event.AssistantMessage;
import dev.kato.event.AssistantPhase;
import dev.kato.event.ConversationEvent;
import dev.kato.event.EventId;
import dev.kato.event.EventMeta;
import dev.kato.event.Provider;
import dev.kato.event.UserMessage;
import dev.kato.event.UserOrigin;
import dev.kato.policy.PathDecision;
import dev.kato.policy.PathPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recording state machine against the real write policy on a temp directory. */
class SessionRecorderTest {
    @TempDir Path tmp;
    private Path notes;
    private SessionRecorder recorder;
    private final AtomicInteger defaults = new AtomicInteger();
    private final AtomicInteger ids = new AtomicInteger();
    private int seq;

    @BeforeEach
    void setUp() throws IOException {
        notes = Files.createDirectories(tmp.resolve("notes")).toRealPath();
        Path home = tmp.resolve("kato").toAbsolutePath();
        long uid = (Integer) Files.getAttribute(tmp, "unix:uid");
        PathPolicy policy =
                new PathPolicy(
                        List.of(notes, home.resolve("recordings")),
                        home,
                        List.of(home.resolve("recordings")),
                        List.of(),
                        List.of(".md", ".jsonl"),
                        uid);
        Destinations destinations =
                new Destinations() {
                    @Override
                    public PathDecision decide(String absolutePath) {
                        return policy.decide(absolutePath);
                    }

                    @Override
                    public String newDefault() {
                        return home.resolve(
                                        "recordings/claude-abcd1234-"
                                                + defaults.incrementAndGet()
                                                + ".md")
                                .toString();
                    }
                };
        recorder =
                new SessionRecorder(
                        RecordingState.EMPTY,
                        destinations,
                        () -> new UUID(0, ids.incrementAndGet()));
    }

    private EventMeta meta() {
        seq++;
        return new EventMeta(
                EventId.of(Provider.CLAUDE, "u" + seq),
                Provider.CLAUDE,
                "s",
                null,
                null,
                "user",
                "u" + seq,
                null);
    }

    private UserMessage human(String text) {
        return new UserMessage(meta(), text, UserOrigin.HUMAN);
    }

    private AssistantMessage reply(String text) {
        return new AssistantMessage(meta(), text, "claude-opus-4-6", AssistantPhase.UNSPECIFIED);
    }

    private final List<RecordingEffect> effects = new ArrayList<>();
    private final List<CommandOutcome> outcomes = new ArrayList<>();

    private void feed(ConversationEvent... events) {
        for (ConversationEvent e : events) {
            SessionRecorder.Step step = recorder.accept(e, true);
            effects.addAll(step.effects());
            outcomes.addAll(step.outcomes());
        }
    }

    /** "append:<file name>:<text or kind>" per effect, for compact assertions. */
    private List<String> summary() {
        List<String> out = new ArrayList<>();
        for (RecordingEffect e : effects) {
            String file = e.destination().target().getFileName().toString();
            out.add(
                    switch (e) {
                        case RecordingEffect.Append a -> "append:" + file + ":" + text(a.event());
                        case RecordingEffect.Snapshot s ->
                                "snapshot:"
                                        + file
                                        + ":before="
                                        + s.before().value()
                                        + ":"
                                        + s.tail().map(UserMessage::text).orElse("");
                        case RecordingEffect.EnsureFile _ -> "ensure:" + file;
                    });
        }
        return out;
    }

    private static String text(ConversationEvent e) {
        return switch (e) {
            case UserMessage u -> u.text();
            case AssistantMessage a -> a.text();
            default -> e.kind();
        };
    }

    @Test
    void record_withoutPrimary_startsADefaultDestination_seededFromItsLine() {
        feed(human("before\n::record\nafter"), reply("ok"));
        assertThat(summary())
                .containsExactly(
                        "append:claude-abcd1234-1.md:::record\nafter",
                        "append:claude-abcd1234-1.md:ok");
        assertThat(recorder.state().primary()).endsWith("claude-abcd1234-1.md");
        assertThat(outcomes)
                .containsExactly(
                        new CommandOutcome.Applied(2, "record", recorder.state().primary(), false));
    }

    @Test
    void capture_snapshotsUpToItsLine_thenRecordsTheRest() {
        feed(
                reply("earlier"),
                human("intro\n::capture " + notes + "/chat.md\nmore"),
                reply("answer"));
        assertThat(summary())
                .containsExactly(
                        "snapshot:chat.md:before=claude:u2:intro\n::capture "
                                + notes
                                + "/chat.md\n",
                        "append:chat.md:more",
                        "append:chat.md:answer");
        assertThat(recorder.state().recordingAt()).isEqualTo(notes + "/chat.md");
    }

    @Test
    void stop_keepsPrimary_andRecordResumesWithTheSameRecordingId() {
        feed(
                human("::capture " + notes + "/a.md"),
                reply("one"),
                human("keep this\n::stop\nnot this"),
                reply("two"),
                human("::record"),
                reply("three"));
        assertThat(summary())
                .containsExactly(
                        "snapshot:a.md:before=claude:u1:::capture " + notes + "/a.md",
                        "append:a.md:one",
                        "append:a.md:keep this\n",
                        "append:a.md:::record",
                        "append:a.md:three");
        assertThat(effects.stream().map(RecordingEffect::recordingId).distinct()).hasSize(1);
        assertThat(recorder.state().primary()).isEqualTo(notes + "/a.md");
    }

    @Test
    void destinationSwitch_eventsGoWhereTheRecordingWasWhenTheyHappened() {
        feed(
                human("::capture " + notes + "/a.md"),
                reply("to a"),
                human("x\n::capture " + notes + "/b.md\ny"),
                reply("to b"));
        assertThat(summary())
                .containsExactly(
                        "snapshot:a.md:before=claude:u1:::capture " + notes + "/a.md",
                        "append:a.md:to a",
                        "append:a.md:x\n",
                        "snapshot:b.md:before=claude:u3:x\n::capture " + notes + "/b.md\n",
                        "append:b.md:y",
                        "append:b.md:to b");
        assertThat(effects.get(0).recordingId()).isNotEqualTo(effects.get(3).recordingId());
    }

    @Test
    void export_writesASnapshot_withoutChangingState() {
        feed(human("::record"), human("a\n::export " + notes + "/x.jsonl\nb"));
        assertThat(summary())
                .containsExactly(
                        "append:claude-abcd1234-1.md:::record",
                        "append:claude-abcd1234-1.md:a\n",
                        "snapshot:x.jsonl:before=claude:u2:a\n",
                        "append:claude-abcd1234-1.md:::export " + notes + "/x.jsonl\nb");
        assertThat(recorder.state().recordingAt()).endsWith("claude-abcd1234-1.md");
    }

    @Test
    void init_setsPrimary_createsTheFile_andStopsRecording() {
        feed(
                human("::record"),
                human("::init " + notes + "/p.md"),
                reply("not recorded"),
                human("::record"),
                reply("recorded"));
        assertThat(summary())
                .containsExactly(
                        "append:claude-abcd1234-1.md:::record",
                        "ensure:p.md",
                        "append:p.md:::record",
                        "append:p.md:recorded");
    }

    @Test
    void failedCommand_changesNothing_andTheOthersStillRun() {
        feed(human("::capture relative/x.md\n::capture /etc/passwd.md\n::record"), reply("r"));
        assertThat(outcomes).hasSize(3);
        assertThat(outcomes.get(0))
                .isEqualTo(
                        new CommandOutcome.Failed(
                                1, "capture", "the path must be absolute (relative)"));
        assertThat(outcomes.get(1))
                .isEqualTo(
                        new CommandOutcome.Failed(
                                2, "capture", "denied by the write policy: OUTSIDE_ALLOWED_ROOTS"));
        assertThat(outcomes.get(2)).isInstanceOf(CommandOutcome.Applied.class);
        assertThat(summary())
                .containsExactly(
                        "append:claude-abcd1234-1.md:::record", "append:claude-abcd1234-1.md:r");
    }

    @Test
    void oneUnparsableLine_rejectsEveryCommandOfTheMessage() {
        feed(human("::record\n::catpure " + notes + "/x.md"), reply("r"));
        assertThat(outcomes).singleElement().isInstanceOf(CommandOutcome.Rejected.class);
        assertThat(effects).isEmpty();
        assertThat(recorder.state()).isEqualTo(RecordingState.EMPTY);
    }

    @Test
    void nonHumanText_andHistory_neverRunCommands() {
        SessionRecorder.Step toolOutput =
                recorder.accept(
                        new UserMessage(
                                meta(), "::capture " + notes + "/x.md", UserOrigin.TOOL_OUTPUT),
                        true);
        SessionRecorder.Step history =
                recorder.accept(human("::capture " + notes + "/x.md"), false);
        SessionRecorder.Step compaction =
                recorder.accept(
                        new UserMessage(meta(), "::record", UserOrigin.COMPACTION_SUMMARY), true);
        assertThat(List.of(toolOutput, history, compaction))
                .allMatch(s -> s.effects().isEmpty() && s.outcomes().isEmpty());
        assertThat(recorder.state()).isEqualTo(RecordingState.EMPTY);
    }

    @Test
    void recordWhileRecordingThere_isANoOp() {
        feed(human("::record"), human("::record"));
        assertThat(outcomes.get(1))
                .isEqualTo(
                        new CommandOutcome.Applied(1, "record", recorder.state().primary(), true));
    }

    @Test
    void sliceIds_areStable_andDistinctFromTheMessageId() {
        feed(human("a\n::record\nb"));
        RecordingEffect.Append append = (RecordingEffect.Append) effects.getFirst();
        assertThat(append.event().meta().eventId().value()).isEqualTo("claude:u1#lines:1-3");
    }
}
