package org.dovetail.blob;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

/**
 * Random blob value trees for property and fuzz tests: every wire code the encoder writes, arrays
 * of every dtype and shape (empty, 0-d, n-d, complex), nested containers, and now and then an
 * array big enough to be compressed.
 */
final class RandomValues {
    /** A source of bounded random numbers (QuickTheories' or java.util.Random). */
    interface Source {
        long between(long min, long max);
    }

    private static final DType[] DTYPES = {
        DType.BOOL, DType.CHAR, DType.OBJECT, DType.FLOAT64, DType.FLOAT32, DType.INT8, DType.UINT8, DType.INT16,
        DType.UINT16, DType.INT32, DType.UINT32, DType.INT64, DType.UINT64, DType.datetime64(DatetimeUnit.DAY),
        DType.datetime64(DatetimeUnit.NANOSECOND)};
    private static final double[] SPECIAL_DOUBLES = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE, 1.5, -0.037};

    private final Source in;
    private final boolean rawFloatBits;

    private RandomValues(Source in, boolean rawFloatBits) {
        this.in = in;
        this.rawFloatBits = rawFloatBits;
    }

    /**
     * Value trees up to the given depth.
     *
     * @param rawFloatBits whether floats may carry any bit pattern (NaN payloads, which JSON does not keep)
     */
    static Gen<Object> trees(int depth, boolean rawFloatBits) {
        return source -> new RandomValues((min, max) -> source.next(Constraint.between(min, max)), rawFloatBits).value(depth);
    }

    /** One tree from a java.util.Random (for the fuzz test's seeds). */
    static Object tree(Random random, int depth) {
        Source source = (min, max) -> min + (long) Math.floor(random.nextDouble() * (max - min + 1));
        return new RandomValues(source, true).value(depth);
    }

    Object value(int depth) {
        int kind = (int) in.between(0, depth > 0 ? 19 : 11);
        switch (kind) {
            case 0: return null;
            case 1: return in.between(0, 1) == 1;
            case 2: return in.between(0, 1) == 1 ? (Object) (int) in.between(-300, 300) : (Object) bits();
            case 3: return new BigInteger((int) in.between(1, 200), new Random(bits())).negate().add(BigInteger.valueOf(in.between(-5, 5)));
            case 4: return aDouble();
            case 5: return string();
            case 6: return bytes((int) in.between(0, 20));
            case 7: return decimal();
            case 8: return new UUID(bits(), bits());
            case 9: return temporal();
            case 10: return new Complex(aDouble(), aDouble());
            case 11: return array(depth);
            case 12: return list(depth);
            case 13: return new Tuple(list(depth));
            case 14: return dict(depth);
            case 15: return set();
            case 16: return cell(depth);
            case 17: return struct(depth);
            case 18: return recordArray(depth);
            default: return largeArray();
        }
    }

    private long bits() {
        return (in.between(0, 0xFFFF_FFFFL) << 32) | in.between(0, 0xFFFF_FFFFL);
    }

    private double aDouble() {
        if (in.between(0, 2) == 0) {
            return SPECIAL_DOUBLES[(int) in.between(0, SPECIAL_DOUBLES.length - 1)];
        }
        double value = Double.longBitsToDouble(bits());
        return Double.isNaN(value) && !rawFloatBits ? Double.NaN : value;
    }

    private String string() {
        int length = (int) in.between(0, 12);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            switch ((int) in.between(0, 3)) {
                case 0: text.appendCodePoint((int) in.between(0, 0x7F)); break;
                case 1: text.appendCodePoint((int) in.between(0x80, 0x7FF)); break;
                case 2: text.appendCodePoint((int) in.between(0xE000, 0xFFFF)); break;
                default: text.appendCodePoint((int) in.between(0x10000, 0x10FFFF)); break;
            }
        }
        return text.toString();
    }

    private byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) in.between(0, 255);
        }
        return bytes;
    }

    private Decimal decimal() {
        String[] special = {"NaN", "-0", "Infinity", "-Infinity", "sNaN", "0E-10"};
        if (in.between(0, 4) == 0) {
            return new Decimal(special[(int) in.between(0, special.length - 1)]);
        }
        return Decimal.of(new BigDecimal(BigInteger.valueOf(in.between(-1_000_000_000L, 1_000_000_000L)), (int) in.between(-12, 12)));
    }

    private Object temporal() {
        LocalDate date = LocalDate.of((int) in.between(1, 9999), (int) in.between(1, 12), (int) in.between(1, 28));
        LocalTime time = LocalTime.of((int) in.between(0, 23), (int) in.between(0, 59), (int) in.between(0, 59),
            (int) in.between(0, 999_999) * 1000);
        switch ((int) in.between(0, 2)) {
            case 0: return date;
            case 1: return time;
            default: return LocalDateTime.of(date, time);
        }
    }

    private NdArray array(int depth) {
        DType dtype = DTYPES[(int) in.between(0, DTYPES.length - 1)];
        int ndim = (int) in.between(0, 3);
        long[] shape = new long[ndim];
        for (int d = 0; d < ndim; d++) {
            shape[d] = in.between(0, dtype == DType.OBJECT ? 2 : 4);
        }
        int count = Shapes.checkedCount(shape);
        if (dtype == DType.OBJECT) {
            Object[] items = new Object[count];
            for (int i = 0; i < count; i++) {
                items[i] = value(Math.max(0, depth - 1));
            }
            return NdArray.ofObjects(shape, items);
        }
        if (dtype == DType.CHAR) {
            char[] units = new char[count];
            for (int i = 0; i < count; i++) {
                units[i] = (char) in.between(0, 0xD7FF);
            }
            return NdArray.ofChars(shape, units);
        }
        byte[] real = payload(dtype, count);
        if (dtype.isNumeric() && in.between(0, 4) == 0) {
            return NdArray.ofComplexColumnMajor(dtype, shape, real, payload(dtype, count));
        }
        return NdArray.ofColumnMajor(dtype, shape, real);
    }

    private byte[] payload(DType dtype, int count) {
        byte[] bytes = new byte[count * dtype.itemSize()];
        for (int i = 0; i < count; i++) {
            if (dtype == DType.BOOL) {
                bytes[i] = (byte) in.between(0, 1);
            } else if (dtype == DType.FLOAT64) {
                LittleEndian.putLong(bytes, 8 * i, Double.doubleToRawLongBits(aDouble()));
            } else if (dtype == DType.FLOAT32) {
                float value = (float) aDouble();
                LittleEndian.putInt(bytes, 4 * i, Float.isNaN(value) && !rawFloatBits ? Float.floatToIntBits(Float.NaN)
                    : Float.floatToRawIntBits(value));
            } else {
                long value = bits();
                for (int b = 0; b < dtype.itemSize(); b++) {
                    bytes[i * dtype.itemSize() + b] = (byte) (value >> (8 * b));
                }
            }
        }
        return bytes;
    }

    /** An array big and regular enough that the compression rule kicks in. */
    private NdArray largeArray() {
        double[] values = new double[(int) in.between(100, 600)];
        long period = in.between(1, 50);
        for (int i = 0; i < values.length; i++) {
            values[i] = i % period;
        }
        return NdArray.of(values);
    }

    private List<Object> list(int depth) {
        List<Object> items = new ArrayList<>();
        for (int i = (int) in.between(0, 4); i > 0; i--) {
            items.add(value(depth - 1));
        }
        return items;
    }

    private Map<Object, Object> dict(int depth) {
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = (int) in.between(0, 4); i > 0; i--) {
            Object key = in.between(0, 1) == 0 ? string() : BigInteger.valueOf(in.between(-100, 100));
            map.put(key, value(depth - 1));
        }
        return map;
    }

    private Set<Object> set() {
        Set<Object> set = new LinkedHashSet<>();
        for (int i = (int) in.between(0, 4); i > 0; i--) {
            set.add(string());
        }
        return set;
    }

    private MatCell cell(int depth) {
        long[] shape = {in.between(0, 2), in.between(0, 2)};
        Object[] items = new Object[Shapes.checkedCount(shape)];
        for (int i = 0; i < items.length; i++) {
            items[i] = value(depth - 1);
        }
        return MatCell.of(shape, items);
    }

    private MatStruct struct(int depth) {
        long[] shape = {in.between(0, 2), in.between(1, 2)};
        List<String> fields = new ArrayList<>();
        for (int f = (int) in.between(0, 3); f > 0; f--) {
            fields.add("f" + fields.size() + string().replace("\0", ""));
        }
        Object[] values = new Object[Shapes.checkedCount(shape) * fields.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = value(depth - 1);
        }
        return MatStruct.of(shape, fields, values);
    }

    private RecordArray recordArray(int depth) {
        long[] shape = {in.between(0, 3)};
        Map<String, Object> columns = new LinkedHashMap<>();
        for (int f = (int) in.between(1, 3); f > 0; f--) {
            String name = "c" + columns.size();
            if (depth > 1 && in.between(0, 3) == 0) {
                columns.put(name, RecordArray.of(Map.of("inner", NdArray.ofColumnMajor(DType.INT32, shape, bytes(4 * (int) shape[0])))));
            } else {
                DType dtype = DTYPES[(int) in.between(3, DTYPES.length - 1)];
                columns.put(name, NdArray.ofColumnMajor(dtype, shape, payload(dtype, (int) shape[0])));
            }
        }
        return RecordArray.of(columns);
    }
}
