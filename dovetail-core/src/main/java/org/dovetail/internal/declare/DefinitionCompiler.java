package org.dovetail.internal.declare;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dovetail.InvalidDefinitionException;
import org.dovetail.TableName;

/**
 * Compiles a DataJoint table definition to the SQL DataJoint-Python 0.14 would send.
 *
 * <pre>{@code
 * CompiledTable t = DefinitionCompiler.compile("`lab`.`#subject`", """
 *         # experimental subjects
 *         subject_id : int          # unique id
 *         ---
 *         species = "mouse" : enum('mouse', 'rat')
 *         """, context);
 * String sql = t.createTableSql("`lab`.`#subject`", null);
 * }</pre>
 *
 * <p>Every problem is an {@link InvalidDefinitionException} naming the table, the line and the
 * problem; nothing is sent to a database here.
 */
public final class DefinitionCompiler {
    private static final Pattern LINE_BREAK = Pattern.compile("\\r?\\n");
    private static final Pattern PLAIN_INDEX_ITEM = Pattern.compile("`(\\w+)`");

    private final String fullName;
    private final AttributeCompiler attributes;
    private final DeclarationContext context;
    private final List<String> names = new ArrayList<>();
    private final List<String> primaryKey = new ArrayList<>();
    private final List<String> attributeSql = new ArrayList<>();
    private final List<String> foreignKeySql = new ArrayList<>();
    private final List<String> indexSql = new ArrayList<>();
    private final List<String> stores = new ArrayList<>();
    private final List<String> parents = new ArrayList<>();
    private final Map<String, NumberedLine> indexLines = new LinkedHashMap<>();

    private record NumberedLine(int number, String text) {
    }

    private DefinitionCompiler(String fullName, DeclarationContext context) {
        this.fullName = fullName;
        this.context = context;
        this.attributes = new AttributeCompiler(TableName.parse(fullName).schema(), context);
    }

    /**
     * Compiles {@code definition} for the table {@code fullName} ({@code `db`.`tbl`}), resolving
     * foreign-key references and adapters in {@code context}.
     *
     * @throws InvalidDefinitionException if the definition cannot be declared
     */
    public static CompiledTable compile(String fullName, String definition, DeclarationContext context) {
        // DataJoint's own check and wording, before TableName.parse refuses the long name as invalid input
        String table = TableName.unquote(fullName.substring(fullName.lastIndexOf("`.`") + 2));
        if (table.length() > TableNames.MAX_LENGTH) {
            throw new InvalidDefinitionException(fullName, 0, "",
                    "Table name `" + table + "` exceeds the max length of " + TableNames.MAX_LENGTH);
        }
        return new DefinitionCompiler(fullName, context).run(definition);
    }

