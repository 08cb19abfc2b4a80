package dev.kato.worker;

import dev.kato.config.ConfigLoader;
import dev.kato.config.ConfigResult;
import dev.kato.config.Environment;
import dev.kato.config.InvalidEnvironmentException;
import dev.kato.config.KatoConfig;
import dev.kato.config.SandboxMode;
import dev.kato.export.ExportJob;
import dev.kato.export.ExportMessage;
import dev.kato.export.ExportRequest;
import dev.kato.export.ExportResult;
import dev.kato.export.SessionExporter;
import dev.kato.ingest.DiscoveredSession;
import dev.kato.ingest.SessionFile;
import dev.kato.provider.FileRole;
import dev.kato.sandbox.ConfinementStatus;
import dev.kato.sandbox.Role;
import dev.kato.sandbox.SandboxException;
import dev.kato.sandbox.WorkerConfinement;
import dev.kato.vault.Vault;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

/**
 * The confined {@code kato export} process ({@link Role#EXPORT}). Installs its seccomp filter,
 * checks what confines it (and, under {@code sandbox.mode: required}, stops before reading anything
 * when a layer is missing), loads the config itself and re-makes the policy decision on the
 * destination, then reads the one session and writes the file. Reports {@link ExportMessage} lines
 * on stdout; exit 0 when written, 1 when it failed with a reported message, 2 for a malformed
 * request, 3 when it refused to run unconfined.
 */
public final class ExportWorker {
    private static final PrintStream OUT =
            new PrintStream(System.out, false, StandardCharsets.UTF_8);
    private static final long PROGRESS_STEP = 4L * 1024 * 1024;

    private ExportWorker() {}

    public static void main(String[] argv) {
        boolean seccompInstalled;
        try {
            WorkerConfinement.completeInWorker(Role.EXPORT);
            seccompInstalled = true;
        } catch (SandboxException e) {
            seccompInstalled = false;
        }
        if (argv.length == 0 || !argv[0].equals(Role.EXPORT.id())) {
            System.err.println("kato-export: unknown role");
            System.exit(2);
            return;
        }
        ExportRequest request;
        try {
            request = ExportRequest.decode(List.of(argv).subList(1, argv.length));
        } catch (IllegalArgumentException e) {
            System.err.println("kato-export: " + e.getMessage());
            System.exit(2);
            return;
        }
        ConfinementStatus status = ConfinementStatus.ofThisProcess();
        emit(new ExportMessage.Confined(status.landlock(), status.seccomp() && seccompInstalled));
        if (request.mode() == SandboxMode.REQUIRED
                && !(status.fullyConfined() && seccompInstalled)) {
            System.exit(3);
        }
        try {
            ExportResult r = export(request);
            emit(
                    new ExportMessage.Written(
                            r.destination().target().toString(), r.events(), r.anomalies()));
            OUT.flush();
            System.exit(0);
        } catch (ExportJob.Failure e) {
            emit(new ExportMessage.Failed(e.getMessage()));
        } catch (RuntimeException | Error e) {
            emit(
                    new ExportMessage.Failed(
                            "export of "
                                    + request.input().key().shortId()
                                    + " failed: "
                                    + e.getClass().getSimpleName()));
        }
        OUT.flush();
        System.exit(1);
    }

    private static ExportResult export(ExportRequest request) throws ExportJob.Failure {
        ZoneId zone;
        try {
            zone = ZoneId.of(request.zone());
        } catch (DateTimeException e) {
            throw new ExportJob.Failure("unknown time zone " + request.zone());
        }
        TimeZone.setDefault(TimeZone.getTimeZone(zone));
        Environment env;
        try {
            env =
                    Environment.of(
                            Map.of(
                                    Environment.KATO_HOME, request.katoHome().toString(),
                                    Environment.KATO_CONFIG_PATH, request.configFile().toString()),
                            request.home(),
                            zone);
        } catch (InvalidEnvironmentException e) {
            throw new ExportJob.Failure("invalid environment for the export");
        }
        KatoConfig config = loadConfig(env, request.policyVersion());
        String shortId = request.input().key().shortId();
        SessionExporter reader =
                new SessionExporter(
                        ExportJob.limits(config),
                        ExportJob.throttled(
                                b -> emit(new ExportMessage.Progress(b)), PROGRESS_STEP));
        SessionExporter.EventSource events =
                switch (request.input()) {
                    case ExportRequest.Logs l -> reader.logs(session(l));
                    case ExportRequest.VaultSession v ->
                            (mainOnly, sink) -> {
                                try (Vault vault = Vault.openReadOnly(v.vaultDir())) {
                                    vault.readEvents(v.key(), sink::event);
                                }
                            };
                };
        long uid = new com.sun.security.auth.module.UnixSystem().getUid();
        return ExportJob.run(config, env, uid, request.destination(), events, shortId);
    }

    /** The files in the order the parent listed them (its {@code filesToRead()}). */
    private static DiscoveredSession session(ExportRequest.Logs logs) {
        List<SessionFile> files = logs.files();
        boolean hasMain = files.getFirst().role() == FileRole.MAIN;
        return new DiscoveredSession(
                logs.key(),
                hasMain ? files.subList(0, 1) : List.of(),
                hasMain ? files.subList(1, files.size()) : files);
    }

    /** The config as this process reads it; it must be the one the parent decided with. */
    private static KatoConfig loadConfig(Environment env, String expectedVersion)
            throws ExportJob.Failure {
        ConfigResult result;
        try {
            result = ConfigLoader.load(env.configPath(), env);
        } catch (IOException e) {
            throw new ExportJob.Failure("cannot read the config " + env.configPath());
        }
        var loaded =
                switch (result) {
                    case ConfigResult.Loaded l -> Map.entry(l.sha256(), l.config());
                    case ConfigResult.Missing _ -> Map.entry("defaults", KatoConfig.defaults(env));
                    case ConfigResult.Invalid _ ->
                            throw new ExportJob.Failure("invalid config " + env.configPath());
                };
        if (!loaded.getKey().equals(expectedVersion)) {
            throw new ExportJob.Failure(
                    "the config " + env.configPath() + " changed during the export; run it again");
        }
        return loaded.getValue();
    }

    private static synchronized void emit(ExportMessage m) {
        OUT.println(m.line());
        OUT.flush();
    }
}
