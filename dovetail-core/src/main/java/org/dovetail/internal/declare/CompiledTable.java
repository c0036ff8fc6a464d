package org.dovetail.internal.declare;

import java.util.ArrayList;
import java.util.List;

/**
 * A definition compiled to SQL fragments, in DataJoint's order. {@link #createTableSql} assembles
 * the exact CREATE TABLE statement DataJoint-Python sends.
 *
 * @param tableComment   the table comment ("" if none)
 * @param primaryKey     primary-key attribute names in key order
 * @param attributeSql   one column clause per attribute, in declaration order
 * @param foreignKeySql  FOREIGN KEY clauses (to parents and to {@code ~external_<store>}) in line order
 * @param indexSql       index clauses in line order
 * @param externalStores the stores of external attributes, in attribute order (with repeats)
 * @param parents        the full names of referenced tables, one per foreign-key line
 */
public record CompiledTable(String tableComment, List<String> primaryKey, List<String> attributeSql,
        List<String> foreignKeySql, List<String> indexSql, List<String> externalStores, List<String> parents) {

    public CompiledTable {
        primaryKey = List.copyOf(primaryKey);
        attributeSql = List.copyOf(attributeSql);
        foreignKeySql = List.copyOf(foreignKeySql);
        indexSql = List.copyOf(indexSql);
        externalStores = List.copyOf(externalStores);
        parents = List.copyOf(parents);
    }

    /**
     * The CREATE TABLE statement, exactly as DataJoint-Python 0.14 writes it.
     *
     * @param fullName        {@code `db`.`tbl`}
     * @param hiddenTimestamp column clause of DataJoint's optional hidden timestamp, or null
     */
    public String createTableSql(String fullName, String hiddenTimestamp) {
        List<String> clauses = new ArrayList<>(attributeSql);
        if (hiddenTimestamp != null) {
            clauses.add(hiddenTimestamp);
        }
        clauses.add("PRIMARY KEY (`" + String.join("`,`", primaryKey) + "`)");
        clauses.addAll(foreignKeySql);
        clauses.addAll(indexSql);
        return "CREATE TABLE IF NOT EXISTS " + fullName + " (\n" + String.join(",\n", clauses)
                + "\n) ENGINE=InnoDB, COMMENT \"" + tableComment + "\"";
    }

    /** The statement without foreign keys, for a temporary table of the same shape (to compare definitions). */
    public String createTemporaryTableSql(String fullName) {
        List<String> clauses = new ArrayList<>(attributeSql);
        clauses.add("PRIMARY KEY (`" + String.join("`,`", primaryKey) + "`)");
        clauses.addAll(indexSql);
        return "CREATE TEMPORARY TABLE " + fullName + " (\n" + String.join(",\n", clauses)
                + "\n) ENGINE=InnoDB, COMMENT \"" + tableComment + "\"";
    }
}