    /** DataJoint's optional hidden timestamp column for the table {@code `db`.`tbl`}. */
    public static String hiddenTimestampSql(String fullName) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(fullName.replace("`", "").getBytes(StandardCharsets.UTF_8));
            return "`_" + HexFormat.of().formatHex(sha1) + "_timestamp` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is a required JDK algorithm", e);
        }
    }

    private CompiledTable run(String definition) {
        List<NumberedLine> lines = lines(definition);
        String tableComment = "";
        if (!lines.isEmpty() && lines.get(0).text().startsWith("#")) {
            NumberedLine first = lines.remove(0);
            tableComment = first.text().substring(1).strip();
            checkTableComment(first, tableComment);
        }
        boolean inKey = true;
        for (NumberedLine line : lines) {
            try {
                inKey = compileLine(line, inKey);
            } catch (LineProblem p) {
                throw new InvalidDefinitionException(fullName, line.number(), line.text(), p.getMessage());
            }
        }
        if (primaryKey.isEmpty()) {
            throw new InvalidDefinitionException(fullName, 0, "", "Table must have a primary key");
        }
        checkIndexedAttributes();
        return new CompiledTable(tableComment, primaryKey, attributeSql, foreignKeySql, indexSql, stores, parents);
    }

    private boolean compileLine(NumberedLine line, boolean inKey) {
        String text = line.text();
        if (text.startsWith("#")) {
            return inKey;
        }
        if (text.startsWith("---") || text.startsWith("___")) {
            return false;
        }
        if (ForeignKeyLine.isForeignKey(text)) {
            compileForeignKey(ForeignKeyLine.parse(text), inKey);
        } else if (IndexLine.isIndex(text)) {
            String sql = IndexLine.compile(text);
            indexSql.add(sql);
            indexLines.put(sql, line);
        } else {
            AttributeCompiler.Column column = attributes.compile(text, inKey);
            foreignKeySql.addAll(column.externalForeignKeys());
            stores.addAll(column.stores());
            if (inKey && !primaryKey.contains(column.name())) {
                primaryKey.add(column.name());
            }
            if (!names.contains(column.name())) {
                names.add(column.name());
                attributeSql.add(column.sql());
            }
        }
        return inKey;
    }

    private void compileForeignKey(ForeignKeyLine fk, boolean inKey) {
        if (fk.nullable() && inKey) {
            throw new LineProblem("primary dependencies cannot be nullable (move the line below \"---\" or drop [nullable])");
        }
        ParentTable parent = context.table(fk.reference().table())
                .orElseThrow(() -> new LineProblem("Foreign key reference " + fk.text() + " could not be resolved"));
        Map<String, String> renames = fk.reference().renames();
        List<String> parentKey = parent.primaryKey().stream().map(ParentTable.KeyAttribute::name).toList();
        for (var rename : renames.entrySet()) {
            if (!parentKey.contains(rename.getValue())) {
                throw new LineProblem(fk.text() + " renames `" + rename.getValue() + "`, which is not a primary-key attribute of "
                        + parent.fullName() + " (its primary key is " + parentKey + ")");
            }
        }
        List<String> childColumns = new ArrayList<>();
        for (ParentTable.KeyAttribute key : parent.primaryKey()) {
            String name = renames.entrySet().stream().filter(e -> e.getValue().equals(key.name()))
                    .map(Map.Entry::getKey).findFirst().orElse(key.name());
            childColumns.add(name);
            if (!names.contains(name)) {
                names.add(name);
                if (inKey) {
                    primaryKey.add(name);
                }
                attributeSql.add("`" + name + "` " + key.sqlType() + (fk.nullable() ? "" : " NOT NULL")
                        + " COMMENT \"" + escapeInherited(key.sqlComment()) + "\"");
            }
        }
        foreignKeySql.add("FOREIGN KEY (`" + String.join("`,`", childColumns) + "`) REFERENCES " + parent.fullName()
                + " (`" + String.join("`,`", parentKey) + "`) ON UPDATE CASCADE ON DELETE RESTRICT");
        if (fk.unique()) {
            indexSql.add("UNIQUE INDEX (`" + String.join("`,`", childColumns) + "`)");
        }
        parents.add(parent.fullName());
    }

    /** Dovetail escapes an inherited comment (DataJoint does not, and then fails on a {@code "} in it). */
    private static String escapeInherited(String comment) {
        return comment.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private void checkTableComment(NumberedLine line, String comment) {
        if (comment.startsWith(":")) {
            throw new InvalidDefinitionException(fullName, line.number(), line.text(), "Table comment must not start with a colon \":\"");
        }
        if (comment.contains("\"")) {
            throw new InvalidDefinitionException(fullName, line.number(), line.text(),
                    "a table comment must not contain a double quote (DataJoint cannot declare it)");
        }
    }

    private void checkIndexedAttributes() {
        for (var entry : indexLines.entrySet()) {
            Matcher m = PLAIN_INDEX_ITEM.matcher(entry.getKey());
            while (m.find()) {
                if (!names.contains(m.group(1))) {
                    NumberedLine line = entry.getValue();
                    throw new InvalidDefinitionException(fullName, line.number(), line.text(),
                            "the index names `" + m.group(1) + "`, which is not an attribute of the table");
                }
            }
        }
    }

    private static List<NumberedLine> lines(String definition) {
        List<NumberedLine> lines = new ArrayList<>();
        String[] raw = LINE_BREAK.split(definition, -1);
        for (int i = 0; i < raw.length; i++) {
            String text = raw[i].strip();
            if (!text.isEmpty()) {
                lines.add(new NumberedLine(i + 1, text));
            }
        }
        return lines;
    }
}
