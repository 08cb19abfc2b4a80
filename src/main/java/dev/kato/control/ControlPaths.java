package dev.kato.control;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Where the daemon's runtime files live, all in {@code KATO_HOME/runtime} ({@code 0700}): the
 * control socket, the lock that guarantees one daemon per {@code KATO_HOME}, the informational pid
 * file and the status snapshot.
 *
 * @param runtimeDir absolute, normalized {@code KATO_HOME/runtime}
 */
public record ControlPaths(Path runtimeDir) {
    /** The longest socket path Linux accepts ({@code sun_path} is 108 bytes with the NUL). */
    public static final int MAX_SOCKET_PATH_BYTES = 107;

    private static final int MAX_PID_FILE_BYTES = 32;

    public ControlPaths {
        requireNonNull(runtimeDir, "runtimeDir");
        if (!runtimeDir.isAbsolute() || !runtimeDir.equals(runtimeDir.normalize())) {
            throw new IllegalArgumentException("runtimeDir must be absolute and normalized");
        }
    }

    public Path socket() {
        return runtimeDir.resolve("control.sock");
    }

    public Path lock() {
        return runtimeDir.resolve("daemon.lock");
    }

    public Path pidFile() {
        return runtimeDir.resolve("daemon.pid");
    }

    public Path statusSnapshot() {
        return runtimeDir.resolve("status.json");
    }

    /** Why a socket cannot be bound at {@link #socket()}, if it cannot (the path is too long). */
    public Optional<String> trySocketPathProblem() {
        int bytes = socket().toString().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_SOCKET_PATH_BYTES) {
            return Optional.of(
                    "the control socket path is "
                            + bytes
                            + " bytes long (at most "
                            + MAX_SOCKET_PATH_BYTES
                            + "); use a shorter KATO_HOME");
        }
        return Optional.empty();
    }

    /**
     * The pid recorded in the pid file; empty when there is none or it does not hold a pid. The
     * file is informational only: {@link RuntimeLock} decides whether a daemon runs.
     */
    public OptionalLong tryReadPid() throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_PID_FILE_BYTES + 1);
        try (SeekableByteChannel ch =
                Files.newByteChannel(
                        pidFile(), Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
            while (buffer.hasRemaining() && ch.read(buffer) > 0) {
                // read at most MAX_PID_FILE_BYTES + 1 bytes
            }
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        }
        if (buffer.position() > MAX_PID_FILE_BYTES) {
            return OptionalLong.empty();
        }
        String text =
                new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).strip();
        if (!text.matches("[1-9][0-9]{0,18}")) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(text));
    }
}
