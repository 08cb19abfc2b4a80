package dev.kato.sandbox;

import dev.kato.sandbox.ProbeRecord.Attempt;
import dev.kato.sandbox.ProbeRecord.Outcome;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns one role's probe records into layer states. Only probe results count: Landlock is judged
 * from the attempts made before seccomp was installed (so a seccomp denial cannot be mistaken for a
 * Landlock one), seccomp from the attempts after it, {@code no_new_privs} from every thread's
 * status before seccomp (it must come from the trampoline, before the worker's first instruction).
 */
public final class LayerVerdicts {
    private static final String LL = ProbeRecord.PHASE_LANDLOCK;
    private static final String SC = ProbeRecord.PHASE_SECCOMP;

    private LayerVerdicts() {}

    public static Map<Layer, LayerState> derive(RoleProbe probe) {
        Map<Layer, LayerState> m = new EnumMap<>(Layer.class);
        int abi = probe.fact("landlock-abi").map(LayerVerdicts::parseInt).orElse(-1);
        m.put(Layer.LANDLOCK_FS, landlockFs(probe, abi));
        m.put(Layer.LANDLOCK_NET, landlockNet(probe, abi));
        m.put(Layer.SECCOMP, seccomp(probe));
        m.put(Layer.NO_NEW_PRIVS, noNewPrivs(probe));
        m.put(Layer.ENVIRONMENT, environment(probe));
        return m;
    }

    private static LayerState landlockFs(RoleProbe p, int abi) {
        if (abi < 0) {
            return new LayerState.Missing(
                    "the probe worker did not report (exit " + p.exitCode() + ")");
        }
        if (abi == 0) {
            return new LayerState.NotSupported("Landlock is not available on this kernel");
        }
        List<String> allowed = List.of("read-allowed", "write-allowed", "exec-allowed");
        for (String name : allowed) {
            Optional<Attempt> a = p.attempt(LL, name);
            if (a.isPresent() && a.get().outcome() != Outcome.ALLOWED) {
                return new LayerState.Missing(name + " control failed: " + a.get().reason());
            }
        }
        if (p.attempt(LL, "read-allowed").isEmpty()) {
            return new LayerState.Missing("no allowed-read control ran");
        }
        for (String name : List.of("read-forbidden", "write-forbidden", "exec-forbidden")) {
            Optional<LayerState> bad = expectDenied(p, LL, name, "EACCES");
            if (bad.isPresent()) {
                return bad.get();
            }
        }
        for (String thread : List.of("platform-thread", "virtual-thread", "cleaner-thread")) {
            Optional<LayerState> bad =
                    expectDenied(
                            p, ProbeRecord.PHASE_THREADS, "read-forbidden-" + thread, "EACCES");
            if (bad.isPresent()) {
                return bad.get();
            }
        }
        return new LayerState.Enforced();
    }

    private static LayerState landlockNet(RoleProbe p, int abi) {
        if (abi >= 0 && abi < 4) {
            return new LayerState.NotSupported(
                    "TCP rules need Landlock ABI 4, this kernel has " + abi);
        }
        return expectDenied(p, LL, "tcp", "EACCES").orElse(new LayerState.Enforced());
    }

    private static LayerState seccomp(RoleProbe p) {
        String install = p.fact("seccomp-install").orElse("not reported");
        if (!install.equals("ok")) {
            if (install.contains("ENOSYS")
                    || install.contains("EINVAL")
                    || install.contains("x86_64")) {
                return new LayerState.NotSupported("seccomp: " + install);
            }
            return new LayerState.Missing("seccomp: " + install);
        }
        Optional<ProbeRecord.ThreadCensus> census = p.census(SC);
        if (census.isEmpty()
                || census.get().threads() == 0
                || census.get().seccompFiltered() != census.get().threads()) {
            return new LayerState.Missing("not every thread has the filter");
        }
        List<String> denied =
                p.role() == Role.ORCHESTRATOR
                        ? List.of("tcp", "chmod")
                        : List.of("tcp", "chmod", "unix", "exec-forbidden");
        for (String name : denied) {
            Optional<LayerState> bad = expectDenied(p, SC, name, "EPERM");
            if (bad.isPresent()) {
                return bad.get();
            }
        }
        return new LayerState.Enforced();
    }

    private static LayerState noNewPrivs(RoleProbe p) {
        Optional<ProbeRecord.ThreadCensus> c = p.census(LL);
        if (c.isPresent() && c.get().threads() > 0 && c.get().noNewPrivs() == c.get().threads()) {
            return new LayerState.Enforced();
        }
        return new LayerState.Missing("not every thread had no_new_privs from the start");
    }

    private static LayerState environment(RoleProbe p) {
        return expectDenied(p, LL, "env", "").orElse(new LayerState.Enforced());
    }

    private static Optional<LayerState> expectDenied(
            RoleProbe p, String phase, String name, String errno) {
        Optional<Attempt> a = p.attempt(phase, name);
        if (a.isEmpty()) {
            return Optional.of(new LayerState.Missing(name + " was not probed"));
        }
        Attempt at = a.get();
        if (at.outcome() != Outcome.DENIED) {
            return Optional.of(
                    new LayerState.Missing(
                            name
                                    + " was "
                                    + at.outcome().name().toLowerCase(java.util.Locale.ROOT)
                                    + " ("
                                    + at.reason()
                                    + ")"));
        }
        if (!errno.isEmpty() && !at.reason().equals(errno)) {
            return Optional.of(
                    new LayerState.Missing(
                            name + " denied with " + at.reason() + ", not " + errno));
        }
        return Optional.empty();
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
