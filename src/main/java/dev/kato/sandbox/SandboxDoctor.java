package dev.kato.sandbox;

import dev.kato.config.SandboxMode;
import dev.kato.fs.WriteOpenMechanism;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a real confined probe worker for every role against a fresh {@link ProbeFixture} and builds
 * the {@link DoctorReport}. A canary variable is added to the parent environment handed to each
 * envelope; the probe reports whether it (or any variable the role may not have) arrived.
 */
public final class SandboxDoctor {
    /** The variable each probe must not see. */
    public static final String CANARY = "KATO_DOCTOR_CANARY";

    private SandboxDoctor() {}

    public static DoctorReport run(
            SandboxMode mode,
            Map<String, String> processEnvironment,
            Optional<java.nio.file.Path> aot)
            throws IOException, InterruptedException {
        WorkerRuntime runtime = WorkerRuntime.current(aot);
        Map<String, String> parent = new HashMap<>(processEnvironment);
        parent.put(CANARY, "must-not-arrive");
        Map<Role, Map<Layer, LayerState>> matrix = new EnumMap<>(Role.class);
        List<RoleProbe> probes = new ArrayList<>();
        if (!Landlock.isSupportedPlatform()) {
            for (Role role : Role.values()) {
                Map<Layer, LayerState> none = new EnumMap<>(Layer.class);
                for (Layer layer : Layer.values()) {
                    none.put(
                            layer,
                            new LayerState.NotSupported(
                                    "confinement is implemented for Linux x86_64 only"));
                }
                matrix.put(role, none);
            }
        } else {
            probeAll(runtime, parent, matrix, probes);
        }
        String abi =
                probes.stream()
                        .map(p -> p.fact("landlock-abi"))
                        .flatMap(Optional::stream)
                        .findFirst()
                        .orElse("unknown");
        List<DoctorReport.Capability> caps = new ArrayList<>();
        caps.add(new DoctorReport.Capability("landlock-abi", "Landlock ABI", abi));
        caps.add(
                new DoctorReport.Capability(
                        "kernel",
                        "kernel",
                        System.getProperty("os.name")
                                + " "
                                + System.getProperty("os.version")
                                + " "
                                + System.getProperty("os.arch")));
        probes.stream()
                .filter(p -> p.role() == Role.PROVIDER_WORKER && p.startMillis() >= 0)
                .findFirst()
                .ifPresent(p ->
                        caps.add(
                                new DoctorReport.Capability(
                                        "confined-start-ms",
                                        "confined worker start",
                                        p.startMillis()
                                                + " ms (trampoline JVM, then worker JVM, to the worker's first line)")));
        caps.add(
                new DoctorReport.Capability(
                        "technique",
                        "worker confinement",
                        "Landlock on a trampoline thread, then execve of the worker JVM;"
                                + " seccomp TSYNC in the worker"));
        caps.add(
                new DoctorReport.Capability(
                        "race-free-open", "destination open", writeOpenMechanism()));
        return new DoctorReport(mode, matrix, caps);
    }

    /** How destination writes resolve paths here, from a live call of {@code openat2}. */
    private static String writeOpenMechanism() {
        try {
            return switch (WriteOpenMechanism.probe()) {
                case OPENAT2 ->
                        "race-free: openat2 (RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | NO_MAGICLINKS)";
                case OPENAT_NOFOLLOW_WALK ->
                        "race-free: openat O_NOFOLLOW walk, one name at a time (no openat2 here)";
            };
        } catch (IOException e) {
            return "not supported: every destination write is refused (" + e.getMessage() + ")";
        }
    }

    private static void probeAll(
            WorkerRuntime runtime,
            Map<String, String> parent,
            Map<Role, Map<Layer, LayerState>> matrix,
            List<RoleProbe> probes)
            throws IOException, InterruptedException {
        try (ProbeFixture fixture = ProbeFixture.create()) {
            for (Role role : Role.values()) {
                RoleProbe probe = RoleProbe.run(role, fixture, runtime, parent, CANARY);
                probes.add(probe);
                matrix.put(role, LayerVerdicts.derive(probe));
            }
        }
    }
}
