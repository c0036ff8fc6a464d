package org.dovetail.ops.backup;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rows of a streamed text-protocol result as MariaDB Connector/J received them: one array
 * per row of length-encoded fields, which a dump writes as slices instead of asking the driver
 * for a {@code String} or {@code byte[]} per value.
 *
 * <p>The driver does not publish its row arrays: the array its getters decode is the
 * {@code buf} of the {@code rowBuf} field of {@code org.mariadb.jdbc.client.result.Result},
 * reached once by reflection. (Not {@code getCurrentRowData()}: that is the first row of the
 * fetched batch, not the current one.) Because this depends on the driver's internals, a caller
 * takes the raw path only after {@link #matchesGetters} found the first row's fields equal to
 * what the getters give, {@link #parse} checks the shape of every row, and every
 * {@link #CHECK_EVERY}th row is compared with the getters again.
 */
final class RawRows {
    private static final Logger LOG = LoggerFactory.getLogger(RawRows.class);
    private static final String RESULT = "org.mariadb.jdbc.client.result.Result";
    /** {@code (Result) -> ReadableByteBuf}, or null where this driver has no such field. */
    private static final MethodHandle ROW_BUF;
    /** {@code (ReadableByteBuf) -> byte[]}, or null likewise. */
    private static final MethodHandle BUF;
    private static final Class<?> RESULT_CLASS;
    /** Rows between two comparisons with the getters after the first row's (a power of two). */
    static final int CHECK_EVERY = 1024;

    static {
        Class<?> result = null;
        MethodHandle rowBuf = null;
        MethodHandle buf = null;
        try {
            result = Class.forName(RESULT, false, RawRows.class.getClassLoader());
            Field f = result.getDeclaredField("rowBuf");
            f.setAccessible(true);
            Field b = f.getType().getField("buf");
            // final: one buffer per result, repointed at each row, so it can be looked up once per result
            if (Modifier.isFinal(f.getModifiers()) && b.getType() == byte[].class) {
                rowBuf = MethodHandles.lookup().unreflectGetter(f).asType(MethodType.methodType(Object.class, Object.class));
                buf = MethodHandles.lookup().unreflectGetter(b).asType(MethodType.methodType(byte[].class, Object.class));
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("Raw rows of the driver are not available ({}): dumps read values through its getters", e.toString());
        }
        RESULT_CLASS = rowBuf == null ? null : result;
        ROW_BUF = rowBuf;
        BUF = buf;
    }

    private final Object rowBuf;

    private RawRows(Object rowBuf) {
        this.rowBuf = rowBuf;
    }

    /** True if this driver has the fields the raw path reads. */
    static boolean available() {
        return ROW_BUF != null;
    }

    /** The raw rows of {@code rs}, or null where it is not (and does not wrap) a Connector/J result with the fields known here. */
    static RawRows of(ResultSet rs) {
        if (ROW_BUF == null) {
            return null;
        }
        try {
            if (!rs.isWrapperFor(RESULT_CLASS)) {
                return null;
            }
            Object rowBuf = ROW_BUF.invokeExact((Object) rs.unwrap(RESULT_CLASS));
            return rowBuf == null ? null : new RawRows(rowBuf);
        } catch (Error e) {
            throw e;
        } catch (Throwable e) {
            LOG.debug("Raw rows of {} are not available ({})", rs.getClass().getName(), e.toString());
            return null;
        }
    }

    /** The current row's array (after {@code next()} returned true): the array the driver's getters read. */
    byte[] current() {
        try {
            return (byte[]) BUF.invokeExact(rowBuf);
        } catch (Error | RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("Reading the driver's row array", e);
        }
    }

    /**
     * Splits a text-protocol row into its {@code columns} fields: {@code offsets[i]} and
     * {@code lengths[i]} (-1 for NULL). A field is a length-encoded integer ({@code < 0xFB}: the
     * length; {@code 0xFB}: NULL; {@code 0xFC}, {@code 0xFD}, {@code 0xFE}: a 2, 3 or 8 byte
     * little-endian length follows), then that many bytes. Returns false unless the fields take
     * the whole array exactly.
     */
    static boolean parse(byte[] row, int columns, int[] offsets, int[] lengths) {
        int p = 0;
        int end = row.length;
        for (int i = 0; i < columns; i++) {
            if (p >= end) {
                return false;
            }
            int first = row[p++] & 0xFF;
            long len;
            if (first < 0xFB) {
                len = first;
            } else if (first == 0xFB) {
                offsets[i] = p;
                lengths[i] = -1;
                continue;
            } else if (first == 0xFC) {
                if (p + 2 > end) {
                    return false;
                }
                len = (row[p] & 0xFF) | (row[p + 1] & 0xFF) << 8;
                p += 2;
            } else if (first == 0xFD) {
                if (p + 3 > end) {
                    return false;
                }
                len = (row[p] & 0xFF) | (row[p + 1] & 0xFF) << 8 | (row[p + 2] & 0xFF) << 16;
                p += 3;
            } else if (first == 0xFE) {
                if (p + 8 > end) {
                    return false;
                }
                len = 0;
                for (int k = 7; k >= 0; k--) {
                    len = len << 8 | (row[p + k] & 0xFF);
                }
                p += 8;
            } else {
                return false;
            }
            if (len < 0 || len > end - p) {
                return false;
            }
            offsets[i] = p;
            lengths[i] = (int) len;
            p += (int) len;
        }
        return p == end;
    }

    /**
     * True if the current row's fields, split by {@link #parse}, are byte for byte what the
     * getters give: {@code getBytes} for {@link Catalog.Read#BYTES} and {@link Catalog.Read#CAST}
     * columns, the UTF-8 of {@code getString} for {@link Catalog.Read#STRING} ones, NULL where the
     * getter gives null. The driver has no getter for a datetime's text as sent (its
     * {@code getString} formats the fraction again, with six digits), so a
     * {@link Catalog.Read#DATETIME} field must be the text of its {@code LocalDateTime} with the
     * column's fractional digits ({@code getString} for a zero date). A getter that fails counts
     * as a difference. Without {@code datetimes}, datetime fields are not compared (a datetime
     * the driver cannot represent is no difference in the row's bytes). Moves the driver's read
     * position: call it before anything else reads the row.
     */
    static boolean matchesGetters(ResultSet rs, Catalog.Read[] read, byte[] row, int[] offsets, int[] lengths, boolean datetimes) {
        try {
            for (int i = 0; i < read.length; i++) {
                if (read[i] == Catalog.Read.DATETIME && !datetimes) {
                    continue;
                }
                byte[] expected = switch (read[i]) {
                    case STRING -> utf8(rs.getString(i + 1));
                    case DATETIME -> utf8(datetimeText(rs, i + 1));
                    case BYTES, CAST -> rs.getBytes(i + 1);
                };
                if (expected == null ? lengths[i] >= 0 : lengths[i] != expected.length
                        || !Arrays.equals(row, offsets[i], offsets[i] + lengths[i], expected, 0, expected.length)) {
                    return false;
                }
            }
            return true;
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Reading a row through the driver's getters failed ({})", e.toString());
            return false;
        }
    }

    /** {@code yyyy-MM-dd HH:mm:ss[.f]} with the column's fractional digits, as the server writes a datetime. */
    private static String datetimeText(ResultSet rs, int column) throws SQLException {
        LocalDateTime t = rs.getObject(column, LocalDateTime.class);
        if (t == null) {
            return rs.getString(column); // NULL, or a zero date: 0000-00-00 00:00:00 with the column's fraction of zeros
        }
        String text = String.format(Locale.ROOT, "%04d-%02d-%02d %02d:%02d:%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
                t.getHour(), t.getMinute(), t.getSecond());
        int digits = rs.getMetaData().getScale(column);
        if (digits <= 0) {
            return text;
        }
        String nanos = String.format(Locale.ROOT, "%09d", t.getNano());
        return text + "." + nanos.substring(0, Math.min(digits, 9));
    }

    private static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }
}
