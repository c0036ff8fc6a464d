package org.dovetail;

import java.util.List;

/**
 * A table already exists with another definition than the one being declared. The message lists
 * every difference; nothing was changed.
 */
public class DefinitionConflictException extends DovetailException {
    private static final long serialVersionUID = 1L;
    private final String table;
    private final List<String> differences;

    public DefinitionConflictException(String table, List<String> differences) {
        super(ErrorCode.DEFINITION_CONFLICT, "Table " + table + " already exists with another definition (use alter() for secondary attributes,"
                + " or drop the table):\n  " + String.join("\n  ", differences));
        this.table = table;
        this.differences = List.copyOf(differences);
    }

    /** The full table name. */
    public String table() {
        return table;
    }

    /** One sentence per difference, e.g. {@code column `x`: type int in the database, smallint in the definition}. */
    public List<String> differences() {
        return differences;
    }
}
