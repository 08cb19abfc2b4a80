package dev.kato.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.kato.export.ExportMessage;
import dev.kato.export.ExportRequest;
import dev.kato.sandbox.TrampolineArgs;
import java.util.ArrayList;
import java.util.List;

/**
 * Coverage-guided fuzzing of what a confined process reads from the process that started it
 * (regression mode in the normal build; {@code JAZZER_FUZZ=1} fuzzes for real): the trampoline's
 * and the export worker's argument lists fail closed with a one-line {@link
 * IllegalArgumentException} or decode to a request that encodes back to itself; the parent's
 * reading of the export worker's result lines never throws and keeps no control character (the
 * parent prints them on the user's terminal).
 */
class WorkerInputFuzzTest {
    private static List<String> arguments(FuzzedDataProvider data) {
        int n = data.consumeInt(0, 40);
        List<String> args = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            args.add(data.consumeString(64));
        }
        return args;
    }

    @FuzzTest(maxDuration = "10s")
    void trampolineArguments_failClosed(FuzzedDataProvider data) {
        List<String> args = arguments(data);
        TrampolineArgs decoded;
        try {
            decoded = TrampolineArgs.decode(args);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
            return;
        }
        assertThat(TrampolineArgs.decode(decoded.encode())).isEqualTo(decoded);
    }

    @FuzzTest(maxDuration = "10s")
    void exportArguments_failClosed(FuzzedDataProvider data) {
        List<String> args = arguments(data);
        ExportRequest decoded;
        try {
            decoded = ExportRequest.decode(args);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
            return;
        }
        assertThat(ExportRequest.decode(decoded.encode())).isEqualTo(decoded);
    }

    @FuzzTest(maxDuration = "10s")
    void exportResultLines_neverThrow(FuzzedDataProvider data) {
        String line = data.consumeRemainingAsString();
        ExportMessage.parse(line)
                .ifPresent(m -> {
                    // what the parent may print holds no control character but the tabs
                    assertThat(m.line().replace('\t', ' ').chars())
                            .noneMatch(Character::isISOControl);
                    assertThat(ExportMessage.parse(m.line())).contains(m);
                });
    }
}
