package org.dovetail.ops.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.dovetail.TableName;

/**
 * The rows of a row file as the text {@code LOAD DATA} reads, for the driver to stream to the
 * server ({@code LOAD DATA LOCAL INFILE} with the stream as the file): one line a row, values
 * separated by tabs, {@code \N} for NULL, and backslash, tab, newline and NUL written as
 * {@code \\}, {@code \t}, {@code \n}, {@code \0}. A text value is its UTF-8 bytes (the statement
 * says {@code CHARACTER SET utf8mb4}); a binary value is written in hex and loaded through a user
 * variable with {@code UNHEX}, so that no byte of it can be read as part of a character.
 *
 * <p>A failure while reading the row file (a damaged file) ends the stream instead of throwing
 * into the driver, which would leave the session unusable; the loader calls {@link #failure()}
 * after the statement and rolls the unit back. So does a binary value above
 * {@value #MAX_BINARY} bytes ({@link #tooLarge()}): the server's {@code UNHEX} returns NULL for a
 * result above {@code max_allowed_packet}, so such a unit is loaded another way.
 */
final class LoadDataStream extends InputStream {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final RowFile.Reader reader;
    private final boolean[] binary;
    private byte[] buffer = new byte[1 << 16];
    private int pos;
    private int end;
    private boolean done;
    private Exception failure;
    private boolean tooLarge;
    /** The largest binary value sent as hex: its {@code UNHEX} stays below every usual {@code max_allowed_packet} (4 MiB and up). */
    static final int MAX_BINARY = 1 << 20;

    LoadDataStream(RowFile.Reader reader, List<Manifest.Column> columns) {
        this.reader = reader;
        this.binary = new boolean[columns.size()];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = columns.get(i).binary();
        }
    }

    /**
     * The statement that loads these rows into {@code table}: its columns by name, binary ones
     * through {@code @vN} and {@code UNHEX}.
     */
    static String statement(TableName table, List<Manifest.Column> columns) {
        StringBuilder sql = new StringBuilder("LOAD DATA LOCAL INFILE 'dovetail-restore' INTO TABLE ").append(table.quoted())
                .append(" CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' (");
        StringBuilder set = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            Manifest.Column c = columns.get(i);
            sql.append(i == 0 ? "" : ", ");
            if (c.binary()) {
                sql.append("@v").append(i);
                set.append(set.length() == 0 ? " SET " : ", ").append(TableName.quote(c.name())).append(" = UNHEX(@v").append(i).append(')');
            } else {
                sql.append(TableName.quote(c.name()));
            }
        }
        return sql.append(')').append(set).toString();
    }

    /** What ended the stream early (the row file's reader failed), or null. */
    Exception failure() {
        return failure;
    }

    /** Whether the stream ended early at a binary value above {@value #MAX_BINARY} bytes. */
    boolean tooLarge() {
        return tooLarge;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        while (pos == end) {
            if (done) {
                return -1;
            }
            fill();
        }
        int n = Math.min(len, end - pos);
        System.arraycopy(buffer, pos, b, off, n);
        pos += n;
        return n;
    }

    /** Encodes rows until about a buffer's worth is ready, or the file ends. */
    private void fill() {
        pos = 0;
        end = 0;
        try {
            while (end < buffer.length / 2) {
                byte[][] row = reader.next();
                if (row == null) {
                    done = true;
                    return;
                }
                if (!encode(row)) {
                    tooLarge = true;
                    done = true;
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            failure = e;
            done = true;
            pos = 0;
            end = 0;
        }
    }

    /** Appends one row's line; false (nothing appended) when a binary value is too large to send as hex. */
    private boolean encode(byte[][] row) {
        for (int i = 0; i < row.length; i++) {
            if (binary[i] && row[i] != null && row[i].length > MAX_BINARY) {
                return false;
            }
        }
        for (int i = 0; i < row.length; i++) {
            byte[] v = row[i];
            if (i > 0) {
                room(1);
                buffer[end++] = '\t';
            }
            if (v == null) {
                room(2);
                buffer[end++] = '\\';
                buffer[end++] = 'N';
            } else if (binary[i]) {
                room(2 * v.length);
                byte[] b = buffer;
                int n = end;
                for (byte x : v) {
                    b[n++] = HEX[(x >> 4) & 0xF];
                    b[n++] = HEX[x & 0xF];
                }
                end = n;
            } else {
                room(2 * v.length);
                byte[] b = buffer;
                int n = end;
                for (byte x : v) {
                    switch (x) {
                        case '\\' -> {
                            b[n++] = '\\';
                            b[n++] = '\\';
                        }
                        case '\t' -> {
                            b[n++] = '\\';
                            b[n++] = 't';
                        }
                        case '\n' -> {
                            b[n++] = '\\';
                            b[n++] = 'n';
                        }
                        case 0 -> {
                            b[n++] = '\\';
                            b[n++] = '0';
                        }
                        default -> b[n++] = x;
                    }
                }
                end = n;
            }
        }
        room(1);
        buffer[end++] = '\n';
        return true;
    }

    private void room(int n) {
        if (end + n > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, end + n));
        }
    }
}
