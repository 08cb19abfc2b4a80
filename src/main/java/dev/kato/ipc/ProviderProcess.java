package dev.kato.ipc;

import static java.util.Objects.requireNonNull;

import dev.kato.sandbox.ConfinedLauncher;
import dev.kato.sandbox.Envelope;
import dev.kato.sandbox.WorkerMain;
import dev.kato.sandbox.WorkerRuntime;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One running provider worker: a child process reading one provider's session roots, started
 * confined (Landlock on those roots from its first instruction, then seccomp) or, without Landlock
 * on this kernel, with seccomp only. {@link #start} returns once the worker has reported {@link
 * ProviderMessage.Ready}; the caller sends the cursors ({@link #begin}) and then reads {@link
 * #next} until the worker ends. {@link #close} closes its input, so it ends, and kills it if it
 * does not within a few seconds.
 */
public final class ProviderProcess implements AutoCloseable {
    private final WorkerChild child;
    private final InputStream in;
    private final OutputStream out;
    private final ProviderMessage.Ready ready;

    private ProviderProcess(
            WorkerChild child, InputStream in, OutputStream out, ProviderMessage.Ready ready) {
        this.child = child;
        this.in = in;
        this.out = out;
        this.ready = ready;
    }

    /**
     * Starts a worker and waits for its ready report.
     *
     * @param landlock whether to start it through the Landlock trampoline
     * @throws IOException when it could not start or ended before it was ready (the message holds
     *     its exit code and its own diagnostic line)
     */
    public static ProviderProcess start(
            ProviderStart start, WorkerRuntime runtime, boolean landlock) throws IOException {
        requireNonNull(start, "start");
        Envelope.ProviderWorker envelope = new Envelope.ProviderWorker(start.roots());
        ProcessBuilder pb =
                landlock
                        ? ConfinedLauncher.confined(
                                envelope, runtime, WorkerMain.PROVIDER, start.encode(), Map.of())
                        : ConfinedLauncher.unconfined(
                                envelope, runtime, WorkerMain.PROVIDER, start.encode(), Map.of());
        WorkerChild child = WorkerChild.start(pb, "kato-provider");
        Process process = child.process();
        InputStream in = new BufferedInputStream(process.getInputStream(), 1 << 16);
        OutputStream out = new BufferedOutputStream(process.getOutputStream(), 1 << 16);
        try {
            Optional<ProviderMessage> first = read(in);
            if (first.isPresent() && first.get() instanceof ProviderMessage.Ready r) {
                return new ProviderProcess(child, in, out, r);
            }
            throw new FrameException("the worker did not begin with its ready report");
        } catch (IOException e) {
            child.end();
            throw new IOException("the provider worker did not start " + child.startFailure());
        }
    }

    /** Sends the stored cursors, in frames of at most {@link ProviderRequest#MAX_BODY}, then go. */
    public void begin(List<ProviderRequest.FileCursor> cursors) throws IOException {
        List<ProviderRequest.FileCursor> chunk = new ArrayList<>();
        int bytes = 4;
        for (ProviderRequest.FileCursor c : cursors) {
            int size =
                    16
                            + c.path().toString().getBytes(StandardCharsets.UTF_8).length
                            + c.cursor().fileKey().getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > ProviderRequest.MAX_BODY && !chunk.isEmpty()) {
                WireFrames.write(out, new ProviderRequest.Cursors(chunk).encode());
                chunk = new ArrayList<>();
                bytes = 4;
            }
            chunk.add(c);
            bytes += size;
        }
        if (!chunk.isEmpty()) {
            WireFrames.write(out, new ProviderRequest.Cursors(chunk).encode());
        }
        WireFrames.write(out, new ProviderRequest.Go().encode());
    }

    /**
     * The worker's next report; empty when it closed its end cleanly (between frames).
     *
     * @throws FrameException when a frame breaks the protocol
     */
    public Optional<ProviderMessage> next() throws IOException {
        return read(in);
    }

    private static Optional<ProviderMessage> read(InputStream in) throws IOException {
        Optional<Frame> frame = WireFrames.read(in, ProviderMessage.MAX_BODY);
        return frame.isEmpty()
                ? Optional.empty()
                : Optional.of(ProviderMessage.decode(frame.get()));
    }

    public ProviderMessage.Ready ready() {
        return ready;
    }

    public long pid() {
        return child.process().pid();
    }

    /** Kills the worker at once (it broke the protocol, or its roots changed). */
    public void kill() {
        child.process().destroyForcibly();
    }

    /** The worker's exit code once it has ended (waiting up to 2 s), and its own last word. */
    public String endReport() {
        return child.endReport(2_000);
    }

    @Override
    public void close() {
        child.end();
    }

    @Override
    public String toString() {
        return "ProviderProcess[pid=" + pid() + ", " + ready + "]";
    }
}
