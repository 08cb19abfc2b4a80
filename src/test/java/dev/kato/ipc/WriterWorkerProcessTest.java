package dev.kato.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kato.config.SandboxMode;
import dev.kato.ipc.WriterProcess.Confinement;
import dev.kato.sandbox.Landlock;
import dev.kato.sandbox.WorkerRuntime;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The destination writer worker as a real process, confined by the kernel: it serves every
 * operation on its one destination, re-checks that destination against the write policy itself,
 * proves at start that it cannot write its probe target, and fails closed on a frame the protocol
 * does not allow (the write in progress dropped, the file as it was).
 */
class WriterWorkerProcessTest {
    @TempDir Path tmp;
    private Path root;
    private long uid;

    @BeforeEach
    void setUp() throws IOException {
        assumeTrue(
                Landlock.abi() >= 1,
                "skipped: Landlock is not available on this kernel (or platform)");
        root = Files.createDirectories(tmp.resolve("notes"));
        uid = (Integer) Files.getAttribute(tmp, "unix:uid");
    }

    private WriterStart start(Path destination, Optional<Path> probe, SandboxMode mode) {
        return new WriterStart(
                mode,
                destination,
                List.of(root),
                tmp.resolve("kato-home"),
                List.of(),
                List.of(),
                List.of(".md", ".jsonl"),
                uid,
                probe);
    }

    private WriterProcess worker(Path destination, Optional<Path> probe, Confinement c)
            throws IOException {
        return WriterProcess.start(
                start(destination, probe, SandboxMode.REQUIRED),
                WorkerRuntime.current(Optional.empty()),
                c);
    }

    private static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    private static void text(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void confinedWorker_servesEveryOperation_onItsOneDestination() throws IOException {
        Path dest = root.resolve("chat.md");
        try (WriterProcess w = worker(dest, Optional.empty(), Confinement.DIRECTORY)) {
            assertThat(w.ready().landlock()).isTrue();
            assertThat(w.ready().seccomp()).isTrue();
            assertThat(w.ready().undenied()).as("exec, tcp, unix, env probes").isEmpty();
            WriterChannel ch = w.channel();
            assertThat(ch.exists()).isFalse();
            assertThat(ch.size()).isZero();

            assertThat(ch.append(out -> text(out, "one\n"))).isZero();
            assertThat(ch.append(out -> text(out, "two\n"))).isEqualTo(4);
            assertThat(read(dest)).isEqualTo("one\ntwo\n");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dest)))
                    .isEqualTo("rw-------");

            String big = "x".repeat(600_000) + "\n"; // more than one chunk frame
            assertThat(ch.replace(out -> text(out, big + big))).isEqualTo(2L * big.length());
            assertThat(read(dest)).isEqualTo(big + big);

