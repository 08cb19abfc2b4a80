package dev.kato.event;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Identifies one conversation: the provider plus the provider's session id. The Kato session id is
 * a name-based UUID derived from that pair, so it is stable across machines, restarts and a lost
 * vault; its first 8 characters are the short id shown to users.
 */
public record SessionKey(Provider provider, String providerSessionId) {
    public SessionKey {
        requireNonNull(provider, "provider");
        requireNonNull(providerSessionId, "providerSessionId");
        if (providerSessionId.isEmpty()) {
            throw new IllegalArgumentException("providerSessionId must not be empty");
        }
    }

    public UUID katoSessionId() {
        byte[] name =
                ("kato-session:" + provider.id() + ":" + providerSessionId)
                        .getBytes(StandardCharsets.UTF_8);
        return UUID.nameUUIDFromBytes(name);
    }

    public String shortId() {
        return katoSessionId().toString().substring(0, 8);
    }
}
