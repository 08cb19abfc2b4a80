package dev.kato.worker;

import dev.kato.config.SandboxMode;
import dev.kato.ingest.IngestBatch;
import dev.kato.ingest.IngestCursor;
import dev.kato.ingest.IngestListener;
import dev.kato.ingest.LiveIngest;
import dev.kato.ingest.LiveIngestOptions;
import dev.kato.ingest.SessionFile;
import dev.kato.ingest.TailStatus;
import dev.kato.ipc.Frame;
import dev.kato.ipc.FrameException;
import dev.kato.ipc.IdleCollector;
import dev.kato.ipc.ProviderMessage;
import dev.kato.ipc.ProviderRequest;
import dev.kato.ipc.ProviderStart;
import dev.kato.ipc.WireFrames;
import dev.kato.sandbox.ConfinementStatus;
import dev.kato.sandbox.Envelope;
import dev.kato.sandbox.ProbeRecord;
import dev.kato.sandbox.Probes;
import dev.kato.sandbox.Role;
import dev.kato.sandbox.SandboxException;
import dev.kato.sandbox.SocketProbe;
import dev.kato.sandbox.WorkerConfinement;
import dev.kato.vault.RenderedBatch;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A provider worker ({@link Role#PROVIDER_WORKER}): reads and parses one provider's session logs
 * and reports what it found as {@link ProviderMessage}s on stdout. It can read its session roots
 * and nothing else of the user's, write nothing, open no socket and run no program. At start it
 * installs its seccomp filter, tries its probes (a forbidden read, a write into its own root, a
 * program, sockets, {@code chmod}, the daemon's environment), reports {@link
 * ProviderMessage.Ready}, takes the stored cursors and starts reading on {@link
 * ProviderRequest.Go}. Exit codes: 0 when the daemon closed the pipe, 2 for bad arguments, 3 when
 * it refused to run unconfined under {@code sandbox.mode: required}, 4 when a frame broke the
 * protocol or the pipe failed, 5 when reading stopped for good (an {@link Error}).
 */
public final class ProviderWorker {
    static final int EXIT_ARGUMENTS = 2;
    static final int EXIT_UNCONFINED = 3;
    static final int EXIT_PROTOCOL = 4;
    static final int EXIT_STOPPED = 5;

    /** After this much was sent since the last collection… */
    private static final long IDLE_GC_BYTES = 8 << 20;

    /** …and nothing for this long, the heap is collected so that it shrinks. */
    private static final Duration IDLE_GC_QUIET = Duration.ofSeconds(2);

    private ProviderWorker() {}

    public static void main(String[] argv) {
        boolean seccompInstalled;
        try {
            WorkerConfinement.completeInWorker(Role.PROVIDER_WORKER);
            seccompInstalled = true;
        } catch (SandboxException e) {
            seccompInstalled = false;
        }
        if (argv.length == 0 || !argv[0].equals(Role.PROVIDER_WORKER.id())) {
            exit(EXIT_ARGUMENTS, "unknown role");
            return;
        }
        ProviderStart start;
        try {
            start = ProviderStart.decode(List.of(argv).subList(1, argv.length));
        } catch (IllegalArgumentException e) {
            exit(EXIT_ARGUMENTS, "bad arguments");
            return;
        }
        InputStream in = new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16);
        OutputStream out =
                new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        ConfinementStatus status = ConfinementStatus.ofThisProcess();
        ProviderMessage.Ready ready =
                new ProviderMessage.Ready(
                        status.landlock(),
                        status.seccomp() && seccompInstalled,
                        undeniedProbes(start));
        try {
            WireFrames.write(out, ready.encode());
            if (start.mode() == SandboxMode.REQUIRED
                    && !(ready.landlock() && ready.seccomp() && ready.undenied().isEmpty())) {
                exit(EXIT_UNCONFINED, "refusing to run unconfined");
                return;
            }
            Map<Path, IngestCursor> cursors = cursors(in);
            Reporter reporter = new Reporter(out);
            LiveIngest ingest =
                    new LiveIngest(
                            Map.of(start.provider(), start.roots()),
                            cursors,
                            LiveIngestOptions.DEFAULT,
                            reporter,
                            Thread.ofPlatform().name("kato-provider-read-", 0).daemon().factory(),
                            InstantSource.system());
            ingest.start();
            reporter.idle.start("kato-provider-idle");
            while (!ingest.awaitInitialScan(Duration.ofMinutes(1))) {
                // a huge tree; keep waiting: the daemon waits for this report
            }
            reporter.send(new ProviderMessage.Scanned().encode());
            // Nothing more may arrive: the daemon ends the worker by closing the pipe.
            Optional<Frame> extra = WireFrames.read(in, ProviderRequest.MAX_BODY);
            if (extra.isPresent()) {
                throw new FrameException("unexpected request after the start");
            }
            System.exit(0);
        } catch (FrameException e) {
            exit(EXIT_PROTOCOL, "frame rejected: " + e.getMessage());
        } catch (IOException e) {
            exit(EXIT_PROTOCOL, "pipe failed");
        } catch (InterruptedException e) {
            exit(EXIT_PROTOCOL, "interrupted");
        }
    }

    /** Reads cursor frames until {@link ProviderRequest.Go}. */
    static Map<Path, IngestCursor> cursors(InputStream in) throws IOException {
        Map<Path, IngestCursor> cursors = new HashMap<>();
        while (true) {
            Frame frame =
                    WireFrames.read(in, ProviderRequest.MAX_BODY)
                            .orElseThrow(() -> new FrameException("the pipe closed before go"));
            switch (ProviderRequest.decode(frame)) {
                case ProviderRequest.Cursors(List<ProviderRequest.FileCursor> list) ->
                        list.forEach(c -> cursors.put(c.path(), c.cursor()));
                case ProviderRequest.Go() -> {
                    return cursors;
                }
            }
        }
    }

    /**
     * The start-up probes: reading the probe file, creating a directory in the first root (removed
     * at once if it was allowed), creating a unix or a TCP socket, running a program, a {@code
     * chmod} of the first root (to its current mode) and reading a variable of the daemon's
     * environment. Returns the names of those the kernel did not deny.
     */
    private static String undeniedProbes(ProviderStart start) {
        List<String> undenied = new ArrayList<>();
        Path root = start.roots().getFirst();
        if (!mkdirDenied(root)) {
            undenied.add("write");
        }
        if (!SocketProbe.denied(SocketProbe.AF_UNIX)) {
            undenied.add("unix");
        }
        if (!SocketProbe.denied(SocketProbe.AF_INET)) {
            undenied.add("tcp");
        }
        Map<String, String> probes = new LinkedHashMap<>();
        start.probeRead().ifPresent(p -> probes.put("read-forbidden", p.toString()));
        probes.put("exec-forbidden", "/bin/true");
        probes.put("chmod", root.toString());
        probes.put("env", "KATO_HOME");
        Set<String> allowedEnv = Envelope.allowedEnvironmentNames(Role.PROVIDER_WORKER);
        probes.forEach((name, arg) -> {
            ProbeRecord.Attempt a = Probes.run("start", name, arg, allowedEnv);
            if (a.outcome() != ProbeRecord.Outcome.DENIED) {
                undenied.add(name.replace("-forbidden", ""));
            }
        });
        return String.join(",", undenied);
    }

    /** True when creating a directory in {@code root} is refused by the kernel. */
    private static boolean mkdirDenied(Path root) {
        Path probe = root.resolve(".kato-write-probe-" + ProcessHandle.current().pid());
        try {
            Files.createDirectory(probe);
        } catch (java.nio.file.AccessDeniedException e) {
            return true;
        } catch (IOException | RuntimeException e) {
            return false; // refused for another reason: proves nothing
        }
        try {
            Files.delete(probe);
        } catch (IOException e) {
            // best effort: it was created only because nothing confines this process
        }
        return false;
    }

    private static void exit(int code, String message) {
        System.err.println("kato-provider: " + message);
        System.exit(code);
    }

    /** Turns what {@link LiveIngest} finds into frames; called from several reading threads. */
    static final class Reporter implements IngestListener {
        private final OutputStream out;
        private final IdleCollector idle =
                IdleCollector.roomyWhileBusy(IDLE_GC_BYTES, IDLE_GC_QUIET, false);

        Reporter(OutputStream out) {
            this.out = out;
        }

        synchronized void send(Frame frame) {
            try {
                WireFrames.write(out, frame);
            } catch (IOException e) {
                exit(EXIT_PROTOCOL, "pipe failed");
            }
            idle.worked(frame.body().length);
        }

        @Override
        public void fileAppeared(SessionFile file, boolean presentAtStart) {
            send(new ProviderMessage.Appeared(file, presentAtStart).encode());
        }

        @Override
        public void batch(IngestBatch batch) {
            RenderedBatch lines = RenderedBatch.of(batch.events());
            send(
                    ProviderMessage.batch(
                            batch.file(),
                            batch.provenance(),
                            batch.cursor(),
                            batch.anomalies(),
                            lines.lineBytes(),
                            lines.lineEnds()));
        }

        @Override
        public void fileReset(SessionFile file, TailStatus reason) {
            send(new ProviderMessage.Reset(file, reason).encode());
        }

        @Override
        public void fileRemoved(SessionFile file) {
            send(new ProviderMessage.Removed(file).encode());
        }

        @Override
        public void failed(@Nullable SessionFile file, Exception cause) {
            send(
                    new ProviderMessage.Failed(
                                    Optional.ofNullable(file), cause.getClass().getSimpleName())
                            .encode());
        }

        @Override
        public void stopped(Error cause) {
            send(new ProviderMessage.Stopped(cause.getClass().getSimpleName()).encode());
            exit(EXIT_STOPPED, "reading stopped: " + cause.getClass().getSimpleName());
        }
    }
}
