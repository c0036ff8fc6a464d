package org.dovetail.blob;

import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Conversion between Java primitive arrays (row-major nests) and {@link NdArray} storage. */
final class JavaArrays {
    private static final Map<Class<?>, DType> DTYPES = Map.of(
        double.class, DType.FLOAT64, float.class, DType.FLOAT32, long.class, DType.INT64,
        int.class, DType.INT32, short.class, DType.INT16, byte.class, DType.INT8,
        boolean.class, DType.BOOL, char.class, DType.CHAR);

    private JavaArrays() {
    }

    /** Whether a value is a primitive array or a nest of them, which the encoder writes as {@code A}. */
    static boolean isPrimitiveNest(Object value) {
        Class<?> type = value.getClass();
        while (type.isArray()) {
            type = type.getComponentType();
        }
        return type.isPrimitive() && value.getClass().isArray();
    }

    static NdArray toNdArray(Object javaArray) {
        if (javaArray == null || !isPrimitiveNest(javaArray)) {
            throw new IllegalArgumentException("not a primitive array or a nest of primitive arrays: "
                + (javaArray == null ? "null" : javaArray.getClass().getTypeName()));
        }
        List<Long> dims = new ArrayList<>();
        Object probe = javaArray;
        while (probe.getClass().getComponentType().isArray()) {
            int length = Array.getLength(probe);
            dims.add((long) length);
            if (length == 0) {
                break;
            }
            probe = Array.get(probe, 0);
        }
        Class<?> leafType = leafType(javaArray.getClass());
        DType dtype = DTYPES.get(leafType);
        List<Object> leaves = new ArrayList<>();
        boolean empty = dims.contains(0L);
        if (!empty) {
            collectLeaves(javaArray, dims.size(), leaves, dims, 0);
            dims.add((long) Array.getLength(leaves.get(0)));
        } else {
            while (dims.size() < depth(javaArray.getClass())) {
                dims.add(0L);
            }
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        int count = Shapes.checkedCount(shape);
        byte[] data = new byte[count * dtype.itemSize()];
        if (count > 0) {
            int[] positions = shape.length == 1 ? null : Shapes.rowMajorToColumnMajor(shape);
            int leafLength = Array.getLength(leaves.get(0));
            int r = 0;
            for (Object leaf : leaves) {
                for (int k = 0; k < leafLength; k++, r++) {
                    int position = positions == null ? r : positions[r];
                    putElement(data, position, dtype, leaf, k);
                }
            }
        }
        return new NdArray(dtype, shape, data, null, null);
    }

    private static Class<?> leafType(Class<?> arrayType) {
        Class<?> type = arrayType;
        while (type.isArray()) {
            type = type.getComponentType();
        }
        return type;
    }

    private static int depth(Class<?> arrayType) {
        int depth = 0;
        for (Class<?> type = arrayType; type.isArray(); type = type.getComponentType()) {
            depth++;
        }
        return depth;
    }

    private static void collectLeaves(Object array, int levels, List<Object> leaves, List<Long> dims, int level) {
        if (level == levels) {
            if (!leaves.isEmpty() && Array.getLength(array) != Array.getLength(leaves.get(0))) {
                throw new IllegalArgumentException("ragged array: rows of different lengths");
            }
            leaves.add(array);
            return;
        }
        if (array == null || Array.getLength(array) != dims.get(level)) {
            throw new IllegalArgumentException("ragged array: rows of different lengths at level " + level);
        }
        for (int i = 0; i < Array.getLength(array); i++) {
            collectLeaves(Array.get(array, i), levels, leaves, dims, level + 1);
        }
    }

    private static void putElement(byte[] data, int position, DType dtype, Object leaf, int k) {
        if (dtype == DType.FLOAT64) {
            LittleEndian.putLong(data, 8 * position, Double.doubleToRawLongBits(((double[]) leaf)[k]));
        } else if (dtype == DType.FLOAT32) {
            LittleEndian.putInt(data, 4 * position, Float.floatToRawIntBits(((float[]) leaf)[k]));
        } else if (dtype == DType.INT64) {
            LittleEndian.putLong(data, 8 * position, ((long[]) leaf)[k]);
        } else if (dtype == DType.INT32) {
            LittleEndian.putInt(data, 4 * position, ((int[]) leaf)[k]);
        } else if (dtype == DType.INT16) {
            LittleEndian.putShort(data, 2 * position, ((short[]) leaf)[k]);
        } else if (dtype == DType.CHAR) {
            LittleEndian.putShort(data, 2 * position, (short) ((char[]) leaf)[k]);
        } else if (dtype == DType.INT8) {
            data[position] = ((byte[]) leaf)[k];
        } else {
            data[position] = (byte) (((boolean[]) leaf)[k] ? 1 : 0);
        }
    }

    /** Little-endian bytes of doubles, bit patterns kept. */
    static byte[] bytesOf(double[] values) {
        byte[] bytes = new byte[values.length * 8];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().put(values);
        return bytes;
    }

    /** The Java element type {@link NdArray#toJavaArray()} uses for a dtype. */
    static Class<?> componentType(DType dtype) {
        if (dtype == DType.FLOAT64) {
            return double.class;
        } else if (dtype == DType.FLOAT32) {
            return float.class;
        } else if (dtype == DType.BOOL) {
            return boolean.class;
        } else if (dtype == DType.CHAR) {
            return char.class;
        } else if (dtype == DType.INT8) {
            return byte.class;
        } else if (dtype == DType.UINT8 || dtype == DType.INT16) {
            return short.class;
        } else if (dtype == DType.UINT16 || dtype == DType.INT32) {
            return int.class;
        } else if (dtype == DType.OBJECT) {
            return Object.class;
        }
        return long.class;
    }

    /** Stores a boxed element (as {@link NdArray#element(int)} returns it) into a leaf array. */
    static void setElement(Object leaf, int index, DType dtype, Object value) {
        if (dtype == DType.UINT64) {
            Array.setLong(leaf, index, ((Number) value).longValue());
        } else {
            Array.set(leaf, index, value);
        }
    }
}
