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
import dev.kato.json.JsonStringBytes;
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
                writeMeta(g, event, GENERATED);
                writeBody(g, event, GENERATED);
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
     * Writer)}, except that a lone UTF-16 surrogate becomes {@code ?}, as in the JDK's UTF-8
     * encoder, so the line is well-formed text. Every string is escaped in bulk ({@link
     * JsonStringBytes}) and handed to the generator as raw UTF-8.
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
                writeMeta(g, event, PRE_ESCAPED);
                writeBody(g, event, PRE_ESCAPED);
                g.writeEndObject();
            }
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeMeta(JsonGenerator g, ConversationEvent event, StringProperty str) {
        EventMeta m = event.meta();
        g.writeNumberProperty("conversationSchemaVersion", SCHEMA_VERSION);
        str.write(g, "eventId", m.eventId().value());
        str.write(g, "provider", m.provider().id());
        str.write(g, "sessionId", m.sessionId());
        nullableString(
                g,
                str,
                "timestamp",
                m.timestamp() == null ? null : UtcTimestamps.formatCanonical(m.timestamp()));
        str.write(g, "kind", event.kind());
        nullableString(g, str, "turnId", m.turnId());
        g.writeName("source");
        g.writeStartObject();
        str.write(g, "providerEventType", m.providerEventType());
        str.write(g, "providerEventId", m.providerEventId());
        g.writeEndObject();
        if (m.agentId() != null) {
            str.write(g, "agentId", m.agentId());
        }
    }

    private static void writeBody(JsonGenerator g, ConversationEvent event, StringProperty str) {
        switch (event) {
            case UserMessage u -> {
                str.write(g, "origin", u.origin().wireName());
                str.write(g, "text", u.text());
            }
            case AssistantMessage a -> {
                nullableString(g, str, "model", a.model());
                str.write(g, "phase", a.phase().wireName());
                str.write(g, "text", a.text());
            }
            case Thinking t -> {
                nullableString(g, str, "model", t.model());
                str.write(g, "text", t.text());
            }
            case ToolCall c -> {
                nullableString(g, str, "model", c.model());
                str.write(g, "toolCallId", c.toolCallId());
                str.write(g, "name", c.name());
                str.write(g, "description", c.description());
                str.write(g, "input", c.inputJson());
            }
            case ToolResult r -> {
                str.write(g, "toolCallId", r.toolCallId());
                g.writeBooleanProperty("isError", r.isError());
                str.write(g, "text", r.text());
            }
            case Decision d -> {
                str.write(g, "decisionKey", d.decisionKey());
                str.write(g, "status", d.status().wireName());
                str.write(g, "decidedBy", d.decidedBy());
                str.write(g, "summary", d.summary());
                str.write(g, "question", d.question());
                g.writeName("options");
                g.writeStartArray();
                for (DecisionOption o : d.options()) {
                    g.writeStartObject();
                    str.write(g, "label", o.label());
                    str.write(g, "description", o.description());
                    g.writeEndObject();
                }
                g.writeEndArray();
                nullableString(g, str, "answer", d.answer());
            }
            case SystemNotice s -> {
                str.write(g, "subtype", s.subtype());
                str.write(g, "text", s.text());
            }
            case ProviderInfo p -> {
                str.write(g, "infoType", p.infoType());
                str.write(g, "value", p.value());
            }
        }
    }

    private static void nullableString(
            JsonGenerator g, StringProperty str, String name, @Nullable String value) {
        if (value == null) {
            g.writeNullProperty(name);
        } else {
            str.write(g, name, value);
        }
    }

    /** How a string property is written. */
    @FunctionalInterface
    private interface StringProperty {
        void write(JsonGenerator g, String name, String value);
    }

    /** The generator escapes the string itself (any output). */
    private static final StringProperty GENERATED = JsonGenerator::writeStringProperty;

    /** Escaped in bulk, then written as raw UTF-8 (byte output only). */
    private static final StringProperty PRE_ESCAPED =
            (g, name, value) -> {
                g.writeName(name);
                byte[] escaped = JsonStringBytes.of(value);
                g.writeRawUTF8String(escaped, 0, escaped.length);
            };

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
