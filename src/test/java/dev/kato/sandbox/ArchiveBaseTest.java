package dev.kato.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ArchiveBaseTest {
    @Test
    void randomBases_areAlignedInRange_andSpread() {
        SplittableRandom random = new SplittableRandom(7);
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            long a = ArchiveBase.random(random).address();
            assertThat(a % ArchiveBase.ALIGNMENT).isZero();
            assertThat(a).isBetween(ArchiveBase.LOWEST, ArchiveBase.HIGHEST - 1);
            seen.add(a);
        }
        // 2^22 slots: a thousand draws almost never meet
        assertThat(seen).hasSizeGreaterThan(990);
    }

    @Test
    void outOfRangeOrUnaligned_isRejected() {
        assertThatThrownBy(() -> new ArchiveBase(0x8_0000_0000L))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ArchiveBase(ArchiveBase.HIGHEST))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ArchiveBase(ArchiveBase.LOWEST + 4096))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new ArchiveBase(0x1a7f_bd00_0000L).flag())
                .isEqualTo("-XX:SharedBaseAddress=0x1a7fbd000000");
    }

    @Test
    void trainingAndCreation_nameTheSameBase_andEveryRoleMapsItUnrelocated() {
        WorkerRuntime runtime =
                new WorkerRuntime(
                        Path.of("/opt/jdk"), List.of(Path.of("/opt/kato.jar")), Optional.empty());
        ArchiveBase base = new ArchiveBase(ArchiveBase.LOWEST);
        Path conf = Path.of("/tmp/w.aotconf");
        List<String> training = WorkerCommand.aotTraining(runtime, List.of(), conf, base);
        List<String> creation = WorkerCommand.aotCreate(runtime, conf, Path.of("/tmp/w.aot"), base);
        assertThat(training).contains(base.flag());
        assertThat(creation).contains(base.flag());
        // both steps with the same JVM flags (a provider worker's: C2 only, so the training's
        // interpreter records method profiles) and the training class, which no trampoline runs
        assertThat(training).containsSubsequence(WorkerCommand.jvmFlags(Role.PROVIDER_WORKER));
        assertThat(creation).containsSubsequence(WorkerCommand.jvmFlags(Role.PROVIDER_WORKER));
        assertThat(training).contains("dev.kato/" + WorkerCommand.TRAINING);
        assertThat(WorkerMain.values())
                .extracting(WorkerMain::className)
                .doesNotContain(WorkerCommand.TRAINING);
        for (Role role : Role.values()) {
            assertThat(WorkerCommand.jvmFlags(role))
                    .as(role.id())
                    .containsSubsequence(
                            "-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0");
        }
    }
}
