package org.dovetail.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Splitting a text-protocol row into its length-encoded fields, and refusing rows of another shape. */
class RawRowsTest {
    @Test
    void everyFormOfLengthAndNullSplitsAtTheRightPlaces() {
        ByteArrayOutputStream row = new ByteArrayOutputStream();
        row.write(3);
        row.writeBytes(new byte[] {'a', 'b', 'c'});
        row.write(0xFB); // NULL
        row.write(0); // empty
        row.write(0xFC);
        row.writeBytes(new byte[] {(byte) 0x2C, 0x01}); // 300
        row.writeBytes(filled(300, 1));
        row.write(0xFD);
        row.writeBytes(new byte[] {(byte) 0x70, 0x11, 0x01}); // 70,000
        row.writeBytes(filled(70_000, 2));
        row.write(0xFE);
        row.writeBytes(new byte[] {5, 0, 0, 0, 0, 0, 0, 0});
        row.writeBytes(filled(5, 3));
        row.write(0xFA); // 250, the largest one-byte length
        row.writeBytes(filled(250, 4));
        byte[] b = row.toByteArray();
        int[] offsets = new int[7];
        int[] lengths = new int[7];

        assertThat(RawRows.parse(b, 7, offsets, lengths)).isTrue();
        assertThat(lengths).containsExactly(3, -1, 0, 300, 70_000, 5, 250);
        assertThat(Arrays.copyOfRange(b, offsets[0], offsets[0] + 3)).isEqualTo(new byte[] {'a', 'b', 'c'});
        assertThat(Arrays.copyOfRange(b, offsets[3], offsets[3] + 300)).isEqualTo(filled(300, 1));
        assertThat(Arrays.copyOfRange(b, offsets[4], offsets[4] + 70_000)).isEqualTo(filled(70_000, 2));
        assertThat(Arrays.copyOfRange(b, offsets[5], offsets[5] + 5)).isEqualTo(filled(5, 3));
        assertThat(offsets[6] + 250).isEqualTo(b.length);
    }

    @Test
    void aRowOfOtherFieldsThanTheColumnsDoesNotSplit() {
        byte[] two = {1, 'x', 2, 'y', 'z'};
        int[] offsets = new int[3];
        int[] lengths = new int[3];
        assertThat(RawRows.parse(two, 2, offsets, lengths)).isTrue();
        assertThat(RawRows.parse(two, 1, offsets, lengths)).as("bytes left over").isFalse();
        assertThat(RawRows.parse(two, 3, offsets, lengths)).as("a field missing").isFalse();
        assertThat(RawRows.parse(new byte[] {5, 'x', 'y'}, 1, offsets, lengths)).as("a length past the end").isFalse();
        assertThat(RawRows.parse(new byte[] {(byte) 0xFC, 1}, 1, offsets, lengths)).as("a cut length").isFalse();
        assertThat(RawRows.parse(new byte[] {(byte) 0xFE, 0, 0, 0, 0, 0, 0, 0, (byte) 0x80}, 1, offsets, lengths))
                .as("a negative 8-byte length").isFalse();
        assertThat(RawRows.parse(new byte[] {(byte) 0xFF}, 1, offsets, lengths)).as("no length starts with 0xFF").isFalse();
    }

    private static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }
}
