package dev.kato.ipc;

import static java.util.Objects.requireNonNull;

import dev.kato.config.SandboxMode;
import dev.kato.policy.PathPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A writer worker's fixed argument list: the sandbox mode, its one destination, everything it needs
 * to make the write-policy decision on that destination again itself (it may not read the config),
 * and optionally a path it must fail to open for writing at start (its live probe; the daemon
 * passes the previous destination of the recording). Decoding is strict.
 */
public record WriterStart(
        SandboxMode mode,
        Path destination,
        List<Path> allowedRoots,
        Path katoHome,
        List<Path> writableKatoDirs,
        List<Path> providerRoots,
        List<String> extensions,
        long userId,
        Optional<Path> probeWrite) {
    private static final String NONE = "-";
    private static final int MAX_LIST = 256;

    public WriterStart {
        requireNonNull(mode, "mode");
        WorkerArgs.absolute(destination);
        allowedRoots = List.copyOf(allowedRoots);
        allowedRoots.forEach(WorkerArgs::absolute);
        WorkerArgs.absolute(katoHome);
        writableKatoDirs = List.copyOf(writableKatoDirs);
        writableKatoDirs.forEach(WorkerArgs::absolute);
        providerRoots = List.copyOf(providerRoots);
        providerRoots.forEach(WorkerArgs::absolute);
        extensions = List.copyOf(extensions);
        for (String e : extensions) {
            if (!e.startsWith(".") || e.length() > 32 || e.contains("/")) {
                throw new IllegalArgumentException("bad extension");
            }
        }
        probeWrite.ifPresent(WorkerArgs::absolute);
    }

    /** The policy the worker decides with. */
    public PathPolicy policy() {
        return new PathPolicy(
                allowedRoots, katoHome, writableKatoDirs, providerRoots, extensions, userId);
    }

    public List<String> encode() {
        List<String> args = new ArrayList<>();
        args.add(mode.configValue());
        args.add(destination.toString());
        args.add(katoHome.toString());
        args.add(Long.toString(userId));
        args.add(probeWrite.map(Path::toString).orElse(NONE));
        addList(args, allowedRoots.stream().map(Path::toString).toList());
        addList(args, writableKatoDirs.stream().map(Path::toString).toList());
        addList(args, providerRoots.stream().map(Path::toString).toList());
        addList(args, extensions);
        return List.copyOf(args);
    }

    public static WriterStart decode(List<String> args) {
        Cursor c = new Cursor(args);
        SandboxMode mode =
                SandboxMode.tryParse(c.next())
                        .orElseThrow(() -> new IllegalArgumentException("unknown sandbox mode"));
        Path destination = WorkerArgs.path(c.next());
        Path katoHome = WorkerArgs.path(c.next());
        long uid;
        try {
            uid = Long.parseLong(c.next());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad user id");
        }
        String probe = c.next();
        Optional<Path> probeWrite =
                probe.equals(NONE) ? Optional.empty() : Optional.of(WorkerArgs.path(probe));
        List<Path> roots = c.list().stream().map(WorkerArgs::path).toList();
        List<Path> katoDirs = c.list().stream().map(WorkerArgs::path).toList();
        List<Path> providerRoots = c.list().stream().map(WorkerArgs::path).toList();
        List<String> extensions = c.list();
        if (c.hasMore()) {
            throw new IllegalArgumentException("unexpected extra writer arguments");
        }
        return new WriterStart(
                mode,
                destination,
                roots,
                katoHome,
                katoDirs,
                providerRoots,
                extensions,
                uid,
                probeWrite);
    }

    private static void addList(List<String> args, List<String> items) {
        args.add(Integer.toString(items.size()));
        args.addAll(items);
    }

    private static final class Cursor {
        private final List<String> args;
        private int i;

        Cursor(List<String> args) {
            this.args = args;
        }

        String next() {
            if (i >= args.size()) {
                throw new IllegalArgumentException("too few writer arguments");
            }
            return args.get(i++);
        }

        List<String> list() {
            int n;
            try {
                n = Integer.parseInt(next());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad list length");
            }
            if (n < 0 || n > MAX_LIST) {
                throw new IllegalArgumentException("bad list length");
            }
            List<String> items = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                items.add(next());
            }
            return items;
        }

        boolean hasMore() {
            return i < args.size();
        }
    }
}
