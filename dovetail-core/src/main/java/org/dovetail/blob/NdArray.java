package org.dovetail.blob;

import java.lang.reflect.Array;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * An immutable n-dimensional array as a blob stores it: numpy's {@code ndarray} and MATLAB's
 * numeric, logical and char matrices (wire code {@code A}).
 *
 * <p>Elements are kept in <b>column-major</b> (Fortran) order, exactly as on the wire: fixed-width
 * types as little-endian bytes (so NaN payloads and {@code -0.0} survive a round trip bit for
 * bit), {@link DType#OBJECT} as blob values. Indexing with {@link #get(long...)} takes numpy's
 * multi-index {@code (i, j, k)}; {@link #toDoubleArray()} and {@link #toJavaArray()} return
 * row-major (C order) copies, like numpy's {@code ravel()} and {@code tolist()}.
 *
 * <pre>{@code
 * NdArray a = NdArray.of(new double[][] {{0, 1, 2}, {3, 4, 5}});  // float64, shape [2, 3]
 * a.getDouble(1, 0);            // 3.0
 * a.toDoubleArray();            // {0, 1, 2, 3, 4, 5}
 * byte[] blob = Blob.encode(a);
 * }</pre>
 *
 * <p>Unsigned types are widened by {@link #get(long...)} ({@code uint8} to {@code Short}, ...,
 * {@code uint64} to {@code BigInteger}); {@link #getLong(long...)} returns the raw 64 bits of
 * a {@code uint64}. Arrays are equal when dtype, shape and stored bits (or items) are equal.
 */
public final class NdArray {
    private final DType dtype;
    private final long[] shape;
    private final int size;
    private final byte[] data;
    private final byte[] imag;
    private final Object[] items;

    /** Takes ownership of the arrays; callers have checked sizes. */
    NdArray(DType dtype, long[] shape, byte[] data, byte[] imag, Object[] items) {
        this.dtype = dtype;
        this.shape = shape;
        this.size = (int) Shapes.elementCount(shape);
        this.data = data;
        this.imag = imag;
        this.items = items;
    }

    /**
     * An array from a Java primitive array or a rectangular nest of them, read in row-major order:
     * {@code double[][]} of 2 rows of 3 becomes a 2x3 {@code float64} array. The element type gives
     * the dtype: double, float, long, int, short, byte, boolean, char map to float64, float32,
     * int64, int32, int16, int8, bool and char.
     *
     * @throws IllegalArgumentException if the argument is not a primitive array or is ragged
     */
    public static NdArray of(Object javaArray) {
        return JavaArrays.toNdArray(javaArray);
    }

    /** A fixed-width array from little-endian element bytes in column-major order (copied). */
    public static NdArray ofColumnMajor(DType dtype, long[] shape, byte[] littleEndianData) {
        return build(dtype, shape, littleEndianData.clone(), null);
    }

    /** A complex array from the real and imaginary parts, each little-endian, column-major (copied). */
    public static NdArray ofComplexColumnMajor(DType dtype, long[] shape, byte[] real, byte[] imaginary) {
        if (!dtype.isNumeric()) {
            throw new IllegalArgumentException("only numeric arrays can be complex, not " + dtype);
        }
        return build(dtype, shape, real.clone(), imaginary.clone());
    }

    /** A one-dimensional {@code complex128} array. */
    public static NdArray ofComplex(double[] real, double[] imaginary) {
        if (real.length != imaginary.length) {
            throw new IllegalArgumentException("real and imaginary parts differ in length");
        }
        return build(DType.FLOAT64, new long[] {real.length}, JavaArrays.bytesOf(real), JavaArrays.bytesOf(imaginary));
    }

    /** An object array (numpy {@code dtype=object}) holding blob values in column-major order. */
    public static NdArray ofObjects(long[] shape, Object... columnMajorItems) {
        if (Shapes.checkedCount(shape) != columnMajorItems.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs "
                + Shapes.checkedCount(shape) + " items, got " + columnMajorItems.length);
        }
        return new NdArray(DType.OBJECT, shape.clone(), null, null, columnMajorItems.clone());
    }

    /** A char array of UTF-16 code units in column-major order. */
    public static NdArray ofChars(long[] shape, char[] columnMajorUnits) {
        byte[] bytes = new byte[columnMajorUnits.length * 2];
        for (int i = 0; i < columnMajorUnits.length; i++) {
            LittleEndian.putShort(bytes, 2 * i, (short) columnMajorUnits[i]);
        }
        return build(DType.CHAR, shape, bytes, null);
    }

    /** A MATLAB character row vector (shape {@code [1, n]}), readable by MATLAB and Python. */
    public static NdArray matlabString(String text) {
        return ofChars(new long[] {1, text.length()}, text.toCharArray());
    }

    private static NdArray build(DType dtype, long[] shape, byte[] data, byte[] imag) {
        Objects.requireNonNull(dtype, "dtype");
        if (dtype == DType.OBJECT) {
            throw new IllegalArgumentException("object arrays hold values, use ofObjects");
        }
        long expected = (long) Shapes.checkedCount(shape) * dtype.itemSize();
        if (data.length != expected || (imag != null && imag.length != expected)) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " of " + dtype + " needs "
                + expected + " bytes per part, got " + data.length);
        }
        return new NdArray(dtype, shape.clone(), data, imag, null);
    }

    /** The element type. */
    public DType dtype() {
        return dtype;
    }

    /** The dimensions (a copy); empty for a 0-d array (a numpy scalar). */
    public long[] shape() {
        return shape.clone();
    }

    /** The number of dimensions. */
    public int ndim() {
        return shape.length;
    }

    /** The number of elements. */
    public int size() {
        return size;
    }

    /** Whether the array has an imaginary part. */
    public boolean isComplex() {
        return imag != null;
    }

    /**
     * The same elements under another shape with the same element count, in column-major order
     * (numpy's {@code reshape(..., order="F")}). {@code reshapeColumnMajor()} of a one-element
     * array gives a 0-d array, i.e. a numpy scalar.
     */
    public NdArray reshapeColumnMajor(long... newShape) {
        if (Shapes.checkedCount(newShape) != size) {
            throw new IllegalArgumentException("cannot reshape " + size + " elements to " + Arrays.toString(newShape));
        }
        return new NdArray(dtype, newShape.clone(), data, imag, items);
    }

    /** The real part as a real array of the same dtype (the array itself if it is not complex). */
    public NdArray real() {
        return imag == null ? this : new NdArray(dtype, shape, data, null, null);
    }

    /** The imaginary part as a real array of the same dtype. */
    public NdArray imag() {
        if (imag == null) {
            throw new IllegalStateException("array is not complex");
        }
        return new NdArray(dtype, shape, imag, null, null);
    }

    /**
     * One element, boxed: {@code Double}, {@code Float}, {@code Byte}, {@code Short},
     * {@code Integer}, {@code Long}, {@code Boolean}, {@code Character}, a {@code Long} of
     * datetime64 ticks, {@link Complex} for complex arrays, or the item of an object array.
     * Unsigned types are widened ({@code uint64} to {@code BigInteger}).
     */
    public Object get(long... index) {
        return element(Shapes.columnMajorOffset(shape, index));
    }

    /** One numeric or bool element as a double (the real part of a complex element). */
    public double getDouble(long... index) {
        requireFixedWidth();
        return doubleAt(data, Shapes.columnMajorOffset(shape, index));
    }

    /** One integer, bool, char or datetime64 element as a long ({@code uint64}: raw bits). */
    public long getLong(long... index) {
        requireFixedWidth();
        return longAt(data, Shapes.columnMajorOffset(shape, index));
    }

    /** The text of a char array: its UTF-16 units in column-major order. */
    public String asString() {
        requireType(DType.CHAR);
        char[] units = new char[size];
        for (int i = 0; i < size; i++) {
            units[i] = (char) LittleEndian.getShort(data, 2 * i);
        }
        return new String(units);
    }

    /** The items of an object array in column-major order. */
    public List<Object> items() {
        requireType(DType.OBJECT);
        return Collections.unmodifiableList(Arrays.asList(items));
    }

    /** Little-endian element bytes (real part) in column-major order, a copy. */
    public byte[] columnMajorData() {
        requireFixedWidth();
        return data.clone();
    }

    /** All numeric or bool elements (real parts) as doubles, in row-major order. */
    public double[] toDoubleArray() {
        requireFixedWidth();
        double[] out = new double[size];
        if (dtype == DType.FLOAT64 && shape.length <= 1) {
            ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(out);
            return out;
        }
        int[] order = Shapes.rowMajorToColumnMajor(shape);
        for (int r = 0; r < size; r++) {
            out[r] = doubleAt(data, order[r]);
        }
        return out;
    }

    /** All integer, bool, char or datetime64 elements as longs, in row-major order. */
    public long[] toLongArray() {
        requireFixedWidth();
        long[] out = new long[size];
        int[] order = Shapes.rowMajorToColumnMajor(shape);
        for (int r = 0; r < size; r++) {
            out[r] = longAt(data, order[r]);
        }
        return out;
    }

    /**
     * The elements as a nest of Java arrays in row-major order, the inverse of {@link #of(Object)}:
     * a 2x3 float64 array gives {@code double[2][3]}. Unsigned types are widened (uint8 to short,
     * uint16 to int, uint32 to long; uint64 keeps its raw bits in a long), datetime64 gives ticks as
     * long, object arrays give {@code Object}. A 0-d array gives its boxed element.
     */
    public Object toJavaArray() {
        if (imag != null) {
            throw new IllegalStateException("complex array: convert real() and imag() separately");
        }
        if (shape.length == 0) {
            return element(0);
        }
        int[] dims = new int[shape.length];
        for (int d = 0; d < dims.length; d++) {
            dims[d] = (int) shape[d];
        }
        Object result = Array.newInstance(JavaArrays.componentType(dtype), dims);
        int[] order = Shapes.rowMajorToColumnMajor(shape);
        int[] index = new int[dims.length];
        for (int r = 0; r < size; r++) {
            Object row = result;
            for (int d = 0; d < dims.length - 1; d++) {
                row = Array.get(row, index[d]);
            }
            JavaArrays.setElement(row, index[dims.length - 1], dtype, element(order[r]));
            for (int d = dims.length - 1; d >= 0 && ++index[d] == dims[d]; d--) {
                index[d] = 0;
            }
        }
        return result;
    }

    /** Element {@code i} in column-major order, boxed as documented on {@link #get(long...)}. */
    Object element(int i) {
        if (items != null) {
            return items[i];
        }
        if (imag != null) {
            return new Complex(doubleAt(data, i), doubleAt(imag, i));
        }
        if (dtype == DType.FLOAT64) {
            return Double.longBitsToDouble(LittleEndian.getLong(data, 8 * i));
        } else if (dtype == DType.FLOAT32) {
            return Float.intBitsToFloat(LittleEndian.getInt(data, 4 * i));
        } else if (dtype == DType.BOOL) {
            return data[i] != 0;
        } else if (dtype == DType.CHAR) {
            return (char) LittleEndian.getShort(data, 2 * i);
        } else if (dtype == DType.INT8) {
            return data[i];
        } else if (dtype == DType.UINT8 || dtype == DType.INT16) {
            return (short) longAt(data, i);
        } else if (dtype == DType.UINT16 || dtype == DType.INT32) {
            return (int) longAt(data, i);
        } else if (dtype == DType.UINT64) {
            long bits = longAt(data, i);
            return bits >= 0 ? BigInteger.valueOf(bits) : BigInteger.valueOf(bits).add(BigInteger.ONE.shiftLeft(64));
        }
        return longAt(data, i);
    }

    private double doubleAt(byte[] bytes, int i) {
        if (dtype == DType.FLOAT64) {
            return Double.longBitsToDouble(LittleEndian.getLong(bytes, 8 * i));
        } else if (dtype == DType.FLOAT32) {
            return Float.intBitsToFloat(LittleEndian.getInt(bytes, 4 * i));
        } else if (dtype == DType.UINT64) {
            long bits = LittleEndian.getLong(bytes, 8 * i);
            return bits >= 0 ? bits : (double) (bits >>> 1) * 2.0 + (bits & 1);
        }
        return longAt(bytes, i);
    }

    private long longAt(byte[] bytes, int i) {
        switch (dtype.itemSize()) {
            case 1:
                return dtype == DType.INT8 ? bytes[i] : bytes[i] & 0xFF;
            case 2:
                short s = LittleEndian.getShort(bytes, 2 * i);
                return dtype == DType.INT16 ? s : s & 0xFFFF;
            case 4:
                if (dtype == DType.FLOAT32) {
                    throw new IllegalStateException("float32 elements are not integers");
                }
                int v = LittleEndian.getInt(bytes, 4 * i);
                return dtype == DType.INT32 ? v : v & 0xFFFF_FFFFL;
            case 8:
                if (dtype == DType.FLOAT64) {
                    throw new IllegalStateException("float64 elements are not integers");
                }
                return LittleEndian.getLong(bytes, 8 * i);
            default:
                throw new IllegalStateException(dtype + " elements are not numbers");
        }
    }

    private void requireType(DType expected) {
        if (dtype != expected) {
            throw new IllegalStateException("array is " + dtype + ", not " + expected);
        }
    }

    private void requireFixedWidth() {
        if (dtype == DType.OBJECT) {
            throw new IllegalStateException("object arrays hold values; use items()");
        }
    }

    /** Stored bytes of the real part without copying; callers must not modify them. */
    byte[] rawData() {
        return data;
    }

    /** Stored bytes of the imaginary part without copying, or null; callers must not modify them. */
    byte[] rawImag() {
        return imag;
    }

    /** Items of an object array without copying; callers must not modify them. */
    Object[] rawItems() {
        return items;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof NdArray)) {
            return false;
        }
        NdArray other = (NdArray) o;
        return dtype == other.dtype && Arrays.equals(shape, other.shape) && Arrays.equals(data, other.data)
            && Arrays.equals(imag, other.imag) && Arrays.deepEquals(items, other.items);
    }

    @Override
    public int hashCode() {
        int h = dtype.hashCode() * 31 + Arrays.hashCode(shape);
        h = h * 31 + Arrays.hashCode(data);
        h = h * 31 + Arrays.hashCode(imag);
        return h * 31 + Arrays.deepHashCode(items);
    }

    @Override
    public String toString() {
        return "NdArray[" + dtype + (imag != null ? " complex" : "") + ", shape=" + Arrays.toString(shape) + "]";
    }
}
