package dev.kato.ipc;

import static java.util.Objects.requireNonNull;

import dev.kato.sandbox.ConfinedLauncher;
import dev.kato.sandbox.Envelope;
import dev.kato.sandbox.WorkerMain;
import dev.kato.sandbox.WorkerRuntime;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.util.Map;

/**
 * One running writer worker: a child process for one destination, started confined (Landlock from
 * its first instruction, then seccomp) or, for {@code sandbox.mode: off}, without the trampoline.
 * {@link #start} returns once the worker has reported {@link WriterReply.Ready}; {@link #close}
 * closes its input, so it ends, and kills it if it does not within a few seconds.
 */
public final class WriterProcess implements AutoCloseable {
    private final WorkerChild child;
    private final WriterChannel channel;
    private final WriterReply.Ready ready;

    private WriterProcess(WorkerChild child, WriterChannel channel, WriterReply.Ready ready) {
        this.child = child;
        this.channel = channel;
        this.ready = ready;
    }

    /** What confines a worker: the envelope's scope, and whether Landlock is applied at all. */
    public enum Confinement {
        /** Landlock on the destination file only: it may append to and truncate that file. */
        FILE,
        /** Landlock on the file's directory: it may also create the file and replace it. */
        DIRECTORY,
        /** No Landlock ({@code sandbox.mode: off}); seccomp is still installed by the worker. */
        NONE
    }

    /**
     * Starts a worker and waits for its ready report.
     *
     * @throws WriterFailedException when the worker refused the destination ({@code refused})
     * @throws IOException when it could not start or ended before it was ready (the message holds
     *     its exit code and its own diagnostic line)
     */
    public static WriterProcess start(
            WriterStart start, WorkerRuntime runtime, Confinement confinement) throws IOException {
        requireNonNull(start, "start");
        ProcessBuilder pb =
                switch (confinement) {
                    case FILE, DIRECTORY ->
                            ConfinedLauncher.confined(
                                    envelope(start, confinement),
                                    runtime,
                                    WorkerMain.WRITER,
                                    start.encode(),
                                    Map.of());
                    case NONE ->
                            ConfinedLauncher.unconfined(
                                    envelope(start, Confinement.DIRECTORY),
                                    runtime,
                                    WorkerMain.WRITER,
                                    start.encode(),
                                    Map.of());
                };
        WorkerChild child = WorkerChild.start(pb, "kato-writer");
        Process process = child.process();
        WriterChannel channel =
                new WriterChannel(
                        new BufferedInputStream(process.getInputStream(), 1 << 16),
                        new BufferedOutputStream(process.getOutputStream(), 1 << 16));
        try {
            return new WriterProcess(child, channel, channel.awaitReady());
        } catch (WriterFailedException e) {
            child.end();
            throw e;
        } catch (IOException e) {
            child.end();
            throw new IOException("the writer worker did not start " + child.startFailure());
        }
    }

    /** The Landlock envelope of a worker for {@code start}'s destination. */
    public static Envelope.WriterWorker envelope(WriterStart start, Confinement confinement) {
        return new Envelope.WriterWorker(
                start.destination(),
                confinement == Confinement.FILE
                        ? Envelope.WriteScope.FILE
                        : Envelope.WriteScope.DIRECTORY);
    }

    public WriterReply.Ready ready() {
        return ready;
    }

    public WriterChannel channel() {
        return channel;
    }

    public long pid() {
        return child.process().pid();
    }

    /** The process itself, for tests in this package that send what a channel never would. */
    Process process() {
        return child.process();
    }

    public boolean isAlive() {
        return child.process().isAlive();
    }

    /** The worker's exit code once it has ended, and its own last word if it left one. */
    public String endReport() {
        return child.endReport(0);
    }

    @Override
    public void close() {
        child.end();
    }

    /**
     * Closes the worker's input, so it ends, without waiting: a virtual thread waits for it and
     * kills it if it has not ended within a few seconds. For a worker being replaced, so the next
     * one starts at once.
     */
    public void closeInBackground() {
        child.endInBackground("kato-writer");
    }

    @Override
    public String toString() {
        return "WriterProcess[pid=" + pid() + ", " + ready + "]";
    }
}
