package org.dovetail.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.dovetail.InvalidInputException;
import org.dovetail.TableName;
import org.junit.jupiter.api.Test;

/** The text {@code LOAD DATA} reads: tabs, newlines, {@code \N}, escapes, hex for binary values; a damaged file ends it. */
class LoadDataStreamTest {
    private static final List<Manifest.Column> COLUMNS = List.of(new Manifest.Column("id", false), new Manifest.Column("data", true),
            new Manifest.Column("note", false));

    private static byte[] file(byte[][]... rows) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RowFile.Writer w = new RowFile.Writer(out, COLUMNS);
        for (byte[][] r : rows) {
            w.row(r);
        }
        w.finish();
        return out.toByteArray();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void valuesAreEscapedNullsAreBackslashNAndBinaryValuesAreHex() throws Exception {
        byte[] file = file(new byte[][] {utf8("1"), new byte[] {0, '\\', '\t', '\n', (byte) 0xFF}, utf8("a\\b\tc\nd\0e \\N 😀")},
                new byte[][] {utf8("2"), null, null}, new byte[][] {utf8("3"), new byte[0], utf8("")});
        LoadDataStream in = new LoadDataStream(new RowFile.Reader(new ByteArrayInputStream(file), "t.0.dtr"), COLUMNS);
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        assertThat(text).isEqualTo("1\t005c090aff\ta\\\\b\\tc\\nd\\0e \\\\N 😀\n" + "2\t\\N\t\\N\n" + "3\t\t\n");
        assertThat(in.failure()).isNull();
        assertThat(in.tooLarge()).isFalse();
    }

    @Test
    void aLargeValueGrowsTheBufferAndComesThroughWhole() throws Exception {
        byte[] big = new byte[300_000];
        Arrays.fill(big, (byte) 'x');
        byte[] file = file(new byte[][] {utf8("1"), null, big});
        LoadDataStream in = new LoadDataStream(new RowFile.Reader(new ByteArrayInputStream(file), "t.0.dtr"), COLUMNS);
        byte[] text = in.readAllBytes();
        assertThat(text).hasSize(1 + 1 + 2 + 1 + big.length + 1);
        assertThat(text[text.length - 2]).isEqualTo((byte) 'x');
    }

    @Test
    void aTruncatedFileEndsTheStreamAndIsTheFailure() throws Exception {
        byte[] file = file(new byte[][] {utf8("1"), null, utf8("a")}, new byte[][] {utf8("2"), null, utf8("b")});
        InputStream cut = new ByteArrayInputStream(Arrays.copyOf(file, file.length - 20));
        LoadDataStream in = new LoadDataStream(new RowFile.Reader(cut, "t.0.dtr"), COLUMNS);
        in.readAllBytes();
        assertThat(in.failure()).isInstanceOf(InvalidInputException.class).hasMessageContaining("t.0.dtr is damaged");
    }

    @Test
    void aBinaryValueTooLargeForUnhexEndsTheStreamBeforeItsRow() throws Exception {
        byte[] big = new byte[LoadDataStream.MAX_BINARY + 1];
        byte[] file = file(new byte[][] {utf8("1"), new byte[] {1}, null}, new byte[][] {utf8("2"), big, null});
        LoadDataStream in = new LoadDataStream(new RowFile.Reader(new ByteArrayInputStream(file), "t.0.dtr"), COLUMNS);
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("1\t01\t\\N\n");
        assertThat(in.tooLarge()).isTrue();
        assertThat(in.failure()).isNull();
    }

    @Test
    void theStatementNamesEveryColumnAndUnhexesBinaryOnes() {
        assertThat(LoadDataStream.statement(TableName.of("lab", "scan"), COLUMNS)).isEqualTo(
                "LOAD DATA LOCAL INFILE 'dovetail-restore' INTO TABLE `lab`.`scan` CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t'"
                        + " ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' (`id`, @v1, `note`) SET `data` = UNHEX(@v1)");
    }
}
