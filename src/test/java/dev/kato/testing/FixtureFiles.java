package dev.kato.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared provider fixtures ({@code ../shared/fixtures/kato} beside the checkout) and this
 * project's own ({@code src/test/resources/testdata/provider}).
 */
public final class FixtureFiles {
    private FixtureFiles() {}

    /** The shared fixtures directory; fails loudly when the checkout has no {@code ../shared}. */
    public static Path sharedKato() {
        Path dir = Path.of("").toAbsolutePath().getParent().resolve("shared/fixtures/kato");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(
                    "shared fixtures not found at "
                            + dir
                            + " (../shared must sit beside the checkout)");
        }
        return dir;
    }

    public static byte[] sharedKato(String name) {
        return read(sharedKato().resolve(name));
    }

    /** A file under {@code src/test/resources/testdata/}. */
    public static byte[] testdata(String relativePath) {
        return read(Path.of("src/test/resources/testdata").resolve(relativePath));
    }

    public static byte[] read(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
