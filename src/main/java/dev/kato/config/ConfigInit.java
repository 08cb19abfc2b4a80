package dev.kato.config;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code kato init} and the auto-init of {@code kato start}: build the default config (plus any
 * {@code --allow-write-root} directories), and create the file only if nothing is at its path. An
 * existing file, or even a dangling symlink, is never replaced.
 */
public final class ConfigInit {
    static final String ARGUMENT = "--allow-write-root";

    /** What {@link #createIfMissing} did. */
    public sealed interface Outcome {
        /** The file was created (mode 0600, directory 0700 where created). */
        record Created(Path configPath) implements Outcome {
            public Created {
                requireNonNull(configPath, "configPath");
            }
        }

        /** Something already exists at the path; it was left untouched. */
        record AlreadyExists(Path configPath) implements Outcome {
            public AlreadyExists {
                requireNonNull(configPath, "configPath");
            }
        }

        /** An {@code --allow-write-root} argument is unusable; nothing was written. */
        record Rejected(List<ConfigProblem> problems) implements Outcome {
            public Rejected {
                problems = List.copyOf(problems);
            }
        }
    }

    /** The initial config and its YAML text, or the argument problems. */
    public sealed interface Prepared {
        record Ready(KatoConfig config, String yaml) implements Prepared {
            public Ready {
                requireNonNull(config, "config");
                requireNonNull(yaml, "yaml");
            }

            /** The YAML names directories under the home directory: only its length is shown. */
            @Override
            public String toString() {
                return "Ready[config=" + config + ", yaml=<" + yaml.length() + " chars>]";
            }
        }

        record Rejected(List<ConfigProblem> problems) implements Prepared {
            public Rejected {
                problems = List.copyOf(problems);
            }
        }
    }

    private ConfigInit() {}

    /**
     * Validates {@code extraAllowedWriteRoots} (absolute, or {@code ~/…}; normalized), then renders
     * the default config with them appended to the default write roots.
     */
    public static Prepared prepare(Environment env, List<String> extraAllowedWriteRoots) {
        Problems problems = new Problems();
        List<ConfigReader.LocatedPath> extra = new ArrayList<>();
        for (int i = 0; i < extraAllowedWriteRoots.size(); i++) {
            String at = KeyPaths.index(ARGUMENT, i);
            switch (ConfigPaths.parse(extraAllowedWriteRoots.get(i), env.home())) {
                case ConfigPaths.Outcome.Accepted(Path path) ->
                        extra.add(new ConfigReader.LocatedPath(path, at, 0));
                case ConfigPaths.Outcome.Rejected(String reason) -> problems.add(at, 0, reason);
            }
        }
        KatoConfig defaults = KatoConfig.defaults(env);
        new RootChecks(env, problems).check(extra, located(defaults.providerSessionRoots()));
        if (!problems.isEmpty()) {
            return new Prepared.Rejected(problems.sorted());
        }
        KatoConfig config =
                defaults.withExtraAllowedWriteRoots(
                        extra.stream().map(ConfigReader.LocatedPath::path).toList());
        String yaml = ConfigWriter.renderInitial(config, env);
        verifyRoundTrip(yaml, config, env);
        return new Prepared.Ready(config, yaml);
    }

    /**
     * {@code current} with {@code dir} added to its write roots, rendered as a whole config file;
     * rejected when {@code dir} is not an absolute (or {@code ~/…}) path or lies in Kato's own
     * state or a provider's session directory. {@code dir} already a root gives the same config.
     */
    public static Prepared allowWriteRoot(Environment env, KatoConfig current, String dir) {
        Problems problems = new Problems();
        String at = "DIR";
        Path path = null;
        switch (ConfigPaths.parse(dir, env.home())) {
            case ConfigPaths.Outcome.Accepted(Path p) -> path = p;
            case ConfigPaths.Outcome.Rejected(String reason) -> problems.add(at, 0, reason);
        }
        if (path != null) {
            new RootChecks(env, problems)
                    .check(
                            List.of(new ConfigReader.LocatedPath(path, at, 0)),
                            located(current.providerSessionRoots()));
        }
        if (!problems.isEmpty() || path == null) {
            return new Prepared.Rejected(problems.sorted());
        }
        KatoConfig config = current.withExtraAllowedWriteRoots(List.of(path));
        String yaml = ConfigWriter.renderInitial(config, env);
        verifyRoundTrip(yaml, config, env);
        return new Prepared.Ready(config, yaml);
    }

    /** {@link #prepare}, then writes the file at {@link Environment#configPath()} if absent. */
    public static Outcome createIfMissing(Environment env, List<String> extraAllowedWriteRoots)
            throws IOException {
        return switch (prepare(env, extraAllowedWriteRoots)) {
            case Prepared.Rejected(List<ConfigProblem> problems) -> new Outcome.Rejected(problems);
            case Prepared.Ready(KatoConfig config, String yaml) ->
                    writeNew(env.configPath(), yaml)
                            ? new Outcome.Created(env.configPath())
                            : new Outcome.AlreadyExists(env.configPath());
        };
    }

    private static Map<String, List<ConfigReader.LocatedPath>> located(ProviderSessionRoots roots) {
        Map<String, List<ConfigReader.LocatedPath>> located = new LinkedHashMap<>();
        roots.byProviderId()
                .forEach((id, paths) ->
                        located.put(
                                id,
                                paths.stream()
                                        .map(p -> new ConfigReader.LocatedPath(p, id, 0))
                                        .toList()));
        return located;
    }

    private static void verifyRoundTrip(String yaml, KatoConfig config, Environment env) {
        ConfigResult back = ConfigLoader.parse(yaml.getBytes(StandardCharsets.UTF_8), env);
        if (!(back instanceof ConfigResult.Loaded loaded) || !loaded.config().equals(config)) {
            throw new IllegalStateException("the rendered default config does not load back");
        }
    }

    /**
     * Writes {@code yaml} to a private temporary file beside {@code target}, syncs it, and links it
     * into place: the link fails if anything (a file, a directory, a dangling symlink) appeared at
     * {@code target}, so an existing config is never replaced, even in a race.
     */
    static boolean writeNew(Path target, String yaml) throws IOException {
        Path dir = requireNonNull(target.getParent(), "target has no parent");
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        Files.createDirectories(dir, dirAttributes(posix));
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        Path temp = Files.createTempFile(dir, ".kato-config-", ".tmp", fileAttributes(posix));
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(yaml.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            try {
                Files.createLink(target, temp);
            } catch (FileAlreadyExistsException e) {
                return false;
            }
            try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
                directory.force(true);
            }
            return true;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static FileAttribute<?>[] dirAttributes(boolean posix) {
        return posix
                ? new FileAttribute<?>[] {
                    PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwx------"))
                }
                : new FileAttribute<?>[0];
    }

    private static FileAttribute<?>[] fileAttributes(boolean posix) {
        return posix
                ? new FileAttribute<?>[] {
                    PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------"))
                }
                : new FileAttribute<?>[0];
    }
}
