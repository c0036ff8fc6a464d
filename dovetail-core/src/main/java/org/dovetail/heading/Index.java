package org.dovetail.heading;

import java.util.List;

/**
 * A secondary index of a table (the primary key excluded), as {@code SHOW KEYS} reports it,
 * including the indexes the server adds for foreign keys.
 *
 * @param columns  the indexed columns in index order; a functional index part is {@code (<expression>)}
 * @param unique   a unique index
 * @param nullable any of its columns allows NULL
 */
public record Index(List<String> columns, boolean unique, boolean nullable) {
    public Index {
        columns = List.copyOf(columns);
    }
}
