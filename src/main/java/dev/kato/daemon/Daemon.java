package dev.kato.daemon;

import dev.kato.audit.AuditEvent;
import dev.kato.audit.AuditLog;
import dev.kato.audit.HashChainedAuditLog;
import dev.kato.config.ConfigLoader;
import dev.kato.config.ConfigProblem;
import dev.kato.config.ConfigResult;
import dev.kato.config.Environment;
import dev.kato.config.KatoConfig;
import dev.kato.config.SandboxMode;
import dev.kato.control.ControlPaths;
import dev.kato.control.ControlReply;
import dev.kato.control.ControlRequest;
import dev.kato.control.DaemonStatus;
import dev.kato.control.Readiness;
import dev.kato.control.StatusJson;
import dev.kato.fs.AtomicFiles;
import dev.kato.sandbox.Role;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The composition root: loads the config, takes the lock, opens the operational log, starts the
 * services and the control socket, says "ready", waits for {@code Stop} or SIGTERM, then closes
 * everything in reverse order. The only place that constructs the daemon's parts.
 */
final class Daemon {
    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_ALREADY_RUNNING = 3;
    private static final Duration LOCK_PATIENCE = Duration.ofMillis(300);
    private static final Duration HOLDER_PID_PATIENCE = Duration.ofSeconds(2);
    private static final Duration SHUTDOWN_PATIENCE = Duration.ofSeconds(8);

    private final Environment env;
    private final InstantSource clock;
    private final long pid = ProcessHandle.current().pid();
    private final ControlPaths paths;
    private final StopSignal stop = new StopSignal();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Optional<String> launchedFor;

    private Daemon(Environment env, InstantSource clock, Optional<String> launchedFor) {
        this.env = env;
        this.clock = clock;
        this.paths = new ControlPaths(env.runtimeDir());
        this.launchedFor = launchedFor;
    }

    /**
     * Runs a daemon until it is told to stop; returns the process exit code.
     *
     * @param launchedFor when {@code kato start} launched this process as the confined
     *     orchestrator: the SHA-256 of the config its envelope was computed from; empty for a plain
     *     start, which only {@code sandbox.mode: off} allows
     */
    static int run(
            Environment env,
            InstantSource clock,
            Consumer<Readiness> handshake,
            Optional<String> launchedFor)
            throws InterruptedException {
        return new Daemon(env, clock, launchedFor).run(handshake);
    }

    private int run(Consumer<Readiness> handshake) throws InterruptedException {
        ConfigResult.Loaded loaded;
        try {
            Optional<String> problem = paths.trySocketPathProblem();
            if (problem.isPresent()) {
                handshake.accept(new Readiness.Failed(problem.get()));
                return EXIT_FAILED;
            }
            switch (ConfigLoader.load(env.configPath(), env)) {
                case ConfigResult.Loaded l -> loaded = l;
                case ConfigResult.Missing _ -> {
                    handshake.accept(
                            new Readiness.Failed(
                                    "no config at " + env.configPath() + "; run 'kato init'"));
                    return EXIT_FAILED;
                }
                case ConfigResult.Invalid invalid -> {
                    handshake.accept(new Readiness.Failed(invalid(invalid.problems())));
                    return EXIT_FAILED;
                }
            }
            Optional<String> misfit = launchMisfit(loaded);
            if (misfit.isPresent()) {
                handshake.accept(new Readiness.Failed(misfit.get()));
                return EXIT_FAILED;
            }
            int uid = (int) new com.sun.security.auth.module.UnixSystem().getUid();
            RuntimeDirectories.preparePrivate(env.runtimeDir(), uid);
            RuntimeDirectories.preparePrivate(env.logsDir(), uid);
        } catch (IOException e) {
            handshake.accept(new Readiness.Failed(describe("cannot prepare", e)));
            return EXIT_FAILED;
        }
        try (ResourceRegistry registry = new ResourceRegistry()) {
            return serve(registry, loaded, handshake);
        } catch (IOException e) {
            handshake.accept(new Readiness.Failed(describe("cannot start", e)));
            return EXIT_FAILED;
        } finally {
            stopped.countDown();
        }
    }

