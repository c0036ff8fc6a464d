package org.dovetail.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.dovetail.InvalidInputException;
import org.junit.jupiter.api.Test;

/** The row format: what is written reads back, the row hash ignores row order, damage is named. */
class RowFileTest {
    private static final List<Manifest.Column> COLUMNS = List.of(new Manifest.Column("id", false), new Manifest.Column("data", true),
            new Manifest.Column("note", false));

    private static byte[][] row(String id, byte[] data, String note) {
        return new byte[][] {id.getBytes(StandardCharsets.UTF_8), data, note == null ? null : note.getBytes(StandardCharsets.UTF_8)};
    }

    private static byte[] write(List<byte[][]> rows, long[] hash) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RowFile.Writer w = new RowFile.Writer(out, COLUMNS);
        for (byte[][] r : rows) {
            w.row(r);
        }
        RowFile.RowHash h = w.finish();
        hash[0] = h.sum();
        return out.toByteArray();
    }

    @Test
    void rowsReadBackWithNullsEmptyValuesAndLargeOnes() throws Exception {
        byte[] big = new byte[300_000];
        Arrays.fill(big, (byte) 7);
        List<byte[][]> rows = List.of(row("1", new byte[0], "é ü"), row("2", big, null), row("3", null, ""));
        byte[] file = write(rows, new long[1]);
        RowFile.Reader r = new RowFile.Reader(new ByteArrayInputStream(file), "t.0.dtr");
        assertThat(r.columns()).isEqualTo(COLUMNS);
        List<byte[][]> back = new ArrayList<>();
        for (byte[][] v = r.next(); v != null; v = r.next()) {
            back.add(v.clone());
        }
        assertThat(back).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(back.get(i)).isDeepEqualTo(rows.get(i));
        }
        assertThat(r.hash().rows()).isEqualTo(3);
    }

    @Test
    void theRowHashDoesNotDependOnTheOrderOfRowsButOnEveryValue() throws Exception {
        long[] a = new long[1];
        long[] b = new long[1];
        long[] c = new long[1];
        write(List.of(row("1", new byte[] {1}, "x"), row("2", new byte[] {2}, null)), a);
        write(List.of(row("2", new byte[] {2}, null), row("1", new byte[] {1}, "x")), b);
        write(List.of(row("2", new byte[] {2}, ""), row("1", new byte[] {1}, "x")), c);
        assertThat(a[0]).isEqualTo(b[0]);
        assertThat(c[0]).as("NULL and '' differ").isNotEqualTo(a[0]);
    }

    @Test
    void aRowFromSlicesOfOneArrayIsWrittenAndHashedAsTheSameRowOfArrays() throws Exception {
        // value sizes around the varint steps, the writer's large-value bound and its buffer's end; NULLs and empty values
        int[] sizes = {0, 1, 126, 127, 128, 16_383, 16_384, 32_767, 32_768, 32_769, 65_530, 70_000, 200_000};
        Random random = new Random(7);
        List<Manifest.Column> columns = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            columns.add(new Manifest.Column("c" + i, i % 2 == 0));
        }
        List<byte[][]> rows = new ArrayList<>();
        for (int r = 0; r < 40; r++) {
            byte[][] row = new byte[columns.size()][];
            for (int i = 0; i < row.length; i++) {
                int kind = random.nextInt(8);
                if (kind == 0) {
                    continue; // NULL
                }
                row[i] = new byte[kind == 1 ? 0 : kind == 2 ? sizes[random.nextInt(sizes.length)] : r == 0 ? 2_000 : random.nextInt(300)];
                random.nextBytes(row[i]);
            }
            rows.add(row);
        }
        rows.add(new byte[columns.size()][]); // every column NULL

        ByteArrayOutputStream arrays = new ByteArrayOutputStream();
        RowFile.Writer a = new RowFile.Writer(arrays, columns);
        ByteArrayOutputStream slices = new ByteArrayOutputStream();
        RowFile.Writer b = new RowFile.Writer(slices, columns);
        int[] offsets = new int[columns.size()];
        int[] lengths = new int[columns.size()];
        for (byte[][] row : rows) {
            a.row(row);
            // the values one after another in one array, after a few bytes that are no value
            ByteArrayOutputStream one = new ByteArrayOutputStream();
            one.write(new byte[] {9, 9, 9});
            for (int i = 0; i < row.length; i++) {
                offsets[i] = one.size();
                lengths[i] = row[i] == null ? -1 : row[i].length;
                if (row[i] != null) {
                    one.write(row[i]);
                }
            }
            b.row(one.toByteArray(), offsets, lengths);
        }
        RowFile.RowHash ha = a.finish();
        RowFile.RowHash hb = b.finish();
        assertThat(slices.toByteArray()).isEqualTo(arrays.toByteArray());
        assertThat(hb.sum()).isEqualTo(ha.sum());
        assertThat(hb.rows()).isEqualTo(rows.size());

        RowFile.Reader back = new RowFile.Reader(new ByteArrayInputStream(slices.toByteArray()), "slices.dtr");
        for (byte[][] row : rows) {
            assertThat(back.next()).isDeepEqualTo(row);
        }
        assertThat(back.next()).isNull();
    }

    @Test
    void aTruncatedFileIsNamedAsDamaged() throws Exception {
        byte[] file = write(List.of(row("1", new byte[100], "x"), row("2", new byte[100], "y")), new long[1]);
        RowFile.Reader r = new RowFile.Reader(new ByteArrayInputStream(Arrays.copyOf(file, file.length - 20)), "lab/t.0.dtr");
        assertThatThrownBy(() -> {
            while (r.next() != null) {
                // reading to the end
            }
        }).isInstanceOf(InvalidInputException.class).hasMessageContaining("The row file lab/t.0.dtr is damaged");
    }

    @Test
    void namesBecomeOnePathSegmentEach() {
        assertThat(SetLayout.segment("#subject")).isEqualTo("%23subject");
        assertThat(SetLayout.segment("__summary")).isEqualTo("__summary");
        assertThat(SetLayout.segment("~external_raw")).isEqualTo("%7Eexternal_raw");
        assertThat(SetLayout.segment("a/b")).isEqualTo("a%2Fb");
        assertThat(SetLayout.segment("..")).isEqualTo("%2E.");
        assertThat(SetLayout.segment("é")).isEqualTo("%C3%A9");
        assertThat(SetLayout.isSetName("backup-20261203")).isTrue();
        assertThat(SetLayout.isSetName("lab.daily-20261203-020000")).isTrue();
        assertThat(SetLayout.isSetName("objects")).isFalse();
    }
}
