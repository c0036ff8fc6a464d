package org.dovetail.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * A table to declare: class name, tier, DataJoint definition, part tables and (for Lookup tables)
 * contents. Immutable; the {@code with...} methods return copies.
 *
 * <pre>{@code
 * TableDefinition session = TableDefinition.of(Tier.MANUAL, "Session", """
 *         -> Subject
 *         session_idx : smallint unsigned
 *         """)
 *     .withPart("Note", """
 *         -> master
 *         note_idx : int
 *         ---
 *         text : varchar(255)
 *         """);
 * TableDefinition species = TableDefinition.of(Tier.LOOKUP, "Species", "species : varchar(32)")
 *     .withContents(List.of(List.of("mouse"), List.of("rat")));
 * }</pre>
 *
 * @param tier       the tier ({@link Tier#PART} for parts)
 * @param className  the CamelCase class name
 * @param definition the DataJoint definition
 * @param parts      part tables, declared after the master in this order
 * @param contents   rows inserted on declaration: each a {@code Map} of attribute values or a
 *                   {@code List} of values in heading order
 */
public record TableDefinition(Tier tier, String className, String definition, List<TableDefinition> parts, List<?> contents) {
    public TableDefinition {
        parts = List.copyOf(parts);
        contents = List.copyOf(contents);
    }

    /** A table without parts or contents. */
    public static TableDefinition of(Tier tier, String className, String definition) {
        return new TableDefinition(tier, className, definition, List.of(), List.of());
    }

    /** A copy with a part table added (a part refers to its master as {@code -> master}). */
    public TableDefinition withPart(String partClassName, String partDefinition) {
        List<TableDefinition> more = new ArrayList<>(parts);
        more.add(of(Tier.PART, partClassName, partDefinition));
        return new TableDefinition(tier, className, definition, more, contents);
    }

    /** A copy with a part table added, which may have contents of its own. */
    public TableDefinition withPart(TableDefinition part) {
        if (part.tier() != Tier.PART || !part.parts().isEmpty()) {
            throw new IllegalArgumentException("A part must have tier PART and no parts of its own: " + part.className());
        }
        List<TableDefinition> more = new ArrayList<>(parts);
        more.add(part);
        return new TableDefinition(tier, className, definition, more, contents);
    }

    /**
     * The table of a class annotated with {@link Definition}, with its nested part classes and
     * {@code CONTENTS}.
     */
    public static TableDefinition of(Class<?> annotatedClass) {
        return ClassDefinitions.of(annotatedClass);
    }

    /** A copy with the rows inserted when the table is declared (DataJoint's Lookup {@code contents}). */
    public TableDefinition withContents(List<?> rows) {
        return new TableDefinition(tier, className, definition, parts, rows);
    }
}
