package org.dovetail.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.zip.Deflater;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Forged lengths, bombs and deep nesting fail fast with {@link BlobFormatException}, allocating little. */
class BlobRobustnessTest {
    private static final long ALLOCATION_BUDGET = 1 << 20;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "6d596d00 41 0100000000000000 0000000000010000",                     // 1-d array of 2^40 elements
        "6d596d00 41 0100000000000000 00000010 00000000 06000000 00000000",  // 2^28 doubles declared, none given
        "6d596d00 41 0000000000000010",                                      // ndim 2^60
        "6d596d00 41 0100000000000000 0000001000000000 05000000 00000000",   // object array of 2^36
        "646a3000 02 0000000000000010",                                      // list of 2^60 items
        "646a3000 04 ffffffffffffff7f",                                      // dict of 2^63-1 entries
        "646a3000 05 0000008000000000",                                      // string of 2^39 bytes
        "646a3000 06 ffffffffffffffff",                                      // bytes of 2^64-1
        "646a3000 0a ffff 00",                                               // int of 65535 bytes
        "6d596d00 53 0200000000000000 0000100000000000 0000100000000000 00000000", // struct 2^44 x 2^44
        "6d596d00 43 0100000000000000 0000004000000000",                     // cell of 2^38
        "646a3000 46 ffffffff",                                              // 2^32-1 record fields
        "6d596d00 50 0300000000000000 ffffffffffffff7f 0200000000000000 06000000 00000000", // sparse 2^63 columns
        "5a4c31323300 0000000000010000 789c03000000000001",                  // ZL123 declaring 2^40 bytes
        "5a4c31323300 ffffffffffffffff 789c",                                // ZL123 declaring 2^64-1
        "5a4c31323300 1000000000000000",                                     // ZL123 with no stream
    })
    void forgedLengthsFailBeforeAllocating(String hex) {
        byte[] input = HexFormat.of().parseHex(hex.replace(" ", ""));
        long before = allocatedBytes();
        assertThatThrownBy(() -> Blob.decode(input)).isInstanceOf(BlobFormatException.class);
        assertThat(allocatedBytes() - before).isLessThan(ALLOCATION_BUDGET);
    }

    @Test
    void aDecompressionBombIsRefusedByTheRatioBound() {
        byte[] zeros = new byte[1 << 20];
        byte[] stream = deflate(zeros);
        ByteBuffer blob = ByteBuffer.allocate(14 + stream.length).order(ByteOrder.LITTLE_ENDIAN);
        blob.put(Envelope.ZL123).putLong((long) stream.length * Decoder.ZLIB_MAX_RATIO + 1).put(stream);
        assertThatThrownBy(() -> Blob.decode(blob.array()))
            .isInstanceOf(BlobFormatException.class).hasMessageContaining("cannot come from");
    }

    @Test
    void theDeclaredDecompressedSizeMustMatchTheStream() {
        byte[] raw = Blob.encode(new byte[2000], EncodeOptions.defaults().withCompression(false));
        byte[] stream = deflate(raw);
        for (long declared : new long[] {raw.length - 1, raw.length + 1}) {
            ByteBuffer blob = ByteBuffer.allocate(14 + stream.length).order(ByteOrder.LITTLE_ENDIAN);
            blob.put(Envelope.ZL123).putLong(declared).put(stream);
            assertThatThrownBy(() -> Blob.decode(blob.array())).isInstanceOf(BlobFormatException.class)
                .hasMessageMatching(".*(declared size|trailing bytes|needs).*");
        }
    }

    @Test
    void theDecompressedSizeLimitIsAnOption() {
        byte[] blob = Blob.encode(new double[1000]);
        assertThat(blob[0]).isEqualTo((byte) 'Z');
        assertThatThrownBy(() -> Blob.decode(blob, DecodeOptions.defaults().withMaxDecompressedBytes(100)))
            .isInstanceOf(BlobFormatException.class).hasMessageContaining("exceeds the limit 100");
    }

    @Test
    void deepNestingIsRefusedWithoutOverflowingTheStack() {
        assertThatThrownBy(() -> Blob.decode(nestedLists(5000))).isInstanceOf(BlobFormatException.class)
            .hasMessageContaining("nested deeper than 512");
        DecodeOptions unlimited = DecodeOptions.defaults().withMaxDepth(Integer.MAX_VALUE);
        assertThatThrownBy(() -> Blob.decode(nestedLists(200_000), unlimited)).isInstanceOf(BlobFormatException.class)
            .hasMessageContaining("nested");
        assertThat(Blob.decode(nestedLists(500))).isInstanceOf(java.util.List.class);
    }

    /** {@code [[[...[None]...]]]} nested {@code depth} lists deep, as dj0 bytes. */
    private static byte[] nestedLists(int depth) {
        ByteBuffer blob = ByteBuffer.allocate(4 + 17 * depth + 1).order(ByteOrder.LITTLE_ENDIAN);
        blob.put(Envelope.DJ0);
        for (int level = depth; level >= 1; level--) {
            blob.put((byte) 0x02).putLong(1).putLong(1 + 17L * (level - 1));
        }
        return blob.put((byte) 0xFF).array();
    }

    @Test
    void errorsNameTheOffset() {
        assertThatThrownBy(() -> Blob.decode(HexFormat.of().parseHex("646a30000a0100")))
            .isInstanceOf(BlobFormatException.class)
            .hasMessage("invalid blob at offset 7: an integer needs 1 bytes, only 0 left (truncated or forged length)")
            .extracting(e -> ((BlobFormatException) e).offset()).isEqualTo(7L);
        assertThatThrownBy(() -> Blob.decode(HexFormat.of().parseHex("646a3000ff00")))
            .hasMessage("invalid blob at offset 5: trailing bytes: 1 after the value");
        assertThatThrownBy(() -> Blob.decode(HexFormat.of().parseHex("646a300007")))
            .hasMessage("invalid blob at offset 4: unknown code 0x07");
        assertThatThrownBy(() -> Blob.decode(HexFormat.of().parseHex("646a300005020000000000000080ff")))
            .hasMessageContaining("not valid UTF-8");
        assertThatThrownBy(() -> Blob.decode(HexFormat.of().parseHex("646a300074ffffffff0003164e02000000")))
            .hasMessageContaining("is not a time of day");
    }

    @Test
    void arrayClassIdsThatHoldNoElementsAreRejected() {
        for (int classId : new int[] {0, 1, 2, 16, 17, 65549}) {
            ByteBuffer blob = ByteBuffer.allocate(4 + 1 + 8 + 8).order(ByteOrder.LITTLE_ENDIAN);
            blob.put(Envelope.MYM).put((byte) 'A').putLong(0).putInt(classId).putInt(0);
            assertThatThrownBy(() -> Blob.decode(blob.array())).isInstanceOf(BlobFormatException.class)
                .hasMessageContaining("class id " + classId);
        }
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater();
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        while (!deflater.finished()) {
            out.write(chunk, 0, deflater.deflate(chunk));
        }
        deflater.end();
        return out.toByteArray();
    }
}
