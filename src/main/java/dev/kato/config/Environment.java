package dev.kato.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What Kato takes from its process environment, read once at start-up and passed down from there.
 * Nothing else in Kato reads environment variables or system properties.
 *
 * @param home the user's home directory ({@code user.home}); {@code ~} in config paths means this
 * @param katoHome {@code KATO_HOME}, or {@code ~/.kato}
 * @param configPath {@code KATO_CONFIG_PATH}, or {@code KATO_HOME/kato-config.yaml}
 * @param autoInitOnStart {@code KATO_AUTO_INIT_ON_START} ({@code true} unless set to {@code
 *     false}): whether {@code kato start} creates a missing config file
 * @param systemZone the machine's time zone, used when the config says {@code timeZone: system}
 */
public record Environment(
        Path home, Path katoHome, Path configPath, boolean autoInitOnStart, ZoneId systemZone) {
    public static final String KATO_HOME = "KATO_HOME";
    public static final String KATO_CONFIG_PATH = "KATO_CONFIG_PATH";
    public static final String KATO_AUTO_INIT_ON_START = "KATO_AUTO_INIT_ON_START";
    public static final String CONFIG_FILE_NAME = "kato-config.yaml";

    public Environment {
        ConfigPaths.requireAbsoluteNormalized(home, "home");
        ConfigPaths.requireAbsoluteNormalized(katoHome, "katoHome");
        ConfigPaths.requireAbsoluteNormalized(configPath, "configPath");
        requireNonNull(systemZone, "systemZone");
    }

    /** Reads {@code System.getenv()}, {@code user.home} and the default time zone, once. */
    public static Environment capture() throws InvalidEnvironmentException {
        String home = System.getProperty("user.home");
        Path homePath = home == null || home.isEmpty() ? null : Path.of(home);
        if (homePath == null || !homePath.isAbsolute()) {
            throw new InvalidEnvironmentException(
                    List.of(
                            new ConfigProblem(
                                    "user.home", 0, "the home directory is unknown or relative")));
        }
        return of(System.getenv(), homePath.normalize(), ZoneId.systemDefault());
    }

    /** For tests and callers that already hold a snapshot: the system zone is UTC. */
    public static Environment of(Map<String, String> env, Path home)
            throws InvalidEnvironmentException {
        return of(env, home, ZoneOffset.UTC);
    }

    public static Environment of(Map<String, String> env, Path home, ZoneId systemZone)
            throws InvalidEnvironmentException {
        ConfigPaths.requireAbsoluteNormalized(home, "home");
        List<ConfigProblem> problems = new ArrayList<>();
        Path katoHome = pathVariable(env, KATO_HOME, home, problems);
        Path configPath = pathVariable(env, KATO_CONFIG_PATH, home, problems);
        boolean autoInit = booleanVariable(env, KATO_AUTO_INIT_ON_START, true, problems);
        if (!problems.isEmpty()) {
            throw new InvalidEnvironmentException(problems);
        }
        Path resolvedHome = katoHome != null ? katoHome : home.resolve(".kato");
        Path resolvedConfig =
                configPath != null ? configPath : resolvedHome.resolve(CONFIG_FILE_NAME);
        return new Environment(home, resolvedHome, resolvedConfig, autoInit, systemZone);
    }

    private static @Nullable Path pathVariable(
            Map<String, String> env, String name, Path home, List<ConfigProblem> problems) {
        String raw = env.get(name);
        if (raw == null) {
            return null;
        }
        return switch (ConfigPaths.parse(raw, home)) {
            case ConfigPaths.Outcome.Accepted(Path path) -> path;
            case ConfigPaths.Outcome.Rejected(String reason) -> {
                problems.add(new ConfigProblem(name, 0, reason + " (or unset it)"));
                yield null;
            }
        };
    }

    private static boolean booleanVariable(
            Map<String, String> env, String name, boolean fallback, List<ConfigProblem> problems) {
        String raw = env.get(name);
        if (raw == null) {
            return fallback;
        }
        return switch (raw) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                problems.add(new ConfigProblem(name, 0, "must be `true` or `false` (or unset)"));
                yield fallback;
            }
        };
    }

    /**
     * The first of {@code KATO_HOME} and the directories Kato keeps in it that another user could
     * tamper with, as a one-line reason; empty when all are private (or not created yet).
     */
    public java.util.Optional<String> insecureDirectory(long uid) throws java.io.IOException {
        for (Path dir : List.of(katoHome, runtimeDir(), sessionsDir(), logsDir())) {
            var why = dev.kato.fs.PrivateFiles.insecurity(dir, uid);
            if (why.isPresent()) {
                return java.util.Optional.of(
                        dir + " " + why.get() + "; make it private with 'chmod 700 " + dir + "'");
            }
        }
        return java.util.Optional.empty();
    }

    /** Lock, pid, control socket and status snapshot. */
    public Path runtimeDir() {
        return katoHome.resolve("runtime");
    }

    /** The vault: per-session metadata and canonical event logs. */
    public Path sessionsDir() {
        return katoHome.resolve("sessions");
    }

    public Path logsDir() {
        return katoHome.resolve("logs");
    }

    public Path operationalLogPath() {
        return logsDir().resolve("operational.jsonl");
    }

    public Path securityAuditLogPath() {
        return logsDir().resolve("security-audit.jsonl");
    }

    /** Default destination of in-chat commands without a path; a default write root. */
    public Path recordingsDir() {
        return katoHome.resolve("recordings");
    }

    /** Default destination of {@code kato export} without {@code -o}; a default write root. */
    public Path exportsDir() {
        return katoHome.resolve("exports");
    }

    /** Paths under the home directory are shown as {@code ~/…}; the environment is not dumped. */
    @Override
    public String toString() {
        return "Environment[katoHome="
                + ConfigPaths.abbreviate(katoHome, home)
                + ", configPath="
                + ConfigPaths.abbreviate(configPath, home)
                + ", autoInitOnStart="
                + autoInitOnStart
                + ", systemZone="
                + systemZone
                + "]";
    }
}
