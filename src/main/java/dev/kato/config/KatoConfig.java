package dev.kato.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The validated contents of {@code kato-config.yaml}. Every path is absolute and normalized; every
 * number is in range. Obtain one from {@link ConfigLoader} or {@link #defaults(Environment)}.
 *
 * @param schemaVersion always {@value #SCHEMA_VERSION}
 * @param providerSessionRoots where each assistant's session logs are read from
 * @param allowedWriteRoots the only directories destinations may lie under
 * @param timeZone zone of Markdown heading times; empty means the machine's zone ({@code system})
 */
public record KatoConfig(
        int schemaVersion,
        ProviderSessionRoots providerSessionRoots,
        List<Path> allowedWriteRoots,
        MarkdownFrontmatter markdownFrontmatter,
        FeatureFlags featureFlags,
        LoggingConfig logging,
        Optional<ZoneId> timeZone,
        WriterConfig writer,
        IngestConfig ingest,
        CommandsConfig commands,
        SandboxConfig sandbox) {
    public static final int SCHEMA_VERSION = 1;

    public KatoConfig {
        if (schemaVersion != SCHEMA_VERSION) {
            throw new IllegalArgumentException("schemaVersion must be " + SCHEMA_VERSION);
        }
        requireNonNull(providerSessionRoots, "providerSessionRoots");
        allowedWriteRoots =
                ConfigPaths.requireAbsoluteNormalized(allowedWriteRoots, "allowedWriteRoots");
        requireNonNull(markdownFrontmatter, "markdownFrontmatter");
        requireNonNull(featureFlags, "featureFlags");
        requireNonNull(logging, "logging");
        requireNonNull(timeZone, "timeZone");
        requireNonNull(writer, "writer");
        requireNonNull(ingest, "ingest");
        requireNonNull(commands, "commands");
        requireNonNull(sandbox, "sandbox");
    }

    /** What Kato uses when the config file leaves every optional key out. */
    public static KatoConfig defaults(Environment env) {
        return new KatoConfig(
                SCHEMA_VERSION,
                ProviderSessionRoots.defaults(env.home()),
                defaultAllowedWriteRoots(env),
                MarkdownFrontmatter.DEFAULTS,
                FeatureFlags.DEFAULTS,
                LoggingConfig.DEFAULTS,
                Optional.empty(),
                WriterConfig.DEFAULTS,
                IngestConfig.DEFAULTS,
                CommandsConfig.DEFAULTS,
                SandboxConfig.DEFAULTS);
    }

    /** {@code KATO_HOME/recordings} and {@code KATO_HOME/exports}. */
    public static List<Path> defaultAllowedWriteRoots(Environment env) {
        return List.of(env.recordingsDir(), env.exportsDir());
    }

    /** A copy with {@code extraRoots} appended to the write roots (duplicates dropped). */
    public KatoConfig withExtraAllowedWriteRoots(List<Path> extraRoots) {
        LinkedHashSet<Path> roots = new LinkedHashSet<>(allowedWriteRoots);
        roots.addAll(extraRoots);
        return new KatoConfig(
                schemaVersion,
                providerSessionRoots,
                List.copyOf(roots),
                markdownFrontmatter,
                featureFlags,
                logging,
                timeZone,
                writer,
                ingest,
                commands,
                sandbox);
    }

    /** The zone for heading times: the configured one, else {@code systemZone}. */
    public ZoneId resolveTimeZone(ZoneId systemZone) {
        return timeZone.orElse(systemZone);
    }

    /** Paths are summarised (they sit under the home directory); everything else is shown. */
    @Override
    public String toString() {
        return "KatoConfig[schemaVersion="
                + schemaVersion
                + ", providerSessionRoots="
                + providerSessionRoots
                + ", allowedWriteRoots=<"
                + allowedWriteRoots.size()
                + " roots>, markdownFrontmatter="
                + markdownFrontmatter
                + ", featureFlags="
                + featureFlags
                + ", logging="
                + logging
                + ", timeZone="
                + timeZone.map(ZoneId::getId).orElse("system")
                + ", writer="
                + writer
                + ", ingest="
                + ingest
                + ", commands="
                + commands
                + ", sandbox="
                + sandbox
                + "]";
    }
}
