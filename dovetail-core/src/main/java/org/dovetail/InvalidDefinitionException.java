package org.dovetail;

/**
 * A table definition cannot be declared. The message names the table, the line (number and
 * text) and the problem, e.g.
 * {@code Invalid definition of `lab`.`subject`, line 3 "Bad_name : int": attribute names must ...}.
 */
public class InvalidDefinitionException extends DovetailException {
    private static final long serialVersionUID = 1L;
    private final String table;
    private final int lineNumber;
    private final String line;
    private final String problem;

    /**
     * @param table      the full table name, e.g. {@code `lab`.`subject`}
     * @param lineNumber 1-based number of the line in the definition, or 0 for the whole definition
     * @param line       the offending line (trimmed), or "" for the whole definition
     * @param problem    what is wrong, in a sentence without the table and line
     */
    public InvalidDefinitionException(String table, int lineNumber, String line, String problem) {
        super(ErrorCode.INVALID_DEFINITION, message(table, lineNumber, line, problem));
        this.table = table;
        this.lineNumber = lineNumber;
        this.line = line;
        this.problem = problem;
    }

    private static String message(String table, int lineNumber, String line, String problem) {
        String where = lineNumber > 0 ? ", line " + lineNumber + " \"" + line + "\"" : "";
        return "Invalid definition of " + table + where + ": " + problem;
    }

    /** The full table name. */
    public String table() {
        return table;
    }

    /** 1-based line number within the definition; 0 when the problem concerns the whole definition. */
    public int lineNumber() {
        return lineNumber;
    }

    /** The offending line, trimmed ("" when {@link #lineNumber()} is 0). */
    public String line() {
        return line;
    }

    /** The problem alone, without table and line. */
    public String problem() {
        return problem;
    }
}
