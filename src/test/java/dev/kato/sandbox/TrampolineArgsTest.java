package dev.kato.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrampolineArgsTest {
    @Test
    void roundTrips() {
        TrampolineArgs args =
                new TrampolineArgs(
                        Role.WRITER_WORKER,
                        WorkerMain.PROBE,
                        Optional.of(Path.of("/opt/kato/kato.aot")),
                        List.of(
                                new PathRule(Path.of("/a b"), FsAccess.READ),
                                new PathRule(Path.of("/d/out.md"), FsAccess.WRITE_FILE)),
                        List.of("x=1", "--", "y"));
        assertThat(TrampolineArgs.decode(args.encode())).isEqualTo(args);
    }

    @Test
    void refusesAnUnknownEntryPointOrAccessOrAMissingSeparator() {
        List<String> good =
                new TrampolineArgs(
                                Role.PROVIDER_WORKER,
                                WorkerMain.PROBE,
                                Optional.empty(),
                                List.of(new PathRule(Path.of("/r"), FsAccess.READ)),
                                List.of())
                        .encode();
        List<String> main = new ArrayList<>(good);
        main.set(1, "dev.kato.cli.Main");
        assertThatThrownBy(() -> TrampolineArgs.decode(main)).hasMessage("unknown worker entry");
        List<String> access = new ArrayList<>(good);
        access.set(4, "EVERYTHING");
        assertThatThrownBy(() -> TrampolineArgs.decode(access)).hasMessage("unknown access kind");
        List<String> sep = new ArrayList<>(good);
        sep.set(6, "-");
        assertThatThrownBy(() -> TrampolineArgs.decode(sep))
                .hasMessage("missing '--' after the rules");
        assertThatThrownBy(() -> new PathRule(Path.of("relative"), FsAccess.READ))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
