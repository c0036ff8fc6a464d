package org.dovetail.internal.declare;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dovetail.InvalidDefinitionException;

/**
 * The clauses of DataJoint's {@code ALTER TABLE} from an old and a new compiled definition:
 * secondary attributes added, dropped, modified, renamed ({@code # {old_name} comment}) or
 * moved, and the table comment. Primary key, foreign keys and indexes cannot change.
 *
 * <pre>{@code
 * List<String> clauses = AlterCompiler.clauses("`lab`.`subject`", newTable, oldTable);
 * // [MODIFY `b` varchar(20) DEFAULT NULL AFTER `id`, COMMENT="new comment"]
 * }</pre>
 */
public final class AlterCompiler {
    private static final Pattern NAME = Pattern.compile("^`(\\w+)`");
    private static final Pattern ORIGINAL_NAME = Pattern.compile("COMMENT \"\\{\\s*(\\w+)\\s*}");

    private AlterCompiler() {
    }

    /**
     * The clauses that turn {@code oldTable} into {@code newTable}, in DataJoint's order; empty if
     * there is nothing to alter.
     *
     * @throws InvalidDefinitionException if the primary key, foreign keys or indexes differ, or a
     *                                    rename names an attribute twice or one that does not exist
     */
    public static List<String> clauses(String fullName, CompiledTable newTable, CompiledTable oldTable) {
        if (!newTable.primaryKey().equals(oldTable.primaryKey())) {
            throw unsupported(fullName, "the primary key", oldTable.primaryKey(), newTable.primaryKey());
        }
        List<String> newKey = keyAttributeSql(newTable);
        List<String> oldKey = keyAttributeSql(oldTable);
        if (!newKey.equals(oldKey)) {
            throw unsupported(fullName, "the primary key", oldKey, newKey);
        }
        if (!newTable.foreignKeySql().equals(oldTable.foreignKeySql())) {
            throw unsupported(fullName, "foreign keys", oldTable.foreignKeySql(), newTable.foreignKeySql());
        }
        if (!newTable.indexSql().equals(oldTable.indexSql())) {
            throw unsupported(fullName, "indexes", oldTable.indexSql(), newTable.indexSql());
        }
        List<String> sql = new ArrayList<>();
        if (!newTable.attributeSql().equals(oldTable.attributeSql())) {
            sql.addAll(attributeClauses(fullName, newTable.attributeSql(), oldTable.attributeSql(), newTable.primaryKey()));
        }
        if (!newTable.tableComment().equals(oldTable.tableComment())) {
            sql.add("COMMENT=\"" + newTable.tableComment() + "\"");
        }
        return sql;
    }

    /** The statement DataJoint sends for the clauses. */
    public static String alterTableSql(String fullName, List<String> clauses) {
        return "ALTER TABLE " + fullName + "\n\t" + String.join(",\n\t", clauses);
    }

    private static List<String> attributeClauses(String fullName, List<String> newSql, List<String> oldSql, List<String> primaryKey) {
        Map<String, String> renamedFrom = new LinkedHashMap<>();
        for (String sql : newSql) {
            Matcher original = ORIGINAL_NAME.matcher(sql);
            renamedFrom.put(name(sql), original.find() ? original.group(1) : null);
        }
        List<String> oldNames = new ArrayList<>(oldSql.stream().map(AlterCompiler::name).toList());
        Set<String> renamed = new HashSet<>();
        for (String old : renamedFrom.values()) {
            if (old != null && !renamed.add(old)) {
                throw new InvalidDefinitionException(fullName, 0, "", "Alter attempted to rename attribute {" + old + "} twice.");
            }
        }
        for (String old : renamed) {
            if (!oldNames.contains(old)) {
                throw new InvalidDefinitionException(fullName, 0, "", "Attribute " + old + " does not exist in the original definition");
            }
        }
        List<String> sql = new ArrayList<>();
        List<String> dropped = oldNames.stream().filter(n -> !renamed.contains(n) && !renamedFrom.containsKey(n)).toList();
        dropped.forEach(n -> sql.add("DROP `" + n + "`"));
        oldNames.removeAll(dropped);

        String previousName = null;
        String previousOriginal = null;
        int i = 0;
        for (var entry : renamedFrom.entrySet()) {
            String definition = newSql.get(i++);
            String name = entry.getKey();
            String original = entry.getValue();
            if (!primaryKey.contains(name)) {
                String after = null;
                if (previousName != null) {
                    int idx = oldNames.indexOf(original != null ? original : name);
                    if (idx < 0 || idx >= 1 && !oldNames.get(idx - 1).equals(previousOriginal != null ? previousOriginal : previousName)) {
                        after = previousName;
                    }
                }
                if (!oldSql.contains(definition) || after != null) {
                    String command = !oldNames.contains(original != null ? original : name) ? "ADD"
                            : original == null ? "MODIFY" : "CHANGE `" + original + "`";
                    sql.add(command + " " + definition + (after == null ? "" : " AFTER `" + after + "`"));
                }
            }
            previousName = name;
            previousOriginal = original;
        }
        return sql;
    }

    /** DataJoint compares only the key's names and ignores a changed key attribute; Dovetail refuses it. */
    private static List<String> keyAttributeSql(CompiledTable table) {
        return table.attributeSql().stream().filter(sql -> table.primaryKey().contains(name(sql))).toList();
    }

    private static String name(String attributeSql) {
        Matcher m = NAME.matcher(attributeSql);
        if (!m.find()) {
            throw new IllegalArgumentException("not an attribute clause: " + attributeSql);
        }
        return m.group(1);
    }

    private static InvalidDefinitionException unsupported(String fullName, String what, List<String> old, List<String> now) {
        return new InvalidDefinitionException(fullName, 0, "", "alter() cannot change " + what
                + " (only secondary attributes and the table comment): " + old + " in the table, " + now + " in the definition");
    }
}