    private int serve(
            ResourceRegistry registry, ConfigResult.Loaded loaded, Consumer<Readiness> handshake)
            throws IOException, InterruptedException {
        Optional<DaemonLock> lock = DaemonLock.tryAcquire(paths, pid, LOCK_PATIENCE);
        if (lock.isEmpty()) {
            handshake.accept(
                    new Readiness.AlreadyRunning(DaemonLock.holderPid(paths, HOLDER_PID_PATIENCE)));
            return EXIT_ALREADY_RUNNING;
        }
        Instant startedAt = clock.instant();
        OperationalLog log = OperationalLog.open(env.operationalLogPath(), clock);
        registry.register(log);
        LifecycleSink events = LifecycleSink.all(List.of(log));
        registry.register(lock.get()); // released after the socket is gone, before the log closes
        events.record(new LifecycleEvent.Started(pid, loaded.sha256()));
        // Fail closed: a daemon whose start cannot be audited does not start.
        AuditLog audit = new HashChainedAuditLog(env.securityAuditLogPath(), clock);
        audit.record(new AuditEvent.ConfigLoaded(env.configPath().toString(), loaded.sha256()));
        audit.record(new AuditEvent.DaemonLifecycle("start", pid, loaded.sha256()));
        Runtime.getRuntime().addShutdownHook(shutdownHook());
        UserPrincipal owner = Files.getOwner(env.runtimeDir(), LinkOption.NOFOLLOW_LINKS);
        ControlServer control =
                registry.register(
                        ControlServer.bind(
                                paths.socket(), owner, events, ControlServer.EXCHANGE_TIMEOUT));
        DaemonConfinement confinement = new DaemonConfinement.NotApplied();
        if (launchedFor.isPresent()) {
            DaemonConfinement.Probed probed = SelfConfinement.apply(env, loaded.config());
            SandboxMode mode = loaded.config().sandbox().mode();
            Optional<String> refusal = probed.refusal(mode);
            audit.record(
                    new AuditEvent.SandboxConfinement(
                            new CorrelationId().value(),
                            Role.ORCHESTRATOR.id(),
                            mode.configValue(),
                            probed.landlock(),
                            probed.seccomp(),
                            refusal.isPresent()
                                    ? "refused"
                                    : probed.probes().equals("denied") ? "confined" : "degraded"));
            if (refusal.isPresent()) {
                handshake.accept(new Readiness.Failed(refusal.get()));
                return EXIT_FAILED;
            }
            confinement = probed;
        }

        DaemonServices services =
                registry.register(
                        new CaptureService(
                                loaded.config(),
                                env,
                                clock,
                                new com.sun.security.auth.module.UnixSystem().getUid(),
                                events,
                                loaded.sha256(),
                                confinement));
        services.start();
        StatusSource status =
                new StatusSource(loaded.config(), loaded.sha256(), startedAt, services);
        registry.register(() -> Files.deleteIfExists(paths.statusSnapshot()));
        // closed before the services on the way out, as the last thing registered (closing twice
        // is harmless; the first registration covers a start that fails before this point)
        registry.register(control::close);
        control.accept(request -> answer(request, status));
        writeSnapshot(status.take(false));

        handshake.accept(new Readiness.Ready(pid));
        events.record(new LifecycleEvent.Ready(pid));
        String reason = stop.await();
        events.record(
                new LifecycleEvent.Stopping(
                        pid, reason, Duration.between(startedAt, clock.instant()).toMillis()));
        audit.record(new AuditEvent.DaemonLifecycle("stop", pid, reason));
        return EXIT_OK;
    }

    private ControlReply answer(ControlRequest request, StatusSource status) {
        return switch (request) {
            case ControlRequest.Status(boolean all) -> {
                DaemonStatus s = status.take(all);
                writeSnapshot(s);
                yield new ControlReply.StatusReply(s);
            }
            case ControlRequest.Stop() -> {
                stop.request("request");
                yield new ControlReply.Ack(pid);
            }
            case ControlRequest.Ping() -> new ControlReply.Ack(pid);
        };
    }

    /**
     * Best effort: the snapshot is a convenience copy of the last status, not a source of truth.
     */
    private void writeSnapshot(DaemonStatus status) {
        try {
            AtomicFiles.replace(
                    paths.statusSnapshot(),
                    out ->
                            out.write(
                                    (StatusJson.toText(status) + "\n")
                                            .getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            // the next status request tries again
        }
    }

    /** On SIGTERM/SIGINT: ask the main thread to stop, and wait for it to finish closing. */
    private Thread shutdownHook() {
        return DaemonThreads.platform("kato-shutdown")
                .newThread(() -> {
                    stop.request("signal");
                    try {
                        stopped.await(SHUTDOWN_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
    }

    private final class StatusSource {
        private final KatoConfig config;
        private final String sha256;
        private final Instant startedAt;
        private final DaemonServices services;

        StatusSource(KatoConfig config, String sha256, Instant startedAt, DaemonServices services) {
            this.config = config;
            this.sha256 = sha256;
            this.startedAt = startedAt;
            this.services = services;
        }

        DaemonStatus take(boolean all) {
            List<DaemonStatus.ProviderStatus> providers = new ArrayList<>();
            config.providerSessionRoots()
                    .byProviderId()
                    .forEach((id, roots) ->
                            providers.add(
                                    new DaemonStatus.ProviderStatus(
                                            id, roots.stream().map(Daemon::root).toList())));
            return new DaemonStatus(
                    pid,
                    startedAt,
                    clock.instant(),
                    env.katoHome().toString(),
                    env.configPath().toString(),
                    sha256,
                    providers,
                    services.activity(all));
        }
    }

    private static DaemonStatus.RootStatus root(Path path) {
        return new DaemonStatus.RootStatus(path.toString(), Files.isDirectory(path));
    }

    /**
     * Why this process must not run with {@code loaded}: a confined start whose config changed
     * since the launcher computed the envelope from it, or a plain start the config does not allow.
     */
    private Optional<String> launchMisfit(ConfigResult.Loaded loaded) {
        if (launchedFor.isPresent() && !launchedFor.get().equals(loaded.sha256())) {
            return Optional.of(
                    "the config changed while the daemon was starting; run 'kato start' again");
        }
        if (launchedFor.isEmpty() && loaded.config().sandbox().mode() != SandboxMode.OFF) {
            return Optional.of(
                    "the daemon runs unconfined only with sandbox.mode off; start it with 'kato"
                            + " start', which confines it");
        }
        return Optional.empty();
    }

    private String invalid(List<ConfigProblem> problems) {
        StringBuilder sb = new StringBuilder("invalid config " + env.configPath() + ": ");
        for (int i = 0; i < problems.size(); i++) {
            sb.append(i == 0 ? "" : "; ").append(problems.get(i).render());
        }
        return sb.toString();
    }

    private static String describe(String what, IOException e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage();
        return what + " the daemon (" + e.getClass().getSimpleName() + message + ")";
    }
}
