package dev.kato.export;

import static java.util.Objects.requireNonNull;

import dev.kato.event.SessionKey;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/** One row of {@code kato sessions}. */
public record SessionListing(
        SessionKey key,
        String title,
        @Nullable Instant lastMessage,
        long eventCount,
        boolean logExists,
        String logPath) {
    public SessionListing {
        requireNonNull(key, "key");
        requireNonNull(title, "title");
        requireNonNull(logPath, "logPath");
    }

    public Optional<Instant> lastMessageTime() {
        return Optional.ofNullable(lastMessage);
    }

    /** The rows as a JSON array (one object per session), newline-terminated. */
    public static String toJson(List<SessionListing> sessions) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g =
                JsonFactory.builder().build().createGenerator(ObjectWriteContext.empty(), out)) {
            g.writeStartArray();
            for (SessionListing s : sessions) {
                g.writeStartObject();
                g.writeStringProperty("shortId", s.key.shortId());
                g.writeStringProperty("katoSessionId", s.key.katoSessionId().toString());
                g.writeStringProperty("provider", s.key.provider().id());
                g.writeStringProperty("providerSessionId", s.key.providerSessionId());
                g.writeStringProperty("title", s.title);
                if (s.lastMessage == null) {
                    g.writeNullProperty("lastMessageTime");
                } else {
                    g.writeStringProperty("lastMessageTime", s.lastMessage.toString());
                }
                g.writeNumberProperty("eventCount", s.eventCount);
                g.writeBooleanProperty("providerLogExists", s.logExists);
                g.writeStringProperty("providerLog", s.logPath);
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        return out + "\n";
    }

    @Override
    public String toString() {
        return "SessionListing[" + key.shortId() + ", events=" + eventCount + "]";
    }
}
