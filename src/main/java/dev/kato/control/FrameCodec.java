package dev.kato.control;

import static dev.kato.control.JsonFields.bool;
import static dev.kato.control.JsonFields.integer;
import static dev.kato.control.JsonFields.obj;
import static dev.kato.control.JsonFields.object;
import static dev.kato.control.JsonFields.str;

import dev.kato.json.JsonLimits;
import dev.kato.json.JsonText;
import dev.kato.json.JsonTreeReader;
import dev.kato.json.JsonValue;
import dev.kato.json.MalformedJsonException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The control socket's wire format. A frame is a 6-byte header, {@code 'K'}, the protocol version
 * ({@value #VERSION}) and the big-endian 32-bit length of the body, followed by the body: one UTF-8
 * JSON object with a {@code "type"}. Requests may be at most {@value #MAX_REQUEST_BYTES} bytes,
 * replies {@value #MAX_REPLY_BYTES}. Anything else (wrong magic or version, oversize, short read,
 * invalid JSON, unknown type, missing or extra fields) is a {@link ControlProtocolException}: fail
 * closed, never guess.
 */
public final class FrameCodec {
    public static final int VERSION = 1;
    public static final int MAX_REQUEST_BYTES = 64 * 1024;
    public static final int MAX_REPLY_BYTES = 4 * 1024 * 1024;
    static final byte MAGIC = 'K';
    static final int HEADER_BYTES = 6;

    private static final JsonTreeReader READER =
            new JsonTreeReader(new JsonLimits(16, MAX_REPLY_BYTES, MAX_REPLY_BYTES));
    private static final Set<String> TYPE_ONLY = Set.of("type");
    private static final Set<String> STATUS_FIELDS = Set.of("type", "all");

    private FrameCodec() {}

    public static byte[] encode(ControlRequest request) {
        JsonValue body =
                switch (request) {
                    case ControlRequest.Status(boolean all) ->
                            object().put("type", "status").put("all", all).build();
                    case ControlRequest.Stop() -> object().put("type", "stop").build();
                    case ControlRequest.Ping() -> object().put("type", "ping").build();
                };
        return frame(body, MAX_REQUEST_BYTES);
    }

    /**
     * @throws IllegalArgumentException when the reply would exceed {@link #MAX_REPLY_BYTES}
     */
    public static byte[] encode(ControlReply reply) {
        JsonValue body =
                switch (reply) {
                    case ControlReply.Ack(long pid) ->
                            object().put("type", "ack").put("pid", pid).build();
                    case ControlReply.StatusReply(DaemonStatus status) ->
                            object().put("type", "status")
                                    .put("status", StatusJson.toJson(status))
                                    .build();
                    case ControlReply.Failure(String code, String message) ->
                            object().put("type", "failure")
                                    .put("code", code)
                                    .put("message", message)
                                    .build();
                };
        return frame(body, MAX_REPLY_BYTES);
    }

    public static void write(OutputStream out, byte[] frame) throws IOException {
        out.write(frame);
        out.flush();
    }

    /** Reads exactly one request frame (blocking). */
    public static ControlRequest readRequest(InputStream in) throws IOException {
        return request(readBody(in, MAX_REQUEST_BYTES));
    }

    /** Reads exactly one reply frame (blocking). */
    public static ControlReply readReply(InputStream in) throws IOException {
        return reply(readBody(in, MAX_REPLY_BYTES));
    }

    /** Decodes a byte array that must hold exactly one request frame and nothing else. */
    public static ControlRequest decodeRequest(byte[] frame) throws ControlProtocolException {
        return request(whole(frame, MAX_REQUEST_BYTES));
    }

    /** Decodes a byte array that must hold exactly one reply frame and nothing else. */
    public static ControlReply decodeReply(byte[] frame) throws ControlProtocolException {
        return reply(whole(frame, MAX_REPLY_BYTES));
    }

    private static byte[] frame(JsonValue body, int max) {
        byte[] json = JsonText.compact(body).getBytes(StandardCharsets.UTF_8);
        if (json.length > max) {
            throw new IllegalArgumentException(
                    "control frame of " + json.length + " bytes exceeds " + max);
        }
        return ByteBuffer.allocate(HEADER_BYTES + json.length)
                .put(MAGIC)
                .put((byte) VERSION)
                .putInt(json.length)
                .put(json)
                .array();
    }

    private static byte[] readBody(InputStream in, int max) throws IOException {
        byte[] header = in.readNBytes(HEADER_BYTES);
        int length = checkHeader(header, max);
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw truncated(HEADER_BYTES + body.length);
        }
        return body;
    }

    private static byte[] whole(byte[] frame, int max) throws ControlProtocolException {
        int length = checkHeader(frame.length < HEADER_BYTES ? frame : head(frame), max);
        if (frame.length < HEADER_BYTES + length) {
            throw truncated(frame.length);
        }
        if (frame.length > HEADER_BYTES + length) {
            throw new ControlProtocolException(
                    ProtocolError.MALFORMED, "trailing bytes after the frame");
        }
        byte[] body = new byte[length];
        System.arraycopy(frame, HEADER_BYTES, body, 0, length);
        return body;
    }

    private static byte[] head(byte[] frame) {
        byte[] header = new byte[HEADER_BYTES];
        System.arraycopy(frame, 0, header, 0, HEADER_BYTES);
        return header;
    }

    /** Validates a header (which may be short) and returns the body length. */
    private static int checkHeader(byte[] header, int max) throws ControlProtocolException {
        if (header.length > 0 && header[0] != MAGIC) {
            throw new ControlProtocolException(ProtocolError.BAD_MAGIC, "not a Kato control frame");
        }
        if (header.length > 1 && header[1] != VERSION) {
            throw new ControlProtocolException(
                    ProtocolError.UNSUPPORTED_VERSION,
                    "protocol version "
                            + (header[1] & 0xff)
                            + " (this Kato speaks "
                            + VERSION
                            + ")");
        }
        if (header.length < HEADER_BYTES) {
            throw truncated(header.length);
        }
        int length = ByteBuffer.wrap(header, 2, 4).getInt();
        if (length < 0 || length > max) {
            throw new ControlProtocolException(
                    ProtocolError.OVERSIZE,
                    "frame body of " + Integer.toUnsignedString(length) + " bytes exceeds " + max);
        }
        return length;
    }

    private static ControlProtocolException truncated(int got) {
        return new ControlProtocolException(
                ProtocolError.TRUNCATED, "the frame ended after " + got + " bytes");
    }

    private static JsonValue json(byte[] body) throws ControlProtocolException {
        JsonValue value;
        try {
            value = READER.read(body);
        } catch (MalformedJsonException e) {
            throw new ControlProtocolException(ProtocolError.MALFORMED, e.getMessage());
        }
        if (!value.isObject()) {
            throw new ControlProtocolException(
                    ProtocolError.MALFORMED, "the body is not an object");
        }
        return value;
    }

    private static ControlRequest request(byte[] body) throws ControlProtocolException {
        JsonValue json = json(body);
        String type = str(json, "type");
        return switch (type) {
            case "status" -> {
                exactly(json, STATUS_FIELDS);
                yield new ControlRequest.Status(bool(json, "all"));
            }
            case "stop" -> {
                exactly(json, TYPE_ONLY);
                yield new ControlRequest.Stop();
            }
            case "ping" -> {
                exactly(json, TYPE_ONLY);
                yield new ControlRequest.Ping();
            }
            default ->
                    throw new ControlProtocolException(
                            ProtocolError.MALFORMED, "unknown request type");
        };
    }

    private static ControlReply reply(byte[] body) throws ControlProtocolException {
        JsonValue json = json(body);
        String type = str(json, "type");
        return switch (type) {
            case "ack" -> {
                long pid = integer(json, "pid");
                yield StatusJson.valid(() -> new ControlReply.Ack(pid));
            }
            case "status" -> new ControlReply.StatusReply(StatusJson.fromJson(obj(json, "status")));
            case "failure" -> {
                String code = str(json, "code");
                String message = str(json, "message");
                yield StatusJson.valid(() -> new ControlReply.Failure(code, message));
            }
            default ->
                    throw new ControlProtocolException(
                            ProtocolError.MALFORMED, "unknown reply type");
        };
    }

    private static void exactly(JsonValue json, Set<String> fields)
            throws ControlProtocolException {
        if (json instanceof JsonValue.Obj(var map) && !fields.equals(map.keySet())) {
            throw new ControlProtocolException(
                    ProtocolError.MALFORMED, "unexpected or missing fields");
        }
    }
}
