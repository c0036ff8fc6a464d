package org.dovetail.blob;

import java.util.Arrays;

/** Shape arithmetic shared by arrays, cells and structs (all stored column-major). */
final class Shapes {
    private Shapes() {
    }

    /**
     * The number of elements of a shape, or -1 if a dimension is negative or the count does not
     * fit a Java array. A zero dimension makes the count 0 whatever the others are.
     */
    static long elementCount(long[] shape) {
        long count = 1;
        boolean overflow = false;
        for (long dim : shape) {
            if (dim < 0) {
                return -1;
            }
            if (dim == 0) {
                return 0;
            }
            if (!overflow) {
                long product = count * dim;
                overflow = dim != 0 && (product / dim != count || product > Integer.MAX_VALUE);
                count = product;
            }
        }
        return overflow ? -1 : count;
    }

    /** The element count of a shape that must describe a Java-sized container. */
    static int checkedCount(long[] shape) {
        long count = elementCount(shape);
        if (count < 0) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " is negative or too large");
        }
        return (int) count;
    }

    /** The column-major position of a multi-index, checking each coordinate. */
    static int columnMajorOffset(long[] shape, long[] index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index has " + index.length + " coordinates, the shape has " + shape.length);
        }
        long offset = 0;
        long stride = 1;
        for (int d = 0; d < shape.length; d++) {
            if (index[d] < 0 || index[d] >= shape[d]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " is outside shape " + Arrays.toString(shape));
            }
            offset += index[d] * stride;
            stride *= shape[d];
        }
        return (int) offset;
    }

    /**
     * For each element in row-major (C) order, its position in column-major (Fortran) order.
     * Visiting the result in order walks the array the way numpy's {@code ravel()} does.
     */
    static int[] rowMajorToColumnMajor(long[] shape) {
        int count = checkedCount(shape);
        int[] positions = new int[count];
        int ndim = shape.length;
        long[] strides = new long[ndim];
        long stride = 1;
        for (int d = 0; d < ndim; d++) {
            strides[d] = stride;
            stride *= shape[d];
        }
        long[] index = new long[ndim];
        long offset = 0;
        for (int r = 0; r < count; r++) {
            positions[r] = (int) offset;
            for (int d = ndim - 1; d >= 0; d--) {
                index[d]++;
                offset += strides[d];
                if (index[d] < shape[d]) {
                    break;
                }
                offset -= index[d] * strides[d];
                index[d] = 0;
            }
        }
        return positions;
    }
}
