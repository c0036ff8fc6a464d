package org.dovetail.internal.declare;

import java.util.List;

/**
 * What a foreign key needs to know about the table it references: its full name and its
 * primary-key attributes with their SQL types and comments as read from the database.
 *
 * @param fullName   {@code `db`.`tbl`}
 * @param primaryKey the primary-key attributes in key order
 */
public record ParentTable(String fullName, List<KeyAttribute> primaryKey) {
    public ParentTable {
        primaryKey = List.copyOf(primaryKey);
    }

    /**
     * One primary-key attribute of a referenced table.
     *
     * @param name       the attribute name
     * @param sqlType    the SQL type as DataJoint normalises it ({@code int}, {@code binary(16)} for uuid)
     * @param sqlComment the column comment including a special-type prefix such as {@code :uuid:}
     */
    public record KeyAttribute(String name, String sqlType, String sqlComment) {
    }
}
