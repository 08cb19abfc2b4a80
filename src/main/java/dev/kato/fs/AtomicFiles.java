package dev.kato.fs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Crash-safe replacement of a file: write a temp file in the same directory ({@code 0600}), fsync
 * it, rename it over the target atomically, fsync the directory. A reader sees the old or the new
 * content, never a mix; a crash leaves at most a stray temp file.
 */
public final class AtomicFiles {
    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {}

    /**
     * Writes the content produced by {@code body} and atomically replaces {@code target} with it.
     */
    public static void replace(Path target, ContentWriter body) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = dir.resolve(tempName(target));
        boolean moved = false;
        try {
            try (FileChannel ch =
                            FileChannel.open(
                                    temp,
                                    java.util.Set.<java.nio.file.OpenOption>of(
                                            StandardOpenOption.CREATE_NEW,
                                            StandardOpenOption.WRITE,
                                            java.nio.file.LinkOption.NOFOLLOW_LINKS),
                                    PrivateFiles.fileAttribute());
                    OutputStream out = Channels.newOutputStream(ch)) {
                body.writeTo(out);
                out.flush();
                ch.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            moved = true;
            syncDirectory(dir);
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** Flushes a directory's entries (a rename or create) to disk. */
    public static void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    /** Temp names start with {@code .} and end with {@code .kato-tmp} so cleanup can find them. */
    public static String tempName(Path target) {
        byte[] nonce = new byte[6];
        RANDOM.nextBytes(nonce);
        return "." + target.getFileName() + "." + HexFormat.of().formatHex(nonce) + ".kato-tmp";
    }

    /** Produces file content; may be called once. */
    @FunctionalInterface
    public interface ContentWriter {
        void writeTo(OutputStream out) throws IOException;
    }
}