            assertThat(ch.truncateTo(3)).isTrue();
            assertThat(ch.truncateTo(10)).isFalse();
            assertThat(read(dest)).isEqualTo("xxx");
            // Landlock binds the file rule to the inode the worker started with; the replaced
            // file is a new inode, which the directory rule lets it write but not read
            assertThatThrownBy(() -> ch.head(2))
                    .isInstanceOf(WriterFailedException.class)
                    .hasMessageContaining("permission denied");
            assertThat(w.isAlive()).isTrue();
        }
        // so each replace that must read the file's head gets a fresh worker
        try (WriterProcess w = worker(dest, Optional.empty(), Confinement.DIRECTORY)) {
            WriterChannel ch = w.channel();
            byte[][] seenHead = new byte[1][];
            long size =
                    ch.replaceComposed(
                            out -> text(out, "body\n"),
                            (out, head) -> {
                                seenHead[0] = head;
                                text(out, "---\ntitle: t\n---\n");
                            },
                            2);
            assertThat(seenHead[0]).asString().isEqualTo("xx");
            assertThat(read(dest)).isEqualTo("---\ntitle: t\n---\nbody\n");
            assertThat(size).isEqualTo(read(dest).length());
            assertThat(ch.exists()).isTrue();
            assertThat(w.isAlive()).isTrue();
        }
        try (var files = Files.list(root)) {
            assertThat(files).containsExactly(dest); // no temp file left behind
        }
    }

    @Test
    void aFailedContent_abortsTheWrite_andLeavesTheFileAsItWas() throws IOException {
        Path dest = root.resolve("chat.md");
        Files.writeString(dest, "kept\n");
        Files.setPosixFilePermissions(dest, PosixFilePermissions.fromString("rw-------"));
        try (WriterProcess w = worker(dest, Optional.empty(), Confinement.DIRECTORY)) {
            List<ThrowingWrite> writes =
                    List.of(
                            () -> w.channel().append(WriterWorkerProcessTest::failAfter),
                            () -> w.channel().replace(WriterWorkerProcessTest::failAfter),
                            () ->
                                    w.channel()
                                            .replaceComposed(
                                                    out -> text(out, "body"),
                                                    (out, head) -> failAfter(out),
                                                    10),
                            () ->
                                    w.channel()
                                            .replaceComposed(
                                                    WriterWorkerProcessTest::failAfter,
                                                    (out, head) -> text(out, "---\n"),
                                                    10));
            for (ThrowingWrite write : writes) {
                assertThatThrownBy(write::run).hasMessage("renderer failed");
                assertThat(read(dest)).isEqualTo("kept\n");
            }
            assertThat(w.channel().append(out -> text(out, "more\n"))).isEqualTo(5);
        }
        assertThat(read(dest)).isEqualTo("kept\nmore\n");
    }

    @FunctionalInterface
    private interface ThrowingWrite {
        void run() throws IOException;
    }

    private static void failAfter(OutputStream out) throws IOException {
        text(out, "partial");
        out.flush();
        throw new IOException("renderer failed");
    }

    @Test
    void aDestinationThePolicyRefuses_isRefusedByTheWorkerItself() throws IOException {
        Path gitDir = Files.createDirectories(root.resolve(".git"));
        Path dest = gitDir.resolve("chat.md");
        assertThatThrownBy(() -> worker(dest, Optional.empty(), Confinement.DIRECTORY))
                .isInstanceOfSatisfying(
                        WriterFailedException.class,
                        e -> assertThat(e.code()).isEqualTo("refused"));
        assertThat(dest).doesNotExist();
    }

    @Test
    void aFrameOutOfPlace_endsTheWorker_andDropsTheWriteInProgress() throws Exception {
        Path dest = root.resolve("chat.md");
        Files.writeString(dest, "kept\n");
        Files.setPosixFilePermissions(dest, PosixFilePermissions.fromString("rw-------"));
        WriterProcess w = worker(dest, Optional.empty(), Confinement.DIRECTORY);
        OutputStream raw = rawInput(w);
        WireFrames.write(raw, WriterRequest.Begin.of(WriterRequest.Kind.APPEND).encode());
        WireFrames.write(raw, new WriterRequest.Chunk("half".getBytes()).encode());
        WireFrames.write(raw, new WriterRequest.Size().encode()); // not allowed inside a write
        assertThat(ProcessHandle.of(w.pid()).get().onExit().get(30, TimeUnit.SECONDS).isAlive())
                .isFalse();
        assertThat(w.endReport()).contains("exit code 4").contains("frame rejected");
        assertThat(read(dest)).isEqualTo("kept\n");
        w.close();
    }

    @Test
    void garbageInsteadOfAFrame_endsTheWorker_withNothingWritten() throws Exception {
        Path dest = root.resolve("chat.md");
        WriterProcess w = worker(dest, Optional.empty(), Confinement.DIRECTORY);
        OutputStream raw = rawInput(w);
        raw.write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        raw.flush();
        assertThat(ProcessHandle.of(w.pid()).get().onExit().get(30, TimeUnit.SECONDS).isAlive())
                .isFalse();
        assertThat(w.endReport()).contains("exit code 4").contains("bad magic");
        assertThat(dest).doesNotExist();
        w.close();
    }

    @Test
    void destinationChange_newWorkerIsANewProcess_thatCannotWriteTheOldFile() throws Exception {
        Path first = Files.createDirectories(root.resolve("a")).resolve("one.md");
        Path second = Files.createDirectories(root.resolve("b")).resolve("two.md");
        WriterProcess old = worker(first, Optional.empty(), Confinement.DIRECTORY);
        old.channel().append(out -> text(out, "old\n"));
        old.close();
        assertThat(old.isAlive()).isFalse();

        try (WriterProcess next = worker(second, Optional.of(first), Confinement.DIRECTORY)) {
            assertThat(next.pid()).isNotEqualTo(old.pid());
            assertThat(next.ready().probed()).isTrue();
            assertThat(next.ready().probeDenied()).as("the old file is out of reach").isTrue();
            next.channel().append(out -> text(out, "new\n"));
        }
        assertThat(read(first)).isEqualTo("old\n");
        assertThat(read(second)).isEqualTo("new\n");
    }

    @Test
    void fileScope_cannotWriteASiblingInTheSameDirectory_butDirectoryScopeCan() throws Exception {
        Path sibling = root.resolve("other.md");
        Files.writeString(sibling, "theirs\n");
        Path dest = root.resolve("chat.md");
        Files.writeString(dest, "");
        Files.setPosixFilePermissions(dest, PosixFilePermissions.fromString("rw-------"));
        try (WriterProcess w = worker(dest, Optional.of(sibling), Confinement.FILE)) {
            assertThat(w.ready().probeDenied()).isTrue();
            assertThat(w.channel().append(out -> text(out, "line\n"))).isZero();
            // FILE scope cannot create a temp file beside the destination, so it cannot replace
            assertThatThrownBy(() -> w.channel().replace(out -> text(out, "x")))
                    .isInstanceOf(WriterFailedException.class);
        }
        // The known breadth of DIRECTORY scope (docs/security.md): a sibling can be written, so
        // under sandbox.mode: required such a worker refuses to start when that is its probe.
        assertThatThrownBy(() -> worker(dest, Optional.of(sibling), Confinement.DIRECTORY))
                .isInstanceOfSatisfying(
                        WriterFailedException.class,
                        e -> assertThat(e.code()).isEqualTo("unconfined"))
                .hasMessage("probe write not denied");
        assertThat(read(sibling)).isEqualTo("theirs\n");
        assertThat(read(dest)).isEqualTo("line\n");
    }

    @Test
    void requiredMode_refusesToRunWithoutLandlock() {
        Path dest = root.resolve("chat.md");
        assertThatThrownBy(() -> worker(dest, Optional.empty(), Confinement.NONE))
                .isInstanceOfSatisfying(
                        WriterFailedException.class,
                        e -> assertThat(e.code()).isEqualTo("unconfined"))
                .hasMessage("Landlock missing");
        assertThat(dest).doesNotExist();
    }

    @Test
    void offMode_runsWithoutLandlock_andSaysSo() throws IOException {
        Path dest = root.resolve("chat.md");
        try (WriterProcess w =
                WriterProcess.start(
                        start(dest, Optional.empty(), SandboxMode.OFF),
                        WorkerRuntime.current(Optional.empty()),
                        Confinement.NONE)) {
            assertThat(w.ready().landlock()).isFalse();
            assertThat(w.ready().seccomp()).isTrue();
            w.channel().append(out -> text(out, "x\n"));
        }
        assertThat(read(dest)).isEqualTo("x\n");
    }

    /** The worker's stdin, to send what a well-behaved channel never would. */
    private static OutputStream rawInput(WriterProcess w) {
        return w.process().getOutputStream();
    }
}
