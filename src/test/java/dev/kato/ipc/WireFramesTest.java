package dev.kato.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WireFramesTest {
    private static byte[] bytes(Frame... frames) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Frame f : frames) {
            WireFrames.write(out, f);
        }
        return out.toByteArray();
    }

    @Test
    void framesRoundTrip_andAStreamEndingBetweenFramesIsACleanEnd() throws IOException {
        Frame a = new Frame((byte) 2, "chunk".getBytes());
        Frame b = new Frame((byte) 3, new byte[0]);
        ByteArrayInputStream in = new ByteArrayInputStream(bytes(a, b));
        assertThat(WireFrames.read(in, 100)).contains(a);
        assertThat(WireFrames.read(in, 100)).contains(b);
        assertThat(WireFrames.read(in, 100)).isEmpty();
    }

    @Test
    void header_isMagicVersionTypeAndBigEndianLength() throws IOException {
        byte[] wire = bytes(new Frame((byte) 9, new byte[258]));
        assertThat(Arrays.copyOf(wire, 7)).containsExactly('w', 1, 9, 0, 0, 1, 2);
        assertThat(wire).hasSize(7 + 258);
    }

    @Test
    void wrongMagic_wrongVersion_oversize_andCutFrames_failClosed() throws IOException {
        byte[] good = bytes(new Frame((byte) 2, new byte[10]));
        byte[] magic = good.clone();
        magic[0] = 'x';
        byte[] version = good.clone();
        version[1] = 2;
        assertThatThrownBy(() -> WireFrames.read(new ByteArrayInputStream(magic), 100))
                .isInstanceOf(FrameException.class)
                .hasMessageContaining("magic");
        assertThatThrownBy(() -> WireFrames.read(new ByteArrayInputStream(version), 100))
                .isInstanceOf(FrameException.class)
                .hasMessageContaining("version 2");
        assertThatThrownBy(() -> WireFrames.read(new ByteArrayInputStream(good), 9))
                .isInstanceOf(FrameException.class)
                .hasMessageContaining("exceeds the limit of 9");
        for (int cut = 1; cut < good.length; cut++) {
            byte[] partial = Arrays.copyOf(good, cut);
            assertThatThrownBy(() -> WireFrames.read(new ByteArrayInputStream(partial), 100))
                    .as("cut after %d bytes", cut)
                    .isInstanceOf(FrameException.class)
                    .hasMessageContaining("ended inside a frame");
        }
    }

    @Test
    void bodiesAboveAndBelowTheDirectReadSize_roundTrip_andFailClosedWhenCut() throws IOException {
        for (int size :
                new int[] {WireFrames.DIRECT_READ_BYTES, WireFrames.DIRECT_READ_BYTES + 1}) {
            byte[] body = new byte[size];
            new java.util.SplittableRandom(size).nextBytes(body);
            byte[] wire = bytes(new Frame((byte) 4, body));
            // a pipe hands over its bytes a piece at a time
            assertThat(WireFrames.read(new TrickleInputStream(wire), 8 << 20))
                    .hasValueSatisfying(f -> assertThat(f.body()).isEqualTo(body));
            byte[] cut = Arrays.copyOf(wire, wire.length - 1);
            assertThatThrownBy(() -> WireFrames.read(new TrickleInputStream(cut), 8 << 20))
                    .isInstanceOf(FrameException.class)
                    .hasMessageContaining("ended inside a frame");
        }
    }

    /** Gives at most 4,093 bytes per read, as a pipe may. */
    private static final class TrickleInputStream extends java.io.InputStream {
        private final ByteArrayInputStream bytes;

        TrickleInputStream(byte[] bytes) {
            this.bytes = new ByteArrayInputStream(bytes);
        }

        @Override
        public int read() {
            return bytes.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return bytes.read(b, off, Math.min(len, 4093));
        }
    }

    @Test
    void aLengthOverTwoGigabytes_isRefusedBeforeAnythingIsRead() {
        byte[] huge = {'w', 1, 2, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        assertThatThrownBy(() -> WireFrames.read(new ByteArrayInputStream(huge), 1 << 20))
                .isInstanceOf(FrameException.class)
                .hasMessageContaining("4294967295 bytes exceeds");
    }

    @Test
    void toString_showsNoContent() {
        assertThat(new Frame((byte) 2, "secret words".getBytes()).toString())
                .isEqualTo("Frame[type=2, bytes=12]");
    }
}
