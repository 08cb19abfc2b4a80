package dev.kato.provider.gemini;

import dev.kato.event.AssistantMessage;
import dev.kato.event.AssistantPhase;
import dev.kato.event.ConversationEvent;
import dev.kato.event.EventMeta;
import dev.kato.event.ProviderInfo;
import dev.kato.event.SystemNotice;
import dev.kato.event.Thinking;
import dev.kato.event.ToolCall;
import dev.kato.event.ToolResult;
import dev.kato.event.UserMessage;
import dev.kato.event.UserOrigin;
import org.jspecify.annotations.Nullable;

/**
 * The content of one event-to-be, without its identity: what a message part says. {@link
 * #contentHash()} decides whether an already-emitted part changed; {@link #text()} is the text a
 * revision id is derived from. {@code toString} never prints content.
 */
sealed interface PartBody {

    /** The main text: message text, tool input JSON, result text or info value. */
    String text();

    /** A 64-bit hash over every field, so any change of content is seen. */
    long contentHash();

    /** The canonical event for this content with the given identity. */
    ConversationEvent toEvent(EventMeta meta);

    /** Text in a user row, with who wrote it. */
    record UserText(String text, UserOrigin origin) implements PartBody {
        UserText withOrigin(UserOrigin newOrigin) {
            return new UserText(text, newOrigin);
        }

        @Override
        public long contentHash() {
            return ContentDigest.fields("user", origin.wireName(), text);
        }

        @Override
        public ConversationEvent toEvent(EventMeta meta) {
            return new UserMessage(meta, text, origin);
        }

        @Override
        public String toString() {
            return "UserText[origin=" + origin.wireName() + ", chars=" + text.length() + "]";
        }
    }

    /** Text of a {@code gemini} row. */
    record AssistantText(String text, @Nullable String model) implements PartBody {
        @Override
        public long contentHash() {
            return ContentDigest.fields("assistant", String.valueOf(model), text);
        }

        @Override
        public ConversationEvent toEvent(EventMeta meta) {
            return new AssistantMessage(meta, text, model, AssistantPhase.UNSPECIFIED);
        }

        @Override
        public String toString() {
            return "AssistantText[chars=" + text.length() + "]";
        }
    }

    /** One thought summary of a {@code gemini} row. */
    record ThinkingText(String text, @Nullable String model) implements PartBody {
        @Override
        public long contentHash() {
            return ContentDigest.fields("thinking", String.valueOf(model), text);
        }

        @Override
        public ConversationEvent toEvent(EventMeta meta) {
            return new Thinking(meta, text, model);
        }

        @Override
        public String toString() {
            return "ThinkingText[chars=" + text.length() + "]";
        }
    }

    /** A tool call; {@link #text()} is its input JSON. */
    record Call(
            String callId,
            String name,
            String description,
            String inputJson,
            @Nullable String model)
            implements PartBody {
        @Override
        public String text() {
            return inputJson;
        }

        @Override
        public long contentHash() {
            return ContentDigest.fields(
                    "call", callId, name, description, inputJson, String.valueOf(model));
        }

        @Override
        public ConversationEvent toEvent(EventMeta meta) {
            return new ToolCall(meta, callId, name, description, inputJson, model);
        }

        @Override
        public String toString() {
            return "Call[name=" + name + ", inputChars=" + inputJson.length() + "]";
        }
    }

    /**
     * A tool result.
     *
     * @param providerCallId true when {@code callId} is the provider's call id (not a name or
     *     position fallback), so that equal results of the same call can be recognised across
     *     messages
     */
    record Result(String callId, String text, boolean isError, boolean providerCallId)
            implements PartBody {
        @Override
        public long contentHash() {
            return ContentDigest.fields("result", callId, Boolean.toString(isError), text);
        }

        @Override
        public ConversationEvent toEvent(EventMeta meta) {
            return new ToolResult(meta, callId, text, isError);
        }

        @Override
        public String toString() {
            return "Result[error=" + isError + ", chars=" + text.length() + "]";
        }
    }

    /** An {@code info}/{@code error}/{@code warning} row, or a harness marker such as a rewind. */
    record Notice(String subtype, String text) implements PartBody {
        @Override
        public long contentHash() {
            return ContentDigest.fields("notice", subtype, text);
        }

        @Override
        public ConversationEvent toEvent(EventMeta meta) {
            return new SystemNotice(meta, subtype, text);
        }

        @Override
        public String toString() {
            return "Notice[subtype=" + subtype + ", chars=" + text.length() + "]";
        }
    }

    /** Session metadata such as the title; {@link #text()} is the value. */
    record Info(String infoType, String text) implements PartBody {
        @Override
        public long contentHash() {
            return ContentDigest.fields("info", infoType, text);
        }

        @Override
        public ConversationEvent toEvent(EventMeta meta) {
            return new ProviderInfo(meta, infoType, text);
        }

        @Override
        public String toString() {
            return "Info[type=" + infoType + ", chars=" + text.length() + "]";
        }
    }
}
