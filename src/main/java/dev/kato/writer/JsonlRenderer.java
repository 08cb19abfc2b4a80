package dev.kato.writer;

import dev.kato.event.AssistantMessage;
import dev.kato.event.ConversationEvent;
import dev.kato.event.Decision;
import dev.kato.event.DecisionOption;
import dev.kato.event.EventMeta;
import dev.kato.event.ProviderInfo;
import dev.kato.event.SystemNotice;
import dev.kato.event.Thinking;
import dev.kato.event.ToolCall;
import dev.kato.event.ToolResult;
import dev.kato.event.UserMessage;
import dev.kato.event.UtcTimestamps;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Renders canonical events as JSONL, one event per line ({@code conversationSchemaVersion} 2 field
 * names). Deterministic: fixed field order, UTC timestamps with milliseconds, {@code \n} endings.
 */
public final class JsonlRenderer {
    public static final int SCHEMA_VERSION = 2;
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    /** One event as one JSON line, terminated by {@code \n}. */
    public String line(ConversationEvent event) {
        StringWriter out = new StringWriter(256);
        write(event, out);
        return out.toString();
    }

    /** Writes one event as one JSON line, terminated by {@code \n}. */
    public void write(ConversationEvent event, Writer out) {
        try {
            try (JsonGenerator g =
                    FACTORY.createGenerator(
                            ObjectWriteContext.empty(), new NonClosingWriter(out))) {
                g.writeStartObject();
                writeMeta(g, event);
                writeBody(g, event, false);
                g.writeEndObject();
            }
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes one event as one JSON line in UTF-8, terminated by {@code \n}, straight to bytes (the
     * vault's path: no intermediate characters). Same text as {@link #write(ConversationEvent,
     * Writer)}, except that a lone UTF-16 surrogate is kept as a {@code \\uXXXX} escape instead of
     * becoming {@code ?}. A tool result's text held in its canonical spelling ({@link
     * dev.kato.event.Text}) is copied, not encoded.
     */
    public void writeUtf8(ConversationEvent event, java.io.OutputStream out) {
        try {
            try (JsonGenerator g =
                    FACTORY.createGenerator(
                            ObjectWriteContext.empty(),
                            new java.io.FilterOutputStream(out) {
                                @Override
                                public void write(byte[] b, int off, int len) throws IOException {
                                    out.write(b, off, len);
                                }

                                @Override
                                public void close() throws IOException {
                                    flush();
                                }
                            })) {
                g.writeStartObject();
                writeMeta(g, event);
                writeBody(g, event, true);
                g.writeEndObject();
            }
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeMeta(JsonGenerator g, ConversationEvent event) {
        EventMeta m = event.meta();
        g.writeNumberProperty("conversationSchemaVersion", SCHEMA_VERSION);
        g.writeStringProperty("eventId", m.eventId().value());
        g.writeStringProperty("provider", m.provider().id());
        g.writeStringProperty("sessionId", m.sessionId());
        nullableString(
                g,
                "timestamp",
                m.timestamp() == null ? null : UtcTimestamps.formatCanonical(m.timestamp()));
        g.writeStringProperty("kind", event.kind());
        nullableString(g, "turnId", m.turnId());
        g.writeName("source");
        g.writeStartObject();
        g.writeStringProperty("providerEventType", m.providerEventType());
        g.writeStringProperty("providerEventId", m.providerEventId());
        g.writeEndObject();
        if (m.agentId() != null) {
            g.writeStringProperty("agentId", m.agentId());
        }
    }

    /**
     * The body's fields; with {@code utf8}, a text held in its canonical spelling is copied as it
     * is (the same bytes its characters encode to).
     */
    private static void writeBody(JsonGenerator g, ConversationEvent event, boolean utf8) {
        switch (event) {
            case UserMessage u -> {
                g.writeStringProperty("origin", u.origin().wireName());
                g.writeStringProperty("text", u.text());
            }
            case AssistantMessage a -> {
                nullableString(g, "model", a.model());
                g.writeStringProperty("phase", a.phase().wireName());
                g.writeStringProperty("text", a.text());
            }
            case Thinking t -> {
                nullableString(g, "model", t.model());
                g.writeStringProperty("text", t.text());
            }
            case ToolCall c -> {
                nullableString(g, "model", c.model());
                g.writeStringProperty("toolCallId", c.toolCallId());
                g.writeStringProperty("name", c.name());
                g.writeStringProperty("description", c.description());
                g.writeStringProperty("input", c.inputJson());
            }
            case ToolResult r -> {
                g.writeStringProperty("toolCallId", r.toolCallId());
                g.writeBooleanProperty("isError", r.isError());
                g.writeName("text");
                if (!utf8 || !r.content().writeCanonicalJsonTo(g::writeRawUTF8String)) {
                    g.writeString(r.text());
                }
            }
            case Decision d -> {
                g.writeStringProperty("decisionKey", d.decisionKey());
                g.writeStringProperty("status", d.status().wireName());
                g.writeStringProperty("decidedBy", d.decidedBy());
                g.writeStringProperty("summary", d.summary());
                g.writeStringProperty("question", d.question());
                g.writeName("options");
                g.writeStartArray();
                for (DecisionOption o : d.options()) {
                    g.writeStartObject();
                    g.writeStringProperty("label", o.label());
                    g.writeStringProperty("description", o.description());
                    g.writeEndObject();
                }
                g.writeEndArray();
                nullableString(g, "answer", d.answer());
            }
            case SystemNotice s -> {
                g.writeStringProperty("subtype", s.subtype());
                g.writeStringProperty("text", s.text());
            }
            case ProviderInfo p -> {
                g.writeStringProperty("infoType", p.infoType());
                g.writeStringProperty("value", p.value());
            }
        }
    }

    private static void nullableString(JsonGenerator g, String name, @Nullable String value) {
        if (value == null) {
            g.writeNullProperty(name);
        } else {
            g.writeStringProperty(name, value);
        }
    }

    /** Lets the generator flush into a shared writer without closing it. */
    private static final class NonClosingWriter extends java.io.FilterWriter {
        NonClosingWriter(Writer out) {
            super(out);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
