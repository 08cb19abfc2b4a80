package dev.kato.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kato.json.JsonValue;
import dev.kato.state.InvalidStateException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RecordingStateCodecTest {
    private final RecordingStateCodec codec = new RecordingStateCodec();

    private static RecordingCheckpoint checkpoint() {
        UUID id = UUID.fromString("00000000-0000-4000-8000-000000000001");
        return new RecordingCheckpoint(
                new RecordingState("/n/p.md", "/n/p.md", Map.of("/n/p.md", id)),
                7,
                Map.of("/n/p.md", 1234L),
                Map.of("/n/p.md", "claude:u7"));
    }

    @Test
    void roundTrip_keepsTheLastAppendedEventPerDestination() throws InvalidStateException {
        assertThat(codec.decode(codec.encode(checkpoint()))).isEqualTo(checkpoint());
    }

    @Test
    void aCheckpointWrittenBeforeLastAppendedExisted_stillLoads() throws InvalidStateException {
        Map<String, JsonValue> fields = new LinkedHashMap<>(codec.encode(checkpoint()).fields());
        fields.remove("lastAppended");
        RecordingCheckpoint old = codec.decode(new JsonValue.Obj(fields));
        assertThat(old.lastAppended()).isEmpty();
        assertThat(old.committedSizes()).isEqualTo(checkpoint().committedSizes());
    }

    @Test
    void aMistypedLastAppended_isRejected() {
        Map<String, JsonValue> fields = new LinkedHashMap<>(codec.encode(checkpoint()).fields());
        fields.put("lastAppended", new JsonValue.Obj(Map.of("/n/p.md", JsonValue.NULL)));
        assertThatThrownBy(() -> codec.decode(new JsonValue.Obj(fields)))
                .isInstanceOf(InvalidStateException.class);
        fields.put("lastAppended", new JsonValue.Str("x"));
        assertThatThrownBy(() -> codec.decode(new JsonValue.Obj(fields)))
                .isInstanceOf(InvalidStateException.class);
    }
}
