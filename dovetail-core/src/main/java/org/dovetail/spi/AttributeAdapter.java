package org.dovetail.spi;

import java.util.function.Function;

/**
 * A custom attribute type, DataJoint's {@code AttributeAdapter}: a definition line
 * {@code centroid : <point>} is stored as the adapter's {@link #attributeType()}, and values go
 * through {@link #put} on insert and {@link #get} on fetch.
 *
 * <pre>{@code
 * AttributeAdapter point = AttributeAdapter.of("point", "varchar(64)",
 *         v -> ((double[]) v)[0] + "," + ((double[]) v)[1],
 *         s -> Arrays.stream(((String) s).split(",")).mapToDouble(Double::parseDouble).toArray());
 * Schema lab = dj.createSchema("lab").withAdapter(point);     // declaration and values
 * }</pre>
 */
public interface AttributeAdapter {

    /** The name used in definitions, without brackets. */
    String name();

    /** The type the values are stored as, e.g. {@code longblob}, {@code varchar(64)}, {@code blob@raw}. */
    String attributeType();

    /** A Java value to the stored type's value. */
    Object put(Object value);

    /** The stored type's value (as fetch returns it) to the Java value. */
    Object get(Object stored);

    /** An adapter from two functions. */
    static AttributeAdapter of(String name, String attributeType, Function<Object, Object> put,
                               Function<Object, Object> get) {
        return new AttributeAdapter() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String attributeType() {
                return attributeType;
            }

            @Override
            public Object put(Object value) {
                return put.apply(value);
            }

            @Override
            public Object get(Object stored) {
                return get.apply(stored);
            }
        };
    }
}
