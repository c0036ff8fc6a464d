package org.dovetail.internal.codec;

import org.dovetail.heading.Attribute;
import org.dovetail.internal.declare.TypeCategory;

/** Attributes as HeadingReader builds them, for codec unit tests. */
final class CodecAttributes {
    private CodecAttributes() {
    }

    /** A native attribute: {@code type} is the heading type and the column type. */
    static Attribute plain(String name, String type) {
        return plain(name, type, type);
    }

    static Attribute plain(String name, String type, String columnType) {
        boolean numeric = TypeCategory.INTEGER.matches(type) || TypeCategory.DECIMAL.matches(type) || TypeCategory.FLOAT.matches(type);
        boolean string = TypeCategory.STRING.matches(type) || TypeCategory.ENUM.matches(type) || TypeCategory.TEMPORAL.matches(type);
        return new Attribute(name, type, type, false, false, null, "", false, TypeCategory.INTERNAL_BLOB.matches(type),
                false, false, false, null, false, TypeCategory.JSON.matches(type), null, numeric, string, columnType);
    }

    static Attribute uuid(String name) {
        return new Attribute(name, "uuid", "binary(16)", false, false, null, "", false, false,
                false, false, false, null, true, false, null, false, false, "binary(16)");
    }

    /** MariaDB's json: a longtext column with a json_valid check. */
    static Attribute json(String name) {
        return new Attribute(name, "json", "json", false, false, null, "", false, false,
                false, false, false, null, false, true, null, false, false, "longtext");
    }

    static Attribute attach(String name) {
        return new Attribute(name, "attach", "attach", false, false, null, "", false, false,
                true, false, false, null, false, false, null, false, false, "longblob");
    }

    static Attribute externalBlob(String name, String store) {
        return new Attribute(name, "blob@" + store, "blob@" + store, false, false, null, "", false, true,
                false, false, true, store, false, false, null, false, false, "binary(16)");
    }

    static Attribute externalAttach(String name, String store) {
        return new Attribute(name, "attach@" + store, "attach@" + store, false, false, null, "", false, false,
                true, false, true, store, false, false, null, false, false, "binary(16)");
    }

    static Attribute filepath(String name, String store) {
        return new Attribute(name, "filepath@" + store, "filepath@" + store, false, false, null, "", false, false,
                false, true, true, store, false, false, null, false, false, "binary(16)");
    }

    /** An adapted attribute {@code <adapter>} stored in a column of {@code columnType}. */
    static Attribute adapted(String name, String adapter, String columnType) {
        return new Attribute(name, "<" + adapter + ">", "<" + adapter + ">", false, false, null, "", false,
                TypeCategory.INTERNAL_BLOB.matches(columnType), false, false, false, null, false, false, adapter,
                false, false, columnType);
    }
}
