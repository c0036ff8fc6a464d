package org.dovetail.ops.access;

/**
 * One privilege grant of an account or role, as {@code SHOW GRANTS} lists it.
 *
 * @param privileges what is granted
 * @param on         the target as written, e.g. {@code `common\_%`.*} or {@code *.*}
 * @param schema     the database pattern, or null for a global grant ({@code *.*})
 * @param table      the table (or routine) name, or null for a grant on a whole schema pattern
 */
record Grant(Privileges privileges, String on, SchemaPattern schema, String table) {

    /** True for {@code ON *.*}. */
    public boolean isGlobal() {
        return schema == null;
    }

    /** True for a grant on whole schemas ({@code `pattern`.*}), the kind access management makes. */
    public boolean isSchemaLevel() {
        return schema != null && table == null;
    }
}
