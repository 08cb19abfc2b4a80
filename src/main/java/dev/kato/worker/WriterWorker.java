package dev.kato.worker;

import dev.kato.config.SandboxMode;
import dev.kato.ipc.Frame;
import dev.kato.ipc.FrameException;
import dev.kato.ipc.IdleCollector;
import dev.kato.ipc.WireFrames;
import dev.kato.ipc.WriterReply;
import dev.kato.ipc.WriterRequest;
import dev.kato.ipc.WriterStart;
import dev.kato.policy.ApprovedPath;
import dev.kato.policy.PathDecision;
import dev.kato.sandbox.ConfinementStatus;
import dev.kato.sandbox.Envelope;
import dev.kato.sandbox.ProbeRecord;
import dev.kato.sandbox.Probes;
import dev.kato.sandbox.Role;
import dev.kato.sandbox.SandboxException;
import dev.kato.sandbox.SocketProbe;
import dev.kato.sandbox.WorkerConfinement;
import dev.kato.writer.DestinationWriter;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A destination writer worker ({@link Role#WRITER_WORKER}): serves {@link WriterRequest}s on stdin
 * for its one destination, answering each with a {@link WriterReply} on stdout. At start it
 * installs its seccomp filter, checks what confines it, tries its probe (a write it must be
 * denied), makes the write-policy decision on its destination again, and reports {@link
 * WriterReply.Ready} — or refuses. Exit codes: 0 when the daemon closed the pipe, 1 when the policy
 * refused the destination, 2 for bad arguments, 3 when it refused to run unconfined under {@code
 * sandbox.mode: required}, 4 when a frame broke the protocol (fail closed: nothing of it is
 * applied, the write in progress is dropped).
 */
public final class WriterWorker {
    static final int EXIT_REFUSED = 1;
    static final int EXIT_ARGUMENTS = 2;
    static final int EXIT_UNCONFINED = 3;
    static final int EXIT_PROTOCOL = 4;

    /** Collects the heap after 64 KiB were written and the worker has been quiet 2 s. */
    private static final IdleCollector IDLE =
            new IdleCollector(64 << 10, Duration.ofSeconds(2), true);

    private final ApprovedPath destination;
    private final InputStream in;
    private final OutputStream out;

    private WriterWorker(ApprovedPath destination, InputStream in, OutputStream out) {
        this.destination = destination;
        this.in = in;
        this.out = out;
    }

    public static void main(String[] argv) {
        boolean seccompInstalled;
        try {
            WorkerConfinement.completeInWorker(Role.WRITER_WORKER);
            seccompInstalled = true;
        } catch (SandboxException e) {
            seccompInstalled = false;
        }
        if (argv.length == 0 || !argv[0].equals(Role.WRITER_WORKER.id())) {
            exit(EXIT_ARGUMENTS, "unknown role");
            return;
        }
        WriterStart start;
        try {
            start = WriterStart.decode(List.of(argv).subList(1, argv.length));
        } catch (IllegalArgumentException e) {
            exit(EXIT_ARGUMENTS, WriterReply.sanitize(String.valueOf(e.getMessage()), 200));
            return;
        }
        InputStream in = new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16);
        OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out));
        ConfinementStatus status = ConfinementStatus.ofThisProcess();
        Boolean denied = start.probeWrite().map(WriterWorker::writeDenied).orElse(null);
        WriterReply.Ready ready =
                new WriterReply.Ready(
                        status.landlock(),
                        status.seccomp() && seccompInstalled,
                        denied != null,
                        denied != null && denied,
                        undeniedProbes(start));
        try {
            if (start.mode() == SandboxMode.REQUIRED
                    && !(ready.landlock()
                            && ready.seccomp()
                            && (denied == null || denied)
                            && ready.undenied().isEmpty())) {
                reply(out, new WriterReply.Failed("unconfined", missing(ready)));
                exit(EXIT_UNCONFINED, "refusing to run unconfined: " + missing(ready));
                return;
            }
            switch (start.policy().decide(start.destination().toString())) {
                case PathDecision.Denied d -> {
                    reply(
                            out,
                            new WriterReply.Failed(
                                    "refused", WriterReply.sanitize(d.message(), 300)));
                    exit(EXIT_REFUSED, "destination refused by the write policy");
                }
                case PathDecision.Allowed a -> {
                    reply(out, ready);
                    IDLE.start("kato-writer-idle");
                    new WriterWorker(a.path(), in, out).serve();
                    System.exit(0);
                }
            }
        } catch (FrameException e) {
            exit(EXIT_PROTOCOL, "frame rejected: " + e.getMessage());
        } catch (IOException e) {
            exit(EXIT_PROTOCOL, "pipe failed");
        }
    }

    /**
     * Serves requests for {@code destination} from {@code in} until it ends; a {@link
     * FrameException} when a frame breaks the protocol (the write in progress dropped).
     */
    static void serve(ApprovedPath destination, InputStream in, OutputStream out)
            throws IOException {
        new WriterWorker(destination, in, out).serve();
    }

    /** Serves requests until the daemon closes the pipe. */
    private void serve() throws IOException {
        while (true) {
            var frame = WireFrames.read(in, WriterRequest.MAX_BODY);
            if (frame.isEmpty()) {
                return;
            }
            IDLE.worked(frame.get().body().length);
            WriterReply answer;
            try {
                answer = handle(WriterRequest.decode(frame.get()));
            } catch (Aborted e) {
                answer = new WriterReply.Failed("aborted", "the write was aborted");
            } catch (Changed e) {
                answer =
                        new WriterReply.Failed(
                                "changed", "the destination changed while it was being replaced");
            } catch (FrameException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                answer = new WriterReply.Failed("io", describe(e));
            }
            reply(out, answer);
        }
    }

    private WriterReply handle(WriterRequest request) throws IOException {
        return switch (request) {
            case WriterRequest.Begin b when b.kind() == WriterRequest.Kind.APPEND ->
                    new WriterReply.Done(DestinationWriter.append(destination, this::pump));
            case WriterRequest.Begin b -> {
                DestinationWriter.replace(
                        destination,
                        target -> {
                            pump(target);
                            if (b.expectedHead().isPresent()
                                    && !Arrays.equals(
                                            b.expectedHead().get(),
                                            DestinationWriter.head(destination, b.maxHead()))) {
                                throw new Changed();
                            }
                        });
                yield new WriterReply.Done(DestinationWriter.size(destination));
            }
            case WriterRequest.Head(int max) ->
                    new WriterReply.Head(DestinationWriter.head(destination, max));
            case WriterRequest.Truncate(long size) ->
                    new WriterReply.Done(DestinationWriter.truncateTo(destination, size) ? 1 : 0);
            case WriterRequest.Size() -> new WriterReply.Done(DestinationWriter.size(destination));
            case WriterRequest.Exists() ->
                    new WriterReply.Done(DestinationWriter.exists(destination) ? 1 : 0);
            case WriterRequest.Chunk c -> throw outOfPlace(c);
            case WriterRequest.End e -> throw outOfPlace(e);
            case WriterRequest.Abort a -> throw outOfPlace(a);
        };
    }

    /** Copies chunk frames to {@code target} until the end of the content. */
    private void pump(OutputStream target) throws IOException {
        while (true) {
            switch (next()) {
                case WriterRequest.Chunk(byte[] bytes) -> target.write(bytes);
                case WriterRequest.End e -> {
                    return;
                }
                case WriterRequest.Abort a -> throw new Aborted();
                case WriterRequest other -> throw outOfPlace(other);
            }
        }
    }

    private WriterRequest next() throws IOException {
        Frame frame =
                WireFrames.read(in, WriterRequest.MAX_BODY)
                        .orElseThrow(() -> new FrameException("the pipe closed inside a write"));
        return WriterRequest.decode(frame);
    }

    private static FrameException outOfPlace(WriterRequest request) {
        return new FrameException(request.getClass().getSimpleName() + " out of place");
    }

    private static void reply(OutputStream out, WriterReply reply) throws IOException {
        WireFrames.write(out, reply.encode());
    }

    private static String missing(WriterReply.Ready r) {
        List<String> gaps = new java.util.ArrayList<>();
        if (!r.landlock()) {
            gaps.add("Landlock missing");
        }
        if (!r.seccomp()) {
            gaps.add("seccomp missing");
        }
        if (r.probed() && !r.probeDenied()) {
            gaps.add("probe write not denied");
        }
        if (!r.undenied().isEmpty()) {
            gaps.add("probes not denied: " + r.undenied());
        }
        return String.join(", ", gaps);
    }

    /**
     * The start-up probes besides the write: creating a unix or a TCP socket, running a program, a
     * {@code chmod} (of the write probe's file, to its current mode, so an allowed one changes
     * nothing) and reading a variable of the daemon's environment. Returns the names of those the
     * kernel did not deny (a failure for another reason proves nothing either).
     */
    private static String undeniedProbes(WriterStart start) {
        Map<String, String> probes = new LinkedHashMap<>();
        probes.put("exec-forbidden", "/bin/true");
        start.probeWrite().ifPresent(p -> probes.put("chmod", p.toString()));
        probes.put("env", "KATO_HOME");
        Set<String> allowedEnv = Envelope.allowedEnvironmentNames(Role.WRITER_WORKER);
        List<String> undenied = new ArrayList<>();
        if (!SocketProbe.denied(SocketProbe.AF_UNIX)) {
            undenied.add("unix");
        }
        if (!SocketProbe.denied(SocketProbe.AF_INET)) {
            undenied.add("tcp");
        }
        probes.forEach((name, arg) -> {
            ProbeRecord.Attempt a = Probes.run("start", name, arg, allowedEnv);
            if (a.outcome() != ProbeRecord.Outcome.DENIED) {
                undenied.add(name.replace("-forbidden", ""));
            }
        });
        return String.join(",", undenied);
    }

    /** True when opening {@code path} for writing is refused by the kernel. */
    private static boolean writeDenied(Path path) {
        try {
            FileChannel.open(path, StandardOpenOption.WRITE).close();
            return false;
        } catch (AccessDeniedException e) {
            return true;
        } catch (NoSuchFileException e) {
            return false; // nothing to try against: not a proof of denial
        } catch (FileSystemException e) {
            return "Operation not permitted".equals(e.getReason());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        return WriterReply.sanitize(
                e.getClass().getSimpleName() + (m == null ? "" : ": " + m),
                WriterReply.MAX_MESSAGE);
    }

    private static void exit(int code, String message) {
        System.err.println("kato-writer: " + message);
        System.exit(code);
    }

    /** The destination's head is no longer the one the new content was made from. */
    private static final class Changed extends IOException {
        private static final long serialVersionUID = 1L;

        Changed() {
            super("changed");
        }
    }

    /** The daemon aborted the write in progress. */
    private static final class Aborted extends IOException {
        private static final long serialVersionUID = 1L;

        Aborted() {
            super("aborted");
        }
    }
}
