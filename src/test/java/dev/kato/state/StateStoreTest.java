package dev.kato.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kato.json.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {
    private static final InstantSource CLOCK =
            InstantSource.fixed(Instant.parse("2026-03-01T10:20:30.456Z"));

    @TempDir Path tmp;

    /** A tiny state type and codec, so the store is tested without any Kato domain type. */
    record Counter(String name, long count) {}

    static class CounterCodec implements StateCodec<Counter> {
        @Override
        public int schemaVersion() {
            return 3;
        }

        @Override
        public JsonValue.Obj encode(Counter c) {
            Map<String, JsonValue> f = new LinkedHashMap<>();
            f.put("name", new JsonValue.Str(c.name()));
            f.put("count", new JsonValue.Num(Long.toString(c.count())));
            return new JsonValue.Obj(f);
        }

        @Override
        public Counter decode(JsonValue.Obj o) throws InvalidStateException {
            if (!(o.get("name") instanceof JsonValue.Str name)) {
                throw new InvalidStateException("name is not a string");
            }
            if (!(o.get("count") instanceof JsonValue.Num(String literal))
                    || !literal.matches("[0-9]{1,18}")) {
                throw new InvalidStateException("count is not a non-negative integer");
            }
            if (o.fields().size() != 2) {
                throw new InvalidStateException("unexpected field");
            }
            return new Counter(name.value(), Long.parseLong(literal));
        }
    }

    private final List<String> reports = new ArrayList<>();
    private final QuarantineListener listener =
            (original, aside, reason) ->
                    reports.add(
                            original.getFileName() + " -> " + aside.getFileName() + ": " + reason);

    private StateStore<Counter> store(Path file) {
        return StateStore.of(file, new CounterCodec(), new Quarantine(listener, CLOCK));
    }

    @Test
    void save_thenLoad_roundTrips() throws IOException {
        StateStore<Counter> store = store(tmp.resolve("state.json"));
        store.save(new Counter("a", 7));
        assertThat(store.load()).isEqualTo(new LoadResult.Loaded<>(new Counter("a", 7)));
        store.save(new Counter("b", 8));
        assertThat(store.load()).isEqualTo(new LoadResult.Loaded<>(new Counter("b", 8)));
        assertThat(reports).isEmpty();
    }

    @Test
    void save_writesSchemaVersionFirst_compactWithNewline() throws IOException {
        Path file = tmp.resolve("state.json");
        store(file).save(new Counter("a", 7));
        assertThat(Files.readString(file))
                .isEqualTo("{\"schemaVersion\":3,\"name\":\"a\",\"count\":7}\n");
    }

    @Test
    void save_createsPrivateDirectoriesAndFile() throws IOException {
        Path file = tmp.resolve("x/y/state.json");
        store(file).save(new Counter("a", 1));
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(mode(tmp.resolve("x"))).isEqualTo("rwx------");
        assertThat(mode(tmp.resolve("x/y"))).isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(tmp.resolve("x/y"))) {
            assertThat(files).containsExactly(file); // no temp file left behind
        }
    }

    @Test
    void load_missingFile_isMissing() throws IOException {
        assertThat(store(tmp.resolve("none.json")).load()).isEqualTo(new LoadResult.Missing<>());
    }

    @Test
    void load_invalidJson_isQuarantinedWithTimestampedName_andListenerTold() throws IOException {
        Path file = tmp.resolve("state.json");
        byte[] garbage = "{\"schemaVersion\":3, SECRET-TEXT".getBytes(StandardCharsets.UTF_8);
        Files.write(file, garbage);

        LoadResult<Counter> result = store(file).load();

        Path aside = tmp.resolve("state.json.corrupt-20260301T102030Z");
        assertThat(result).isInstanceOf(LoadResult.Quarantined.class);
        assertThat(((LoadResult.Quarantined<Counter>) result).quarantinedTo()).isEqualTo(aside);
        assertThat(file).doesNotExist();
        assertThat(aside).hasBinaryContent(garbage);
        assertThat(reports).hasSize(1);
        assertThat(reports.getFirst())
                .startsWith("state.json -> state.json.corrupt-20260301T102030Z: not valid JSON")
                .doesNotContain("SECRET");
        assertThat(result.toString()).doesNotContain("SECRET");
    }

    @Test
    void load_wrongSchemaVersion_isQuarantined() throws IOException {
        Path file = tmp.resolve("state.json");
        Files.writeString(file, "{\"schemaVersion\":2,\"name\":\"a\",\"count\":7}\n");
        LoadResult<Counter> result = store(file).load();
        assertThat(result)
                .isEqualTo(
                        new LoadResult.Quarantined<Counter>(
                                tmp.resolve("state.json.corrupt-20260301T102030Z"),
                                "unsupported schemaVersion (expected 3)"));
        assertThat(reports).hasSize(1);
    }

    @Test
    void load_schemaVersionAsStringOrMissing_isQuarantined() throws IOException {
        Path file = tmp.resolve("state.json");
        Files.writeString(file, "{\"schemaVersion\":\"3\",\"name\":\"a\",\"count\":7}");
        assertThat(store(file).load()).isInstanceOf(LoadResult.Quarantined.class);
        Files.writeString(file, "{\"name\":\"a\",\"count\":7}");
        assertThat(store(file).load())
                .isInstanceOfSatisfying(
                        LoadResult.Quarantined.class,
                        q -> assertThat(q.reason()).isEqualTo("schemaVersion is missing"));
        assertThat(reports).hasSize(2);
    }

    @Test
    void load_codecRejects_isQuarantinedWithCodecReason() throws IOException {
        Path file = tmp.resolve("state.json");
        Files.writeString(file, "{\"schemaVersion\":3,\"name\":\"a\",\"count\":-1}");
        assertThat(store(file).load())
                .isInstanceOfSatisfying(
                        LoadResult.Quarantined.class,
                        q ->
                                assertThat(q.reason())
                                        .isEqualTo("count is not a non-negative integer"));
    }

    @Test
    void load_notAnObject_andEmpty_areQuarantined() throws IOException {
        Path file = tmp.resolve("state.json");
        Files.writeString(file, "[1,2]");
        assertThat(store(file).load()).isInstanceOf(LoadResult.Quarantined.class);
        Files.writeString(file, "");
        assertThat(store(file).load()).isInstanceOf(LoadResult.Quarantined.class);
        assertThat(reports).hasSize(2);
    }

    @Test
    void quarantine_sameSecondTwice_neverOverwritesTheFirst() throws IOException {
        Path file = tmp.resolve("state.json");
        Files.writeString(file, "first");
        store(file).load();
        Files.writeString(file, "second");
        store(file).load();
        assertThat(tmp.resolve("state.json.corrupt-20260301T102030Z")).hasContent("first");
        assertThat(tmp.resolve("state.json.corrupt-20260301T102030Z-2")).hasContent("second");
    }

    @Test
    void load_symlink_isQuarantinedWithoutTouchingTheTarget() throws IOException {
        Path target = tmp.resolve("target.json");
        Files.writeString(target, "{\"schemaVersion\":3,\"name\":\"a\",\"count\":7}");
        Path link = Files.createSymbolicLink(tmp.resolve("state.json"), target);
        assertThat(store(link).load())
                .isInstanceOfSatisfying(
                        LoadResult.Quarantined.class,
                        q -> assertThat(q.reason()).isEqualTo("not a regular file"));
        assertThat(target).hasContent("{\"schemaVersion\":3,\"name\":\"a\",\"count\":7}");
        assertThat(Files.isSymbolicLink(tmp.resolve("state.json.corrupt-20260301T102030Z")))
                .isTrue();
    }

    @Test
    void readOnly_invalidFile_isUnreadable_andStaysInPlace() throws IOException {
        Path file = tmp.resolve("state.json");
        Files.writeString(file, "nope");
        StateStore<Counter> ro = StateStore.readOnly(file, new CounterCodec());
        assertThat(ro.load()).isInstanceOf(LoadResult.Unreadable.class);
        assertThat(file).hasContent("nope");
        assertThatThrownBy(() -> ro.save(new Counter("a", 1)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void readOnly_validFile_loads() throws IOException {
        Path file = tmp.resolve("state.json");
        store(file).save(new Counter("z", 1));
        assertThat(StateStore.readOnly(file, new CounterCodec()).load())
                .isEqualTo(new LoadResult.Loaded<>(new Counter("z", 1)));
    }

    @Test
    void load_tooLarge_isQuarantined() throws IOException {
        Path file = tmp.resolve("state.json");
        Files.write(file, new byte[StateStore.MAX_FILE_BYTES + 1]);
        assertThat(store(file).load()).isInstanceOf(LoadResult.Quarantined.class);
    }

    @Test
    void codecWritingSchemaVersion_isAProgrammingError() {
        StateCodec<Counter> bad =
                new CounterCodec() {
                    @Override
                    public JsonValue.Obj encode(Counter c) {
                        return new JsonValue.Obj(Map.of("schemaVersion", new JsonValue.Num("1")));
                    }
                };
        StateStore<Counter> s =
                StateStore.of(tmp.resolve("s.json"), bad, new Quarantine(listener, CLOCK));
        assertThatThrownBy(() -> s.save(new Counter("a", 1)))
                .isInstanceOf(IllegalStateException.class);
    }

    static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(
                Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }
}
