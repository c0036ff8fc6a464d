package org.dovetail.internal.codec;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Converts the values of one attribute between Java and the database. One codec is chosen per
 * attribute from the heading ({@link AttributeCodecs#forAttribute}); insert, update1 and fetch send
 * every value through it.
 *
 * <pre>{@code
 * AttributeCodec codec = AttributeCodecs.forAttribute(heading.attribute("trace"), CodecContext.of(dovetail, "lab"));
 * Object parameter = codec.toDatabase(new double[] {1, 2, 3});   // the packed blob bytes
 * Object value = codec.fromDatabase(resultSet, 3);              // an NdArray again
 * }</pre>
 */
public interface AttributeCodec {
    /** Returned by {@link #toDatabase} when the value means "the column's default" (NaN or "" for numbers). */
    Object USE_DEFAULT = new Object() {
        @Override
        public String toString() {
            return "DEFAULT";
        }
    };

    /**
     * The JDBC parameter for a non-null Java value (bytes, a string, a number, a date...), or
     * {@link #USE_DEFAULT}.
     *
     * @throws org.dovetail.InvalidValueException naming the attribute and the value if the value does not fit
     */
    Object toDatabase(Object value);

    /** The Java value of column {@code column} of the current row; null for SQL NULL. */
    Object fromDatabase(ResultSet row, int column) throws SQLException;
}
