package org.dovetail.graph;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One foreign key between two tables, with the properties DataJoint gives a dependency edge.
 *
 * <pre>{@code
 * for (Dependency d : graph.children("`lab`.`subject`")) {
 *     d.child();      // "`lab`.`session`"
 *     d.attrMap();    // {subject_id=subject_id}
 *     d.primary();    // true: the foreign key is part of the child's primary key
 * }
 * }</pre>
 *
 * @param parent     the referenced table, {@code `db`.`tbl`}
 * @param child      the referencing table, {@code `db`.`tbl`}
 * @param constraint the server's constraint name, e.g. {@code session_ibfk_1}
 * @param attrMap    child column → parent column, in the constraint's column order
 * @param primary    every child column is in the child's primary key
 * @param aliased    some child column has another name than its parent column (a {@code .proj} rename)
 * @param multi      some primary-key attribute of the child is not among the child columns, so
 *                   one parent row may have many child rows
 */
public record Dependency(String parent, String child, String constraint, Map<String, String> attrMap,
        boolean primary, boolean aliased, boolean multi) {

    public Dependency {
        attrMap = Collections.unmodifiableMap(new LinkedHashMap<>(attrMap));
    }
}
