package dev.kato.writer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.fs.BeneathDirectory;
import dev.kato.fs.WriteOpenMechanism;
import dev.kato.policy.ApprovedPath;
import dev.kato.testing.ApprovedPaths;
import dev.kato.testing.RenameExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Release gate {@code security.md} §8 item 2: a directory on the way to the destination is swapped
 * with a symbolic link pointing outside the allowed root, in a tight loop, while the writer keeps
 * writing. The attacker thread uses {@code renameat2(RENAME_EXCHANGE)}, so at every instant {@code
 * root/a} is either the real directory or the link to {@code outside}, and both names always exist.
 *
 * <p>Both mechanisms run on this kernel: the fallback walk is forced through the package-private
 * overloads that take a {@link WriteOpenMechanism}. {@link #pathBasedWrite_escapesUnderTheSameRace}
 * runs the same race against the previous design (re-check every component by path, then write by
 * path) and shows that it does write outside the root, so the race here is real.
 */
class DestinationWriterRaceTest {
    private static final int ATTEMPTS = 10_000;

    /**
     * A refused attempt returns in microseconds and the next one usually meets the same link, while
     * a successful one spends about a millisecond in fsync: most attempts are refusals. The loop
     * runs past {@link #ATTEMPTS} until each outcome happened this often (or {@link #MAX_RACE}).
     */
    private static final int MIN_EACH = 100;

    private static final java.time.Duration MAX_RACE = java.time.Duration.ofSeconds(15);
    private static final byte[] LINE = "{\"n\":1}\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] REPLACED = "{\"replaced\":true}\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] HEADER = "{\"header\":true}\n".getBytes(StandardCharsets.UTF_8);

    @TempDir Path tmp;

    /**
     * Each mechanism with the swapped directory as the destination's parent ({@code a/chat.jsonl})
     * and as a middle component ({@code a/q/chat.jsonl}, with {@code q} existing on both sides so a
     * path-based write could land in {@code outside/q}).
     */
    static Stream<Arguments> races() {
        return Stream.of(WriteOpenMechanism.values())
                .flatMap(m -> Stream.of(Arguments.of(m, "a"), Arguments.of(m, "a/q")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("races")
    void swapRacingTheWrite_failsInsteadOfEscaping(WriteOpenMechanism mechanism, String parent)
            throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.createDirectories(root.resolve(parent));
        Files.createDirectories(
                outside.resolve(root.resolve("a").relativize(root.resolve(parent))));
        Files.createSymbolicLink(root.resolve("b"), outside);
        List<Path> outsideBefore = listRecursively(outside);
        ApprovedPath dest = approve(root, root + "/" + parent + "/chat.jsonl");

        long ok = 0;
        long refused = 0;
        int attempts = 0;
        long deadline = System.nanoTime() + MAX_RACE.toNanos();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        try (Attacker attacker = Attacker.start(root.resolve("a"), root.resolve("b"))) {
            while ((attempts < ATTEMPTS || ok < MIN_EACH || refused < MIN_EACH)
                    && System.nanoTime() < deadline) {
                try {
                    switch (attempts++ % 4) {
                        case 0, 2 -> {
                            DestinationWriter.append(dest, LINE, mechanism);
                            expected.write(LINE);
                        }
                        case 1 -> {
                            DestinationWriter.replace(dest, out -> out.write(REPLACED), mechanism);
                            expected.reset();
                            expected.write(REPLACED);
                        }
                        default -> {
                            DestinationWriter.replaceComposed(
                                    dest,
                                    out -> out.write(REPLACED),
                                    (out, head) -> out.write(HEADER),
                                    64,
                                    mechanism);
                            expected.reset();
                            expected.write(HEADER);
                            expected.write(REPLACED);
                        }
                    }
                    ok++;
                } catch (IOException e) {
                    assertThat(e.getMessage())
                            .contains(BeneathDirectory.SWAPPED)
                            .doesNotContain("\n");
                    refused++;
                }
            }
            attacker.stopAndCheck();
            System.out.printf(
                    "write race (%s, %s): %d attempts, %d writes succeeded, %d"
                            + " refused, %d swaps%n",
                    mechanism, parent, attempts, ok, refused, attacker.swaps());
        }

        assertThat(listRecursively(outside))
                .as("nothing may appear outside the root")
                .isEqualTo(outsideBefore);
        Path real = Files.isSymbolicLink(root.resolve("a")) ? root.resolve("b") : root.resolve("a");
        assertThat(Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS)).isTrue();
        Path file =
                real.resolve(root.resolve("a").relativize(root.resolve(parent)))
                        .resolve("chat.jsonl");
        assertThat(listRecursively(real))
                .as("no temp file left behind")
                .filteredOn(Files::isRegularFile)
                .containsExactly(file);
        assertThat(Files.readAllBytes(file))
                .as("every successful write, and nothing else, landed in the real file")
                .isEqualTo(expected.toByteArray());
        assertThat(attempts).isGreaterThanOrEqualTo(ATTEMPTS);
        assertThat(ok).as("writes that found the real directory").isGreaterThanOrEqualTo(MIN_EACH);
        assertThat(refused).as("writes that met the link").isGreaterThanOrEqualTo(MIN_EACH);
    }

    /**
     * The previous writer: every component re-checked with {@code Files.isSymbolicLink}, then the
     * file written by path ({@code NOFOLLOW_LINKS} covers only the last component). Under the same
     * race it does write outside the root.
     */
    @Test
    void pathBasedWrite_escapesUnderTheSameRace() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.createDirectory(root.resolve("a"));
        Files.createSymbolicLink(root.resolve("b"), outside);
        Path target = root.resolve("a/chat.jsonl");
        long attempts = 0;
        long escapes = 0;
        long deadline = System.nanoTime() + MAX_RACE.toNanos();
        try (Attacker attacker = Attacker.start(root.resolve("a"), root.resolve("b"))) {
            while (escapes == 0 && System.nanoTime() < deadline) {
                attempts++;
                try {
                    checkThenWriteByPath(root, target);
                } catch (IOException e) {
                    // the re-check saw the link, or the write met it
                }
                escapes = listRecursively(outside).size();
            }
            attacker.stopAndCheck();
        }
        System.out.printf("path-based write escaped the root after %d attempts%n", attempts);
        assertThat(listRecursively(outside))
                .as("the path-based write escaped within %s (%d attempts)", MAX_RACE, attempts)
                .isNotEmpty();
    }

    private static void checkThenWriteByPath(Path root, Path target) throws IOException {
        Path current = root;
        for (Path part : root.relativize(target.getParent())) {
            current = current.resolve(part);
            if (Files.isSymbolicLink(current)) {
                throw new IOException("a directory on the way is a symbolic link");
            }
        }
        Files.write(
                target,
                LINE,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND,
                LinkOption.NOFOLLOW_LINKS);
    }

    private ApprovedPath approve(Path root, String path) throws IOException {
        return ApprovedPaths.approve(root, path, tmp.resolve("home"));
    }

    private static List<Path> listRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> !p.equals(dir)).toList();
        }
    }

    /** A thread exchanging the two entries as fast as it can until closed. */
    private static final class Attacker implements AutoCloseable {
        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicLong swaps = new AtomicLong();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final Thread thread;

        private Attacker(Path first, Path second) {
            thread =
                    Thread.ofPlatform()
                            .name("swap-attacker")
                            .daemon()
                            .start(() -> {
                                try (RenameExchange swap = new RenameExchange(first, second)) {
                                    while (!stop.get()) {
                                        swap.exchange();
                                        swaps.incrementAndGet();
                                    }
                                } catch (Throwable t) {
                                    failure.set(t);
                                }
                            });
        }

        static Attacker start(Path first, Path second) {
            return new Attacker(first, second);
        }

        long swaps() {
            return swaps.get();
        }

        void stopAndCheck() {
            close();
            assertThat(failure.get()).as("the attacker thread failed").isNull();
            assertThat(swaps.get()).isPositive();
        }

        /** Stops the thread and waits for it (uninterruptibly: it exits within one swap). */
        @Override
        public void close() {
            stop.set(true);
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
