package dev.kato.vault;

import dev.kato.event.ConversationEvent;
import dev.kato.event.SessionKey;
import dev.kato.state.QuarantineListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/** A recording quarantine listener and small file helpers for vault tests. */
final class VaultTestSupport {
    static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-03-04T05:06:07Z"));
    static final String STAMP = "20260304T050607Z";

    private VaultTestSupport() {}

    /** Records quarantine reports as {@code <file name> -> <aside name>: <reason>}. */
    static final class Reports implements QuarantineListener {
        final List<String> lines = new ArrayList<>();

        @Override
        public void quarantined(Path original, Path quarantinedTo, String reason) {
            lines.add(
                    original.getFileName() + " -> " + quarantinedTo.getFileName() + ": " + reason);
        }
    }

    static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(
                Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    static Path sessionDir(Path root, SessionKey key) {
        return root.resolve(key.katoSessionId().toString());
    }

    static List<ConversationEvent> readAll(Vault vault, SessionKey key) throws IOException {
        List<ConversationEvent> out = new ArrayList<>();
        vault.readEvents(key, out::add).orElseThrow();
        return out;
    }
}
