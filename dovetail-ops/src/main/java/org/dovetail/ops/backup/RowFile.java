package org.dovetail.ops.backup;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import org.dovetail.InvalidInputException;

/**
 * The row format of a backup set's {@code .dtr} files (documented in {@code docs/guide-backup.md}),
 * before compression:
 *
 * <pre>
 * magic    "DTROWS1\n" (8 bytes)
 * columns  varint n, then n times: varint length, UTF-8 name, one flag byte (1 = binary)
 * rows     each: byte 1, then per column varint L (0 = NULL, else L-1 value bytes follow) and the bytes
 * end      byte 0, int64 row count, int64 row hash (big-endian)
 * </pre>
 *
 * A binary column's value is its bytes; any other value is the server's text form in UTF-8 (as
 * the text protocol sends it, with {@code time_zone '+00:00'}). The row hash is the sum, modulo
 * 2<sup>64</sup>, of one 64-bit value per row ({@code CRC32C << 32 | CRC32} of the row's encoded
 * values), so it does not depend on the order the rows were read in, and two units' hashes add up
 * to the table's.
 */
final class RowFile {
    static final byte[] MAGIC = "DTROWS1\n".getBytes(StandardCharsets.US_ASCII);

    private RowFile() {}

    /** Adds one row's hash to a running sum. */
    static final class RowHash {
        private final CRC32C c = new CRC32C();
        private final CRC32 d = new CRC32();
        private long sum;
        private long rows;

        void begin() {
            c.reset();
            d.reset();
        }

        void update(byte[] b, int off, int len) {
            c.update(b, off, len);
            d.update(b, off, len);
        }

        void update(int b) {
            c.update(b);
            d.update(b);
        }

        void end() {
            sum += (c.getValue() << 32) | d.getValue();
            rows++;
        }

        long sum() {
            return sum;
        }

        long rows() {
            return rows;
        }

        static String hex(long sum) {
            return String.format("%016x", sum);
        }
    }

    /** Writes rows; the caller closes the stream it gave. */
    static final class Writer {
        private final OutputStream out;
        private final int columns;
        private final RowHash hash = new RowHash();
        private final byte[] varint = new byte[10];
        /** Values above this size are written without being copied into the row buffer. */
        private static final int LARGE = 1 << 15;
        private final byte[] buffer = new byte[1 << 16];
        private boolean rowStart;

        Writer(OutputStream target, List<Manifest.Column> columns) throws IOException {
            this.out = new BufferedOutputStream(target, 1 << 16);
            this.columns = columns.size();
            out.write(MAGIC);
            writeVarint(columns.size(), false);
            for (Manifest.Column c : columns) {
                byte[] name = c.name().getBytes(StandardCharsets.UTF_8);
                writeVarint(name.length, false);
                out.write(name);
                out.write(c.binary() ? 1 : 0);
            }
        }

        /**
         * One row: {@code values[i]} is column i's bytes, or null for NULL. Small values are
         * encoded into one buffer that is hashed and written at once; a large value (a blob) is
         * hashed and written as it is, without a copy.
         */
        void row(byte[][] values) throws IOException {
            int n = beginRow();
            for (int i = 0; i < columns; i++) {
                byte[] v = values[i];
                n = v == null ? value(n, null, 0, -1) : value(n, v, 0, v.length);
            }
            endRow(n);
        }

        /**
         * One row from slices of one array: column i's bytes are {@code data[offsets[i] ..
         * offsets[i] + lengths[i])}, or NULL where {@code lengths[i]} is negative. Writes the same
         * bytes, and adds the same row hash, as {@link #row(byte[][])} given those values.
         */
        void row(byte[] data, int[] offsets, int[] lengths) throws IOException {
            int n = beginRow();
            for (int i = 0; i < columns; i++) {
                n = value(n, data, offsets[i], lengths[i]);
            }
            endRow(n);
        }

        private int beginRow() {
            buffer[0] = 1;
            rowStart = true;
            hash.begin();
            return 1;
        }

        private void endRow(int n) throws IOException {
            flush(buffer, n);
            hash.end();
        }

        /** Encodes {@code v[off .. off + len)} (NULL: {@code len < 0}) after {@code buffer[0..n)}; returns the buffer's new fill. */
        private int value(int fill, byte[] v, int off, int len) throws IOException {
            byte[] b = buffer;
            int n = fill;
            if (n + 10 > b.length || len > LARGE) {
                flush(b, n);
                n = 0;
            }
            long value = len < 0 ? 0 : len + 1L;
            while ((value & ~0x7FL) != 0) {
                b[n++] = (byte) ((value & 0x7F) | 0x80);
                value >>>= 7;
            }
            b[n++] = (byte) value;
            if (len < 0) {
                return n;
            }
            if (len > LARGE) {
                flush(b, n);
                hash.update(v, off, len);
                out.write(v, off, len);
                return 0;
            }
            if (n + len > b.length) {
                flush(b, n);
                n = 0;
            }
            System.arraycopy(v, off, b, n, len);
            return n + len;
        }

