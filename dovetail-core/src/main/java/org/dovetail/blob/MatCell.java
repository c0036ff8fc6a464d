package org.dovetail.blob;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A MATLAB cell array (wire code {@code C}): any blob values in an n-d grid, stored in
 * column-major order. DataJoint-Python calls it {@code dj.MatCell}.
 *
 * <pre>{@code
 * MatCell row = MatCell.of(NdArray.matlabString("a"), NdArray.of(new double[] {1, 2}));  // 1x2
 * }</pre>
 */
public final class MatCell {
    private final long[] shape;
    private final Object[] items;

    MatCell(long[] shape, Object[] items) {
        this.shape = shape;
        this.items = items;
    }

    /** A 1xN cell (a MATLAB row cell) of the given items. */
    public static MatCell of(Object... items) {
        return new MatCell(new long[] {1, items.length}, items.clone());
    }

    /** A cell of the given shape holding the items in column-major order. */
    public static MatCell of(long[] shape, Object... columnMajorItems) {
        if (Shapes.checkedCount(shape) != columnMajorItems.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs "
                + Shapes.checkedCount(shape) + " items, got " + columnMajorItems.length);
        }
        return new MatCell(shape.clone(), columnMajorItems.clone());
    }

    /** The dimensions (a copy). */
    public long[] shape() {
        return shape.clone();
    }

    /** The number of items. */
    public int size() {
        return items.length;
    }

    /** The item at a multi-index. */
    public Object get(long... index) {
        return items[Shapes.columnMajorOffset(shape, index)];
    }

    /** All items in column-major order. */
    public List<Object> items() {
        return Collections.unmodifiableList(Arrays.asList(items));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MatCell && Arrays.equals(shape, ((MatCell) o).shape)
            && Arrays.deepEquals(items, ((MatCell) o).items);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.deepHashCode(items);
    }

    @Override
    public String toString() {
        return "MatCell" + Arrays.toString(shape) + Arrays.deepToString(items);
    }
}
