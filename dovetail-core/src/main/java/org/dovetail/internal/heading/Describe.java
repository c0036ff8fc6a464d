package org.dovetail.internal.heading;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.dovetail.TableName;
import org.dovetail.heading.Attribute;
import org.dovetail.heading.ForeignKey;
import org.dovetail.heading.Heading;
import org.dovetail.heading.Index;
import org.dovetail.internal.declare.TableNames;

/**
 * Reconstructs a DataJoint definition from a heading, as DataJoint's {@code describe()} does.
 *
 * <pre>{@code
 * String definition = Describe.definition(heading);
 * // "# recording sessions\n-> Subject\nsession_idx          : smallint unsigned ..."
 * }</pre>
 *
 * <p>Parents in the table's own schema are named by their class names ({@code Subject},
 * {@code Recording.Channel}); parents in other schemas by their full names {@code `db`.`tbl`},
 * which Dovetail (not DataJoint-Python) can declare again. The text is DataJoint's, except that
 * {@code bool} columns are described as {@code bool} (DataJoint: {@code tinyint}), so that the
 * description declares the same table again.
 */
public final class Describe {
    private Describe() {
    }

    /** The definition, naming parents in the table's own schema by class name. */
    public static String definition(Heading heading) {
        return definition(heading, sameSchemaClassNames(heading.database()));
    }

    /**
     * The definition, naming each parent by {@code parentName} (a function of the parent's full name).
     */
    public static String definition(Heading heading, Function<String, String> parentName) {
        StringBuilder out = new StringBuilder();
        if (!heading.comment().isEmpty()) {
            out.append("# ").append(heading.comment()).append('\n');
        }
        Map<List<String>, Index> indexes = new LinkedHashMap<>();
        heading.indexes().forEach(i -> indexes.putIfAbsent(i.columns(), i));
        Set<String> seen = new HashSet<>();
        boolean inKey = true;
        for (Attribute attr : heading.attributes()) {
            if (inKey && !attr.inKey()) {
                out.append("---\n");
                inKey = false;
            }
            seen.add(attr.name());
            boolean ownLine = true;
            for (ForeignKey fk : heading.parents()) {
                if (fk.attrMap().containsKey(attr.name())) {
                    ownLine = false;
                    if (seen.containsAll(fk.attrMap().keySet())) {
                        out.append(foreignKeyLine(fk, indexes.remove(List.copyOf(fk.attrMap().keySet())), parentName));
                    }
                }
            }
            if (ownLine) {
                out.append(attributeLine(attr));
            }
        }
        for (Index index : indexes.values()) {
            out.append(index.unique() ? "UNIQUE " : "").append("INDEX (").append(String.join(", ", index.columns())).append(")\n");
        }
        return out.toString();
    }

    /** Class names for parents in {@code database}, full names for the others. */
    public static Function<String, String> sameSchemaClassNames(String database) {
        return fullName -> {
            TableName parts = TableName.parse(fullName);
            return parts.schema().equals(database) ? TableNames.className(parts.table()) : fullName;
        };
    }

    private static String foreignKeyLine(ForeignKey fk, Index index, Function<String, String> parentName) {
        String options = "";
        if (index != null) {
            List<String> flags = new ArrayList<>();
            if (index.unique()) {
                flags.add("unique");
            }
            if (index.nullable()) {
                flags.add("nullable");
            }
            options = flags.isEmpty() ? "" : " [" + String.join(", ", flags) + "]";
        }
        String reference = parentName.apply(fk.table());
        if (fk.aliased()) {
            reference += ".proj(" + fk.attrMap().entrySet().stream()
                    .filter(e -> !e.getKey().equals(e.getValue()))
                    .map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
                    .collect(Collectors.joining(",")) + ")";
        }
        return "->" + options + " " + reference + "\n";
    }

    /**
     * The heading type, except that a {@code bool} column ({@code tinyint(1)}, whose heading type is
     * {@code tinyint}) is described as {@code bool}: DataJoint prints {@code tinyint}, which declares
     * a {@code tinyint(4)} column instead.
     */
    private static String declarableType(Attribute attr) {
        return attr.type().equals("tinyint") && "tinyint(1)".equalsIgnoreCase(attr.columnType()) ? "bool" : attr.type();
    }

    private static String attributeLine(Attribute attr) {
        String name = attr.defaultValue() == null ? attr.name() : attr.name() + "=" + attr.defaultValue();
        String type = declarableType(attr) + (attr.autoincrement() ? " auto_increment" : "");
        String comment = attr.comment().isEmpty() ? "" : "# " + attr.comment();
        return String.format("%-20s : %-28s %s", name, type, comment) + "\n";
    }
}
