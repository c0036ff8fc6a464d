package org.dovetail.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/** Java input types, protocol choice, the compression rule, raw mode and encoder errors. */
class BlobEncoderTest {
    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @Test
    void primitiveArraysAreMatlabArraysAndBoxedNumbersArePythonScalars() {
        assertThat(hex(Blob.encode(new double[] {1, 2, 3}))).startsWith("6d596d0041");
        assertThat(hex(Blob.encode(7.0))).isEqualTo("646a30000d0000000000001c40");
        assertThat(hex(Blob.encode(NdArray.of(new double[] {7.0}).reshapeColumnMajor()))).startsWith("646a300041");
        assertThat(hex(Blob.encode(NdArray.ofChars(new long[0], new char[] {'a'})))).startsWith("6d596d00");
        assertThat(hex(Blob.encode(MatStruct.of(Map.of("name", "abc"))))).startsWith("646a300053");
    }

    @Test
    void integersOfEveryJavaTypeMatchPythonInts() {
        assertThat(hex(Blob.encode(-128))).isEqualTo("646a30000a020080ff");
        assertThat(hex(Blob.encode((byte) -128))).isEqualTo("646a30000a020080ff");
        assertThat(hex(Blob.encode(BigInteger.valueOf(-128)))).isEqualTo("646a30000a020080ff");
        assertThat(hex(Blob.encode(BigInteger.ONE.shiftLeft(63)))).isEqualTo("646a30000a0900000000000000008000");
        assertThat(hex(Blob.encode(Long.MIN_VALUE))).isEqualTo("646a30000a09000000000000000080ff");
        assertThat(Blob.decode(Blob.encode(Long.MIN_VALUE))).isEqualTo(BigInteger.valueOf(Long.MIN_VALUE));
        assertThat(Blob.decode(Blob.encode(BigInteger.TWO.pow(520).negate()))).isEqualTo(BigInteger.TWO.pow(520).negate());
    }

    @Test
    void bigDecimalsAndDecimalsShareTheirText() {
        assertThat(Blob.encode(new BigDecimal("1E+3"))).isEqualTo(Blob.encode(new Decimal("1E+3")));
        assertThat(Blob.decode(Blob.encode(new BigDecimal("-112122121.000003000")))).isEqualTo(new Decimal("-112122121.000003000"));
        assertThat(new Decimal("1.50").toBigDecimal()).isEqualTo(new BigDecimal("1.50"));
        assertThatThrownBy(() -> new Decimal("NaN").toBigDecimal()).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> new Decimal("12abc")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void zonedTimesKeepTheirWallClockAndNanosAreTruncated() {
        OffsetDateTime zoned = OffsetDateTime.of(2024, 5, 6, 7, 8, 9, 0, ZoneOffset.ofHours(-5));
        assertThat(hex(Blob.encode(zoned))).isEqualTo("646a3000747ad8340140988b7c10000000");
        assertThat(Blob.decode(Blob.encode(LocalTime.of(1, 2, 3, 456_789_999)))).isEqualTo(LocalTime.of(1, 2, 3, 456_789_000));
        assertThatThrownBy(() -> Blob.encode(LocalDateTime.of(0, 1, 1, 0, 0))).isInstanceOf(BlobValueException.class)
            .hasMessageContaining("outside Python's 1..9999");
    }

    @Test
    void matlabOnlyModeRefusesPythonNativeValues() {
        EncodeOptions matlab = EncodeOptions.defaults().withPythonNative(false);
        assertThat(Blob.encode(MatCell.of(NdArray.matlabString("ok")), matlab)).startsWith(Envelope.MYM);
        assertThatThrownBy(() -> Blob.encode(MatCell.of("text"), matlab)).isInstanceOf(BlobValueException.class)
            .hasMessageContaining("a String needs the dj0 protocol").hasMessageContaining("(at $[0])");
    }

    @Test
    void compressionFollowsPythonsRule() {
        byte[] exactly1000 = Blob.encode(new byte[1000 - 4 - 1 - 8]);
        assertThat(exactly1000).hasSize(1000).startsWith(Envelope.DJ0);
        byte[] over1000 = Blob.encode(new byte[1000 - 4 - 1 - 8 + 1]);
        assertThat(over1000).startsWith(Envelope.ZL123);
        byte[] noise = new byte[1200];
        new Random(1).nextBytes(noise);
        assertThat(Blob.encode(noise)).startsWith(Envelope.DJ0);
        assertThat(Blob.encode(new byte[5000], EncodeOptions.defaults().withCompression(false))).startsWith(Envelope.DJ0);
    }

    @Test
    void javasDeflaterProducesPythonsZlibStream() {
        String expected = "789c4bc9326060bbc3cc300a46c12818c600005fad01e4";   // compress_edge_1001
        byte[] raw = Blob.encode(new byte[988], EncodeOptions.defaults().withCompression(false));
        assertThat(raw).hasSize(1001);
        Deflater deflater = new Deflater();
        deflater.setInput(raw);
        deflater.finish();
        byte[] stream = new byte[100];
        int length = deflater.deflate(stream);
        deflater.end();
        assertThat(hex(Arrays.copyOf(stream, length))).isEqualTo(expected);
        assertThat(hex(Blob.encode(new byte[988]))).isEqualTo("5a4c31323300e903000000000000" + expected);
    }

    @Test
    void parallelEncodingGivesTheSequentialBytes() {
        Random random = new Random(7);
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            values.add(i % 10 == 0 ? NdArray.of(new double[5000 + i]) : RandomValues.tree(random, 3));
        }
        List<byte[]> parallel = Blob.encodeAll(values, EncodeOptions.defaults());
        assertThat(parallel).hasSize(values.size());
        for (int i = 0; i < values.size(); i++) {
            assertThat(parallel.get(i)).isEqualTo(Blob.encode(values.get(i)));
        }
    }

