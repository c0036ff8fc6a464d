package org.dovetail.blob;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * A MATLAB struct array (wire code {@code S}): an n-d grid of elements that all have the same
 * named fields, each holding any blob value. Elements are stored in column-major order.
 * DataJoint-Python calls it {@code dj.MatStruct}.
 *
 * <pre>{@code
 * MatStruct s = MatStruct.of(Map.of("rate", NdArray.of(new double[][] {{30}})));  // 1x1
 * NdArray rate = (NdArray) s.get("rate");
 * }</pre>
 */
public final class MatStruct {
    private final long[] shape;
    private final List<String> fields;
    private final Object[] values;

    /** values: element by element (column-major), field by field within an element. */
    MatStruct(long[] shape, List<String> fields, Object[] values) {
        this.shape = shape;
        this.fields = fields;
        this.values = values;
    }

    /** A 1x1 struct with the map's fields in its iteration order (use a LinkedHashMap to fix it). */
    public static MatStruct of(Map<String, ?> fields) {
        return of(new long[] {1, 1}, new ArrayList<>(fields.keySet()), fields.values().toArray());
    }

    /**
     * A struct array of the given shape.
     *
     * @param values for each element in column-major order, the value of each field in order
     */
    public static MatStruct of(long[] shape, List<String> fieldNames, Object... values) {
        List<String> names = List.copyOf(fieldNames);
        if (new HashSet<>(names).size() != names.size()) {
            throw new IllegalArgumentException("duplicate field names " + names);
        }
        for (String name : names) {
            if (name.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("field name contains NUL: " + name);
            }
        }
        long expected = (long) Shapes.checkedCount(shape) * names.size();
        if (values.length != expected) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " with " + names.size()
                + " fields needs " + expected + " values, got " + values.length);
        }
        return new MatStruct(shape.clone(), names, values.clone());
    }

    /** The dimensions (a copy). */
    public long[] shape() {
        return shape.clone();
    }

    /** The field names in declared order. */
    public List<String> fieldNames() {
        return fields;
    }

    /** The number of elements (the product of the shape). */
    public long size() {
        return Shapes.elementCount(shape);
    }

    /** A field of the element at a column-major position. */
    public Object get(int element, String field) {
        int f = fields.indexOf(field);
        if (f < 0) {
            throw new IllegalArgumentException("no field '" + field + "' in " + fields);
        }
        return values[element * fields.size() + f];
    }

    /** A field of a struct with exactly one element. */
    public Object get(String field) {
        if (size() != 1) {
            throw new IllegalStateException("struct has " + size() + " elements; give the element");
        }
        return get(0, field);
    }

    /** All values, element by element in column-major order, field by field within an element. */
    public List<Object> values() {
        return Collections.unmodifiableList(Arrays.asList(values));
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MatStruct)) {
            return false;
        }
        MatStruct other = (MatStruct) o;
        return Arrays.equals(shape, other.shape) && fields.equals(other.fields) && Arrays.deepEquals(values, other.values);
    }

    @Override
    public int hashCode() {
        return (31 * Arrays.hashCode(shape) + fields.hashCode()) * 31 + Arrays.deepHashCode(values);
    }

    @Override
    public String toString() {
        return "MatStruct" + Arrays.toString(shape) + fields;
    }
}
