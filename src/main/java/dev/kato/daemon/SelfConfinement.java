package dev.kato.daemon;

import dev.kato.config.Environment;
import dev.kato.config.KatoConfig;
import dev.kato.export.Configured;
import dev.kato.sandbox.ConfinedLauncher;
import dev.kato.sandbox.Envelope;
import dev.kato.sandbox.LayerVerdicts;
import dev.kato.sandbox.PathRule;
import dev.kato.sandbox.ProbeRecord;
import dev.kato.sandbox.Probes;
import dev.kato.sandbox.Role;
import dev.kato.sandbox.RoleProbe;
import dev.kato.sandbox.SelfProbe;
import dev.kato.sandbox.WorkerRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The daemon's own confinement at start, when {@code kato start} launched it as the orchestrator:
 * Landlock and {@code no_new_privs} are already in force (the trampoline applied them before the
 * daemon's first instruction); this adds the seccomp filter on every thread and proves both with
 * live probes before and after it. The probes: reading the config (must work), creating a file in
 * {@code runtime/} (must work; removed), listing {@code /}, creating a file in a directory outside
 * every grant (the temporary directory, or another), running {@code /bin/true}, a TCP connection to
 * {@value #TCP_TARGET}, a {@code chmod} of {@code runtime/} to its own mode, and finding a variable
 * the launcher had ({@code PATH}); the forbidden read again from a platform, a virtual and a
 * cleaner thread. No probe touches conversation content.
 */
final class SelfConfinement {
    /** Nothing listens there normally; unconfined, the attempt is refused, not denied. */
    static final String TCP_TARGET = "127.0.0.1:9";

    private SelfConfinement() {}

    static DaemonConfinement.Probed apply(Environment env, KatoConfig config)
            throws InterruptedException {
        long pid = ProcessHandle.current().pid();
        Path writeAllowed = env.runtimeDir().resolve(".probe-" + pid);
        Optional<Path> writeForbidden =
                outsideEveryGrant(env, config).map(d -> d.resolve(".kato-probe-" + pid));
        Map<String, String> probes = new LinkedHashMap<>();
        probes.put("read-allowed", env.configPath().toString());
        probes.put("write-allowed", writeAllowed.toString());
        writeForbidden.ifPresent(p -> probes.put("write-forbidden", p.toString()));
        probes.put("read-forbidden", "/");
        probes.put("exec-forbidden", "/bin/true");
        probes.put("tcp", TCP_TARGET);
        probes.put("chmod", env.runtimeDir().toString());
        probes.put("env", "PATH");
        Set<String> allowedEnv = Envelope.allowedEnvironmentNames(Role.ORCHESTRATOR);
        List<ProbeRecord> records = new ArrayList<>();
        try {
            SelfProbe.run(
                    Role.ORCHESTRATOR,
                    probes,
                    (phase, name, arg) -> Probes.run(phase, name, arg, allowedEnv),
                    records::add);
        } finally {
            deleteIfPresent(writeAllowed);
            writeForbidden.ifPresent(SelfConfinement::deleteIfPresent);
        }
        return new DaemonConfinement.Probed(
                LayerVerdicts.derive(new RoleProbe(Role.ORCHESTRATOR, records, 0, -1, "")));
    }

    /**
     * A directory this user may write that no Landlock grant of the daemon covers: the temporary
     * directory, {@code /var/tmp}, {@code /dev/shm} or the home directory, the first that
     * qualifies.
     */
    static Optional<Path> outsideEveryGrant(Environment env, KatoConfig config) {
        Envelope.Orchestrator envelope = Configured.orchestrator(config, env);
        List<Path> granted =
                ConfinedLauncher.rules(envelope, WorkerRuntime.current(Optional.empty())).stream()
                        .map(PathRule::path)
                        .toList();
        return Stream.of(System.getProperty("java.io.tmpdir"), "/tmp", "/var/tmp", "/dev/shm")
                .map(Path::of)
                .map(p -> p.toAbsolutePath().normalize())
                .filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && Files.isWritable(p))
                .filter(p -> granted.stream().noneMatch(p::startsWith))
                .findFirst()
                .or(() ->
                        Optional.of(env.home())
                                .filter(Files::isWritable)
                                .filter(h -> granted.stream().noneMatch(h::startsWith)));
    }

    private static void deleteIfPresent(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // a probe file left behind is named for this process; nothing depends on it
        }
    }
}