    @Test
    void rawBlobsPassThroughVerbatim() {
        byte[] stored = Blob.encode(Map.of("a", 1));
        assertThat(Blob.encode(RawBlob.of(stored))).isEqualTo(stored);
        assertThatThrownBy(() -> RawBlob.of(new byte[] {1, 2, 3})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Blob.encode(List.of(RawBlob.of(stored)))).isInstanceOf(BlobValueException.class)
            .hasMessageContaining("whole blob");
    }

    @Test
    void unsupportedValuesAreNamedWithTheirPath() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("ok", 1);
        inner.put("bad", new Object());
        assertThatThrownBy(() -> Blob.encode(List.of(1, inner))).isInstanceOf(BlobValueException.class)
            .hasMessage("cannot encode a java.lang.Object; see Blob.encode for the supported types (at $[1].bad)");
        assertThatThrownBy(() -> Blob.encode("\ud800")).hasMessageContaining("unpaired surrogate");
        assertThatThrownBy(() -> Blob.encode(new double[][] {{1}, {2, 3}})).hasMessageContaining("ragged");
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        assertThatThrownBy(() -> Blob.encode(cycle)).isInstanceOf(BlobValueException.class).hasMessageContaining("a cycle?");
    }

    @Test
    void sparseMatricesDecodeButAreNeverWritten() {
        String hex = "6d596d0050030000000000000002000000000000000200000000000000060000000000000000000000000000000100000000000000"
            + "020000000000000000000000000000000200000000000000000000000000f83f0000000000000440";
        SparseMatrix matrix = (SparseMatrix) Blob.decode(HexFormat.of().parseHex(hex));
        assertThat(matrix.toDense().toJavaArray()).isEqualTo(new double[][] {{1.5, 0}, {0, 0}, {0, 2.5}});
        assertThatThrownBy(() -> Blob.encode(matrix)).isInstanceOf(BlobValueException.class)
            .hasMessageContaining("DataJoint-Python cannot read them");
    }

    @Test
    void thirtyTwoBitDimensionsAreAnExplicitOption() {
        // a 1x2 double row written by the 32-bit mym: ndim and shape are u32
        byte[] blob = HexFormat.of().parseHex("6d596d00410200000001000000020000000600000000000000"
            + "000000000000f03f0000000000000040");
        NdArray row = (NdArray) Blob.decode(blob, DecodeOptions.defaults().with32BitDims(true));
        assertThat(row.shape()).containsExactly(1, 2);
        assertThat(row.toDoubleArray()).containsExactly(1.0, 2.0);
        assertThatThrownBy(() -> Blob.decode(blob)).isInstanceOf(BlobFormatException.class);
    }
}
