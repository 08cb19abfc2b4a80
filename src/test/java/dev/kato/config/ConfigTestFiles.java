package dev.kato.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files under {@code src/test/resources/testdata/config/}. */
final class ConfigTestFiles {
    static final Path DIR = Path.of("src/test/resources/testdata/config");

    private ConfigTestFiles() {}

    static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(DIR.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
