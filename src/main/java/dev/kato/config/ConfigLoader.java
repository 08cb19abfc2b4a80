package dev.kato.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Loads and validates {@code kato-config.yaml}, fail-closed: unknown and retired keys, wrong types,
 * duplicate keys, anchors, aliases, tags, non-finite numbers, relative paths, out-of-range numbers
 * and unknown enum values are all reported together, each with its key path and line.
 *
 * <pre>{@code
 * switch (ConfigLoader.load(env)) {
 *     case ConfigResult.Loaded(var config, var sha256, var notices) -> …
 *     case ConfigResult.Invalid(var problems) -> … // print each problem.render(), exit 1
 *     case ConfigResult.Missing(var path) -> …     // kato start: ConfigInit.createIfMissing
 * }
 * }</pre>
 */
public final class ConfigLoader {
    private ConfigLoader() {}

    /** Loads {@link Environment#configPath()}. */
    public static ConfigResult load(Environment env) throws IOException {
        return load(env.configPath(), env);
    }

    /**
     * Loads {@code file} ({@code kato config validate FILE}). A symlink to a regular file is
     * followed; anything but a regular file is {@link ConfigResult.Invalid}.
     *
     * @throws IOException when the file exists but cannot be read (permissions, I/O errors)
     */
    public static ConfigResult load(Path file, Environment env) throws IOException {
        if (!Files.exists(file) && !Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return new ConfigResult.Missing(file);
        }
        if (!Files.isRegularFile(file)) {
            return invalid(
                    Files.exists(file)
                            ? "is not a regular file"
                            : "is a symbolic link to nothing; fix or remove the link");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(YamlDocument.MAX_FILE_BYTES + 1);
        } catch (NoSuchFileException e) {
            return new ConfigResult.Missing(file);
        }
        return parse(bytes, env);
    }

    /**
     * Validates config file bytes. Never throws for any input and never returns {@link
     * ConfigResult.Missing}.
     */
    public static ConfigResult parse(byte[] bytes, Environment env) {
        return switch (YamlDocument.compose(bytes)) {
            case YamlDocument.Outcome.Failed(ConfigProblem problem) ->
                    new ConfigResult.Invalid(List.of(problem));
            case YamlDocument.Outcome.Composed(var root) ->
                    ConfigReader.read(root, env, sha256(bytes));
        };
    }

    private static ConfigResult invalid(String message) {
        return new ConfigResult.Invalid(List.of(new ConfigProblem("", 0, "the config " + message)));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }
}
