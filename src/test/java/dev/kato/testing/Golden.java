package dev.kato.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares output with a golden file under {@code src/test/resources/testdata}. Run with {@code
 * -Dkato.updateGoldens=true} to (re)write the goldens; review the diff before committing.
 */
public final class Golden {
    private static final Path ROOT = Path.of("src/test/resources/testdata");

    private Golden() {}

    public static void assertMatches(String relativePath, String actual) {
        Path file = ROOT.resolve(relativePath);
        try {
            if (Boolean.getBoolean("kato.updateGoldens")) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                return;
            }
            assertThat(file)
                    .as("golden file %s (create it with -Dkato.updateGoldens=true)", file)
                    .exists();
            String expected = Files.readString(file, StandardCharsets.UTF_8);
            assertThat(actual).as("output differs from golden %s", file).isEqualTo(expected);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static Path path(String relativePath) {
        return ROOT.resolve(relativePath);
    }
}
