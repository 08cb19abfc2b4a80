package dev.kato.sandbox;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command line of the confining trampoline ({@code dev.kato.worker.ConfineAndExec}): the role,
 * the worker entry point, the optional AOT cache, every Landlock grant, then the worker's own
 * arguments after {@code --}. Decoding is strict; anything unexpected is refused.
 */
public record TrampolineArgs(
        Role role,
        WorkerMain main,
        Optional<Path> aotCache,
        List<PathRule> rules,
        List<String> workerArgs) {
    private static final String NO_AOT = "-";
    private static final String SEPARATOR = "--";

    public TrampolineArgs {
        requireNonNull(role, "role");
        requireNonNull(main, "main");
        requireNonNull(aotCache, "aotCache");
        rules = List.copyOf(rules);
        workerArgs = List.copyOf(workerArgs);
    }

    public List<String> encode() {
        List<String> a = new ArrayList<>();
        a.add(role.id());
        a.add(main.id());
        a.add(aotCache.map(Path::toString).orElse(NO_AOT));
        a.add(Integer.toString(rules.size()));
        for (PathRule r : rules) {
            a.add(r.access().name());
            a.add(r.path().toString());
        }
        a.add(SEPARATOR);
        a.addAll(workerArgs);
        return List.copyOf(a);
    }

    /**
     * @throws IllegalArgumentException with a one-line reason when {@code args} is malformed
     */
    public static TrampolineArgs decode(List<String> args) {
        if (args.size() < 5) {
            throw new IllegalArgumentException("too few trampoline arguments");
        }
        Role role =
                Role.tryParse(args.get(0))
                        .orElseThrow(() -> new IllegalArgumentException("unknown role"));
        WorkerMain main =
                WorkerMain.tryParse(args.get(1))
                        .orElseThrow(() -> new IllegalArgumentException("unknown worker entry"));
        Optional<Path> aot =
                args.get(2).equals(NO_AOT) ? Optional.empty() : Optional.of(Path.of(args.get(2)));
        int count;
        try {
            count = Integer.parseInt(args.get(3));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad rule count");
        }
        if (count < 0 || args.size() < 5 + 2L * count) {
            throw new IllegalArgumentException("bad rule count");
        }
        List<PathRule> rules = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            FsAccess access;
            try {
                access = FsAccess.valueOf(args.get(4 + 2 * i));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown access kind");
            }
            rules.add(new PathRule(Path.of(args.get(5 + 2 * i)), access));
        }
        int sep = 4 + 2 * count;
        if (!args.get(sep).equals(SEPARATOR)) {
            throw new IllegalArgumentException("missing '--' after the rules");
        }
        return new TrampolineArgs(role, main, aot, rules, args.subList(sep + 1, args.size()));
    }
}
