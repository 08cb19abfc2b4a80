package dev.kato.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeLockTest {
    @TempDir Path tmp;

    @Test
    void lock_isExclusive_andReleasedOnClose() throws Exception {
        Path file = tmp.resolve("daemon.lock");
        assertThat(RuntimeLock.isHeld(file)).isFalse();
        Optional<RuntimeLock> first = RuntimeLock.tryAcquire(file);
        assertThat(first).isPresent();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(RuntimeLock.tryAcquire(file)).isEmpty();
        assertThat(RuntimeLock.isHeld(file)).isTrue();
        first.get().close();
        assertThat(RuntimeLock.isHeld(file)).isFalse();
        assertThat(file).exists(); // never deleted
    }

    @Test
    void symlinkedLockFile_isRefused() throws Exception {
        Path file = tmp.resolve("daemon.lock");
        Files.createSymbolicLink(file, tmp.resolve("target"));
        assertThatThrownBy(() -> RuntimeLock.tryAcquire(file))
                .isInstanceOf(java.io.IOException.class);
        assertThat(tmp.resolve("target")).doesNotExist();
    }
}
