package org.dovetail.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The value model: row-major Java views over column-major storage, typed access, equality. */
class NdArrayTest {
    @Test
    void nestedJavaArraysAreReadRowMajorAndStoredColumnMajor() {
        NdArray a = NdArray.of(new double[][] {{0, 1, 2}, {3, 4, 5}});
        assertThat(a.dtype()).isSameAs(DType.FLOAT64);
        assertThat(a.shape()).containsExactly(2, 3);
        assertThat(a.getDouble(1, 0)).isEqualTo(3.0);
        assertThat(a.get(0, 2)).isEqualTo(2.0);
        assertThat(a.toDoubleArray()).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(a.toJavaArray()).isEqualTo(new double[][] {{0, 1, 2}, {3, 4, 5}});
        // the wire order of vector arr_f64_2d: 0, 3, 1, 4, 2, 5
        assertThat(HexFormat.of().formatHex(Blob.encode(a))).isEqualTo("6d596d00410200000000000000020000000000000003000000000000000600000000000000"
            + "00000000000000000000000000000840000000000000f03f000000000000104000000000000000400000000000001440");
    }

    @Test
    void threeDimensionalArraysKeepTheirIndexing() {
        int[][][] cube = new int[2][3][4];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 4; k++) {
                    cube[i][j][k] = 100 * i + 10 * j + k;
                }
            }
        }
        NdArray a = (NdArray) Blob.decode(Blob.encode(cube));
        assertThat(a.getLong(1, 2, 3)).isEqualTo(123);
        assertThat(a.toJavaArray()).isEqualTo(cube);
        assertThat(a.toLongArray()[23]).isEqualTo(123);
    }

    @Test
    void unsignedElementsAreWidenedNeverReinterpreted() {
        NdArray u8 = NdArray.ofColumnMajor(DType.UINT8, new long[] {2}, new byte[] {(byte) 0xFF, 1});
        assertThat(u8.get(0)).isEqualTo((short) 255);
        assertThat(u8.toJavaArray()).isEqualTo(new short[] {255, 1});
        byte[] max = new byte[8];
        java.util.Arrays.fill(max, (byte) 0xFF);
        NdArray u64 = NdArray.ofColumnMajor(DType.UINT64, new long[] {1}, max);
        assertThat(u64.get(0)).isEqualTo(new BigInteger("18446744073709551615"));
        assertThat(u64.getLong(0)).isEqualTo(-1L);
        assertThat(u64.getDouble(0)).isEqualTo(1.8446744073709552E19);
    }

    @Test
    void scalarsCharsAndComplexArrays() {
        NdArray scalar = NdArray.of(new int[] {-3}).reshapeColumnMajor();
        assertThat(scalar.ndim()).isZero();
        assertThat(scalar.get()).isEqualTo(-3);
        assertThat(NdArray.matlabString("héllo").asString()).isEqualTo("héllo");
        NdArray c = NdArray.ofComplex(new double[] {1, 3}, new double[] {2, -4});
        assertThat(c.get(1)).isEqualTo(new Complex(3, -4));
        assertThat(c.imag().toDoubleArray()).containsExactly(2, -4);
        assertThatThrownBy(c::toJavaArray).isInstanceOf(IllegalStateException.class);
        assertThat(NdArray.ofObjects(new long[] {2}, "a", null).items()).containsExactly("a", null);
    }

    @Test
    void equalityIsByDtypeShapeAndBits() {
        NdArray a = NdArray.of(new double[] {0.0, Double.NaN});
        assertThat(a).isEqualTo(NdArray.of(new double[] {0.0, Double.NaN})).hasSameHashCodeAs(NdArray.of(new double[] {0.0, Double.NaN}));
        assertThat(a).isNotEqualTo(NdArray.of(new double[] {-0.0, Double.NaN}));
        assertThat(a).isNotEqualTo(NdArray.of(new float[] {0f, Float.NaN}));
        assertThat(a.reshapeColumnMajor(1, 2)).isNotEqualTo(a);
    }

    @Test
    void datetimeTypesCarryTheirUnit() {
        DType us = DType.datetime64(DatetimeUnit.MICROSECOND);
        assertThat(us.name()).isEqualTo("datetime64[us]");
        assertThat(us.classId()).isEqualTo(65544);
        assertThat(DType.forClassId(65544)).containsSame(us);
        assertThat(us.datetimeUnit()).contains(DatetimeUnit.MICROSECOND);
        assertThat(DType.forClassId(16)).isEmpty();
    }

    @Test
    void raggedOrNonPrimitiveArraysAreRejected() {
        assertThatThrownBy(() -> NdArray.of(new int[][] {{1, 2}, {3}})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NdArray.of(new String[] {"a"})).isInstanceOf(IllegalArgumentException.class);
        assertThat(NdArray.of(new double[2][0]).shape()).containsExactly(2, 0);
    }

    @Test
    void structsCellsAndRecordArrays() {
        MatStruct s = MatStruct.of(new long[] {1, 2}, List.of("a", "b"), 1.0, "x", 2.0, "y");
        assertThat(s.get(1, "b")).isEqualTo("y");
        assertThatThrownBy(() -> s.get("a")).isInstanceOf(IllegalStateException.class);
        MatCell cell = MatCell.of(new long[] {2, 2}, "a", "b", "c", "d");
        assertThat(cell.get(0, 1)).isEqualTo("c");
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("x", NdArray.of(new double[] {1, 3}));
        columns.put("y", NdArray.of(new long[] {2}));
        assertThatThrownBy(() -> RecordArray.of(columns)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("shape");
        columns.put("y", NdArray.of(new long[] {2, 4}));
        RecordArray rec = RecordArray.of(columns);
        assertThat(rec.shape()).containsExactly(2);
        assertThat(Blob.decode(Blob.encode(rec))).isEqualTo(rec);
    }
}
