package org.dovetail.blob;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A numpy structured (record) array (wire code {@code F}): named columns of equal shape, each
 * an {@link NdArray} or a nested {@code RecordArray}.
 *
 * <pre>{@code
 * Map<String, Object> columns = new LinkedHashMap<>();
 * columns.put("x", NdArray.of(new double[] {1, 3}));
 * columns.put("y", NdArray.of(new long[] {2, 4}));
 * RecordArray rec = RecordArray.of(columns);   // numpy: dtype [('x', '<f8'), ('y', '<i8')], shape (2,)
 * }</pre>
 */
public final class RecordArray {
    private final Map<String, Object> fields;

    private RecordArray(Map<String, Object> fields) {
        this.fields = fields;
    }

    /**
     * A record array of the given columns in the map's iteration order.
     *
     * @throws IllegalArgumentException if a column is neither an NdArray nor a RecordArray, or the shapes differ
     */
    public static RecordArray of(Map<String, ?> columns) {
        Map<String, Object> copy = new LinkedHashMap<>();
        long[] shape = null;
        for (Map.Entry<String, ?> column : columns.entrySet()) {
            long[] columnShape = shapeOf(column.getValue());
            if (columnShape == null) {
                throw new IllegalArgumentException("column '" + column.getKey() + "' is not an NdArray or RecordArray");
            }
            if (column.getKey().indexOf('\0') >= 0) {
                throw new IllegalArgumentException("field name contains NUL: " + column.getKey());
            }
            if (shape != null && !Arrays.equals(shape, columnShape)) {
                throw new IllegalArgumentException("column '" + column.getKey() + "' has shape "
                    + Arrays.toString(columnShape) + ", the first has " + Arrays.toString(shape));
            }
            shape = columnShape;
            copy.put(column.getKey(), column.getValue());
        }
        return new RecordArray(Collections.unmodifiableMap(copy));
    }

    private static long[] shapeOf(Object column) {
        if (column instanceof NdArray) {
            return ((NdArray) column).shape();
        }
        return column instanceof RecordArray ? ((RecordArray) column).shape() : null;
    }

    /** The columns by field name, in declared order. */
    public Map<String, Object> fields() {
        return fields;
    }

    /** One column: an {@link NdArray} or a nested {@code RecordArray}. */
    public Object field(String name) {
        Object column = fields.get(name);
        if (column == null) {
            throw new IllegalArgumentException("no field '" + name + "' in " + fields.keySet());
        }
        return column;
    }

    /** The shape of the records (that of every column); empty when there are no fields. */
    public long[] shape() {
        return fields.isEmpty() ? new long[0] : shapeOf(fields.values().iterator().next());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordArray && fields.equals(((RecordArray) o).fields)
            && fields.keySet().stream().toList().equals(((RecordArray) o).fields.keySet().stream().toList());
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return "RecordArray" + fields.keySet();
    }
}
