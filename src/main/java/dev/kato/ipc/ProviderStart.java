package dev.kato.ipc;

import static java.util.Objects.requireNonNull;

import dev.kato.config.SandboxMode;
import dev.kato.event.Provider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A provider worker's fixed argument list: the sandbox mode, its one provider, the session roots it
 * reads (each exists when it starts: Landlock grants only existing paths) and optionally a file it
 * must fail to read at start (its live probe; the daemon passes its config file). Decoding is
 * strict.
 */
public record ProviderStart(
        SandboxMode mode, Provider provider, List<Path> roots, Optional<Path> probeRead) {
    private static final String NONE = "-";
    private static final int MAX_ROOTS = 64;

    public ProviderStart {
        requireNonNull(mode, "mode");
        requireNonNull(provider, "provider");
        roots = List.copyOf(roots);
        if (roots.isEmpty() || roots.size() > MAX_ROOTS) {
            throw new IllegalArgumentException(
                    "a provider worker needs 1.." + MAX_ROOTS + " roots");
        }
        roots.forEach(WorkerArgs::absolute);
        probeRead.ifPresent(WorkerArgs::absolute);
    }

    public List<String> encode() {
        List<String> args = new ArrayList<>();
        args.add(mode.configValue());
        args.add(provider.id());
        args.add(probeRead.map(Path::toString).orElse(NONE));
        roots.forEach(r -> args.add(r.toString()));
        return List.copyOf(args);
    }

    public static ProviderStart decode(List<String> args) {
        if (args.size() < 4) {
            throw new IllegalArgumentException("too few provider worker arguments");
        }
        SandboxMode mode =
                SandboxMode.tryParse(args.get(0))
                        .orElseThrow(() -> new IllegalArgumentException("unknown sandbox mode"));
        Provider provider =
                Provider.tryParse(args.get(1))
                        .orElseThrow(() -> new IllegalArgumentException("unknown provider"));
        Optional<Path> probe =
                args.get(2).equals(NONE)
                        ? Optional.empty()
                        : Optional.of(WorkerArgs.path(args.get(2)));
        List<Path> roots = args.subList(3, args.size()).stream().map(WorkerArgs::path).toList();
        return new ProviderStart(mode, provider, roots, probe);
    }
}
