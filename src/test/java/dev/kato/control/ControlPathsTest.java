package dev.kato.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlPathsTest {
    @TempDir Path tmp;

    @Test
    void files_liveInTheRuntimeDirectory() {
        ControlPaths p = new ControlPaths(Path.of("/k/runtime"));
        assertThat(p.socket()).isEqualTo(Path.of("/k/runtime/control.sock"));
        assertThat(p.lock()).isEqualTo(Path.of("/k/runtime/daemon.lock"));
        assertThat(p.pidFile()).isEqualTo(Path.of("/k/runtime/daemon.pid"));
        assertThat(p.statusSnapshot()).isEqualTo(Path.of("/k/runtime/status.json"));
        assertThat(p.trySocketPathProblem()).isEmpty();
    }

    @Test
    void relativeOrUnnormalizedRuntimeDir_fails() {
        assertThatThrownBy(() -> new ControlPaths(Path.of("runtime")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ControlPaths(Path.of("/k/../runtime")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tooLongSocketPath_isAProblemNamingKatoHome() {
        ControlPaths p = new ControlPaths(Path.of("/" + "d".repeat(100) + "/runtime"));
        assertThat(p.trySocketPathProblem())
                .hasValueSatisfying(m -> assertThat(m).contains("KATO_HOME"));
    }

    @Test
    void pidFile_isReadStrictly() throws Exception {
        ControlPaths p = new ControlPaths(tmp);
        assertThat(p.tryReadPid()).isEmpty();
        Files.writeString(p.pidFile(), "1234\n");
        assertThat(p.tryReadPid()).hasValue(1234);
        for (String bad : new String[] {"", "0", "-5", "12ab", "9".repeat(40), "1 2"}) {
            Files.writeString(p.pidFile(), bad);
            assertThat(p.tryReadPid()).as(bad).isEmpty();
        }
    }

    @Test
    void pidFile_symlinkIsNotFollowed() throws Exception {
        ControlPaths p = new ControlPaths(tmp);
        Path target = Files.writeString(tmp.resolve("elsewhere"), "77");
        Files.createSymbolicLink(p.pidFile(), target);
        assertThatThrownBy(p::tryReadPid).isInstanceOf(java.io.IOException.class);
    }
}