        /** Writes {@code b[0..n)} and hashes it, the row marker at a row's start excepted. */
        private void flush(byte[] b, int n) throws IOException {
            int from = b == buffer && rowStart ? 1 : 0;
            rowStart = false;
            if (n > from) {
                hash.update(b, from, n - from);
            }
            out.write(b, 0, n);
        }

        private void writeVarint(long value, boolean hashed) throws IOException {
            int n = 0;
            long v = value;
            while ((v & ~0x7FL) != 0) {
                varint[n++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            varint[n++] = (byte) v;
            out.write(varint, 0, n);
            if (hashed) {
                hash.update(varint, 0, n);
            }
        }

        /** Writes the end record and flushes; returns the rows and their hash. */
        RowHash finish() throws IOException {
            out.write(0);
            writeLong(hash.rows());
            writeLong(hash.sum());
            out.flush();
            return hash;
        }

        private void writeLong(long v) throws IOException {
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (v >>> shift));
            }
        }
    }

    /** Reads rows back, checking the end record against what it read. */
    static final class Reader {
        private final InputStream in;
        private final String where;
        private final List<Manifest.Column> columns;
        private final RowHash hash = new RowHash();
        private final byte[][] values;
        private final byte[] varint = new byte[10];
        private boolean ended;

        Reader(InputStream source, String where) throws IOException {
            this.in = new BufferedInputStream(source, 1 << 16);
            this.where = where;
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw damaged("not a row file");
            }
            int n = (int) readVarint(false);
            List<Manifest.Column> cols = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                byte[] name = readExactly((int) readVarint(false));
                int flag = in.read();
                if (flag < 0) {
                    throw damaged("truncated header");
                }
                cols.add(new Manifest.Column(new String(name, StandardCharsets.UTF_8), flag == 1));
            }
            this.columns = List.copyOf(cols);
            this.values = new byte[n][];
        }

        List<Manifest.Column> columns() {
            return columns;
        }

        /** The next row's values (the array is reused), or null after the last row. */
        byte[][] next() throws IOException {
            if (ended) {
                return null;
            }
            int marker = in.read();
            if (marker == 0) {
                ended = true;
                long rows = readLong();
                long sum = readLong();
                if (rows != hash.rows() || sum != hash.sum()) {
                    throw damaged("its end record says " + rows + " rows, hash " + RowHash.hex(sum) + "; read " + hash.rows()
                            + " rows, hash " + RowHash.hex(hash.sum()));
                }
                return null;
            }
            if (marker != 1) {
                throw damaged(marker < 0 ? "truncated (no end record)" : "bad row marker " + marker);
            }
            hash.begin();
            for (int i = 0; i < values.length; i++) {
                long len = readVarint(true);
                if (len == 0) {
                    values[i] = null;
                } else {
                    byte[] v = readExactly((int) (len - 1));
                    hash.update(v, 0, v.length);
                    values[i] = v;
                }
            }
            hash.end();
            return values;
        }

        RowHash hash() {
            return hash;
        }

        private byte[] readExactly(int n) throws IOException {
            byte[] b;
            if (n > 1 << 20) {
                b = in.readNBytes(n); // in chunks: a damaged length cannot allocate more than the file holds
            } else {
                b = new byte[n]; // readNBytes(n) would allocate and copy twice for every value
                if (in.readNBytes(b, 0, n) != n) {
                    b = null;
                }
            }
            if (b == null || b.length != n) {
                throw damaged("truncated value");
            }
            return b;
        }

        private long readVarint(boolean hashed) throws IOException {
            long v = 0;
            for (int i = 0; i < 10; i++) {
                int b = in.read();
                if (b < 0) {
                    throw damaged("truncated");
                }
                varint[i] = (byte) b;
                v |= (long) (b & 0x7F) << (7 * i);
                if ((b & 0x80) == 0) {
                    if (hashed) {
                        hash.update(varint, 0, i + 1);
                    }
                    return v;
                }
            }
            throw damaged("bad length");
        }

        private long readLong() throws IOException {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                int b = in.read();
                if (b < 0) {
                    throw new EOFException();
                }
                v = (v << 8) | b;
            }
            return v;
        }

        private InvalidInputException damaged(String why) {
            return new InvalidInputException("The row file " + where + " is damaged: " + why);
        }
    }
}
