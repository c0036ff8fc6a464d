package org.dovetail.blob;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The element type of an {@link NdArray}, identified on the wire by its MATLAB class id.
 *
 * <p>Instances are canonical: compare them with {@code ==}. The names are numpy's
 * ({@code float64}, {@code uint8}, {@code datetime64[us]}, ...); {@link #CHAR} is MATLAB's
 * UTF-16 {@code char} and {@link #OBJECT} holds arbitrary blob values.
 */
public final class DType {
    /** numpy bool, MATLAB logical: one byte, 0 or 1. */
    public static final DType BOOL = new DType("bool", 3, 1);
    /** MATLAB char: one UTF-16 code unit. */
    public static final DType CHAR = new DType("char", 4, 2);
    /** numpy object (and unicode) arrays: each element a framed blob value. */
    public static final DType OBJECT = new DType("object", 5, 0);
    /** IEEE double, MATLAB double. */
    public static final DType FLOAT64 = new DType("float64", 6, 8);
    /** IEEE single, MATLAB single. */
    public static final DType FLOAT32 = new DType("float32", 7, 4);
    /** Signed 8-bit integer. */
    public static final DType INT8 = new DType("int8", 8, 1);
    /** Unsigned 8-bit integer. */
    public static final DType UINT8 = new DType("uint8", 9, 1);
    /** Signed 16-bit integer. */
    public static final DType INT16 = new DType("int16", 10, 2);
    /** Unsigned 16-bit integer. */
    public static final DType UINT16 = new DType("uint16", 11, 2);
    /** Signed 32-bit integer. */
    public static final DType INT32 = new DType("int32", 12, 4);
    /** Unsigned 32-bit integer. */
    public static final DType UINT32 = new DType("uint32", 13, 4);
    /** Signed 64-bit integer. */
    public static final DType INT64 = new DType("int64", 14, 8);
    /** Unsigned 64-bit integer. */
    public static final DType UINT64 = new DType("uint64", 15, 8);

    private static final int DATETIME_BASE = 65536;
    private static final DType[] DATETIMES = new DType[DatetimeUnit.values().length];
    private static final Map<Integer, DType> BY_CLASS_ID = new HashMap<>();
    private static final Map<String, DType> BY_NAME = new HashMap<>();

    static {
        for (DatetimeUnit unit : DatetimeUnit.values()) {
            DATETIMES[unit.ordinal()] = new DType("datetime64[" + unit.symbol() + "]", DATETIME_BASE + unit.ordinal(), 8);
        }
        for (DType t : new DType[] {BOOL, CHAR, OBJECT, FLOAT64, FLOAT32, INT8, UINT8, INT16, UINT16, INT32, UINT32, INT64, UINT64}) {
            register(t);
        }
        for (DType t : DATETIMES) {
            register(t);
        }
    }

    private final String name;
    private final int classId;
    private final int itemSize;

    private DType(String name, int classId, int itemSize) {
        this.name = name;
        this.classId = classId;
        this.itemSize = itemSize;
    }

    private static void register(DType type) {
        BY_CLASS_ID.put(type.classId, type);
        BY_NAME.put(type.name, type);
    }

    /** The {@code datetime64} type of the given unit. */
    public static DType datetime64(DatetimeUnit unit) {
        return DATETIMES[unit.ordinal()];
    }

    /** The type stored under a blob class id, or empty for ids no array may carry (0, 1, 2, 16, unknown). */
    public static Optional<DType> forClassId(long classId) {
        return Optional.ofNullable(BY_CLASS_ID.get((int) Math.min(classId, Integer.MAX_VALUE)));
    }

    /** The type with a numpy-style name such as {@code "float64"} or {@code "datetime64[D]"}. */
    public static Optional<DType> forName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** numpy-style name, e.g. {@code "int16"}, {@code "char"}, {@code "datetime64[ns]"}. */
    public String name() {
        return name;
    }

    /** The MATLAB class id written in the array header. */
    public int classId() {
        return classId;
    }

    /** Bytes per stored element; 0 for {@link #OBJECT}, whose elements are framed blobs. */
    public int itemSize() {
        return itemSize;
    }

    /** True for the thirteen {@code datetime64} types. */
    public boolean isDatetime() {
        return classId >= DATETIME_BASE;
    }

    /** The unit of a {@code datetime64} type, or empty for every other type. */
    public Optional<DatetimeUnit> datetimeUnit() {
        return isDatetime() ? Optional.of(DatetimeUnit.values()[classId - DATETIME_BASE]) : Optional.empty();
    }

    /** True for the integer and floating-point types (the only ones that may be complex). */
    public boolean isNumeric() {
        return classId >= FLOAT64.classId && classId <= UINT64.classId;
    }

    boolean isFloat() {
        return this == FLOAT64 || this == FLOAT32;
    }

    boolean isUnsigned() {
        return this == UINT8 || this == UINT16 || this == UINT32 || this == UINT64;
    }

    @Override
    public String toString() {
        return name;
    }
}
