package dev.kato.state;

import static java.util.Objects.requireNonNull;

import dev.kato.fs.AtomicFiles;
import dev.kato.fs.PrivateFiles;
import dev.kato.json.JsonLimits;
import dev.kato.json.JsonText;
import dev.kato.json.JsonTreeReader;
import dev.kato.json.JsonValue;
import dev.kato.json.MalformedJsonException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One versioned JSON state file. {@link #save} replaces it atomically ({@code 0600}, parent
 * directories {@code 0700}); {@link #load} checks the {@code schemaVersion} field and the codec's
 * schema, and moves an invalid file aside through {@link Quarantine} instead of resetting it.
 *
 * <p>A {@linkplain #readOnly read-only} store never writes or renames anything: an invalid file is
 * reported as {@link LoadResult.Unreadable} and left for the owner of the state to quarantine.
 *
 * @param <T> the state type
 */
public final class StateStore<T> {
    /** The name of the version field every state document starts with. */
    public static final String SCHEMA_VERSION_FIELD = "schemaVersion";

    /** The largest state file accepted: 16 MiB. */
    public static final int MAX_FILE_BYTES = 16 * 1024 * 1024;

    private static final JsonTreeReader READER =
            new JsonTreeReader(new JsonLimits(64, MAX_FILE_BYTES, MAX_FILE_BYTES));

    private final Path file;
    private final StateCodec<T> codec;
    private final @Nullable Quarantine quarantine;

    private StateStore(Path file, StateCodec<T> codec, @Nullable Quarantine quarantine) {
        this.file = requireNonNull(file, "file");
        this.codec = requireNonNull(codec, "codec");
        this.quarantine = quarantine;
        if (file.getFileName() == null) {
            throw new IllegalArgumentException("file has no name");
        }
    }

    /** A store that saves and quarantines. */
    public static <T> StateStore<T> of(Path file, StateCodec<T> codec, Quarantine quarantine) {
        return new StateStore<>(file, codec, requireNonNull(quarantine, "quarantine"));
    }

    /** A store that only loads, and leaves invalid files in place. */
    public static <T> StateStore<T> readOnly(Path file, StateCodec<T> codec) {
        return new StateStore<>(file, codec, null);
    }

    public Path file() {
        return file;
    }

    /**
     * Loads the file.
     *
     * @throws IOException when the file exists but cannot be read or moved aside
     */
    public LoadResult<T> load() throws IOException {
        BasicFileAttributes attrs;
        try {
            attrs =
                    Files.readAttributes(
                            file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return new LoadResult.Missing<>();
        }
        if (!attrs.isRegularFile()) {
            return invalid("not a regular file");
        }
        if (attrs.size() > MAX_FILE_BYTES) {
            return invalid("larger than " + MAX_FILE_BYTES + " bytes");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        } catch (NoSuchFileException e) {
            return new LoadResult.Missing<>();
        }
        if (bytes.length > MAX_FILE_BYTES) {
            return invalid("larger than " + MAX_FILE_BYTES + " bytes");
        }
        return decode(bytes);
    }

    /** Atomically replaces the file with {@code value}. */
    public void save(T value) throws IOException {
        requireNonNull(value, "value");
        if (quarantine == null) {
            throw new IllegalStateException("this state store is read-only");
        }
        byte[] bytes = encode(value);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            PrivateFiles.createDirectories(parent);
        }
        AtomicFiles.replace(file, out -> out.write(bytes));
    }

    /** The exact bytes {@link #save} writes: compact JSON and a final newline. */
    byte[] encode(T value) {
        JsonValue.Obj body = codec.encode(value);
        if (body.fields().containsKey(SCHEMA_VERSION_FIELD)) {
            throw new IllegalStateException("codec must not write " + SCHEMA_VERSION_FIELD);
        }
        Map<String, JsonValue> fields = new LinkedHashMap<>();
        fields.put(
                SCHEMA_VERSION_FIELD, new JsonValue.Num(Integer.toString(codec.schemaVersion())));
        fields.putAll(body.fields());
        return (JsonText.compact(new JsonValue.Obj(fields)) + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private LoadResult<T> decode(byte[] bytes) throws IOException {
        JsonValue root;
        try {
            root = READER.read(bytes);
        } catch (MalformedJsonException e) {
            return invalid("not valid JSON (" + e.getMessage() + ")");
        }
        if (!(root instanceof JsonValue.Obj(Map<String, JsonValue> fields))) {
            return invalid("not a JSON object");
        }
        JsonValue version = root.get(SCHEMA_VERSION_FIELD);
        if (version.isMissing()) {
            return invalid(SCHEMA_VERSION_FIELD + " is missing");
        }
        String expected = Integer.toString(codec.schemaVersion());
        if (!(version instanceof JsonValue.Num(String literal)) || !literal.equals(expected)) {
            return invalid("unsupported " + SCHEMA_VERSION_FIELD + " (expected " + expected + ")");
        }
        Map<String, JsonValue> rest = new LinkedHashMap<>(fields);
        rest.remove(SCHEMA_VERSION_FIELD);
        try {
            return new LoadResult.Loaded<>(codec.decode(new JsonValue.Obj(rest)));
        } catch (InvalidStateException e) {
            return invalid(String.valueOf(e.getMessage()));
        } catch (IllegalArgumentException | NullPointerException e) {
            // A value type rejected a decoded value; its message may quote content, so drop it.
            return invalid("a value was rejected by its type");
        }
    }

    private LoadResult<T> invalid(String reason) throws IOException {
        if (quarantine == null) {
            return new LoadResult.Unreadable<>(reason);
        }
        Path aside = quarantine.moveAside(file, reason);
        return new LoadResult.Quarantined<>(aside, reason);
    }

    @Override
    public String toString() {
        return "StateStore[" + file.getFileName() + ", v" + codec.schemaVersion() + "]";
    }
}
