package org.dovetail;

import java.util.Objects;

/**
 * The full name of a table: its schema (database) and its SQL name, e.g. {@code `lab`.`#subject`}.
 * The one place where identifiers are quoted and unquoted, so that a name holding a back-quote,
 * a quote, a semicolon or any other character becomes one correctly quoted identifier, never SQL.
 *
 * <pre>{@code
 * TableName name = TableName.of("lab", "#subject");
 * name.quoted();                                  // "`lab`.`#subject`"
 * TableName.parse("`we``ird`.`t`").schema();      // "we`ird"
 * TableName.quote("a`b");                         // "`a``b`"
 * }</pre>
 *
 * @param schema the schema (database) name, unquoted
 * @param table  the table's SQL name, unquoted (e.g. {@code #subject}, {@code _session__trial})
 */
public record TableName(String schema, String table) {
    /** The server's limit on a schema or table name, in characters. */
    public static final int MAX_LENGTH = 64;

    /**
     * Refuses what can never be a name (null, empty, NUL). The server's other limits (length, the
     * Basic Multilingual Plane, a trailing space) are checked where a name is first accepted from
     * a user ({@link #checkIdentifier(String, String)}), so that a declaration can still report a
     * too-long table name in DataJoint's own words.
     */
    public TableName {
        checkPresent("schema", schema);
        checkPresent("table", table);
    }

    private static void checkPresent(String what, String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidInputException("A " + what + " name cannot be empty");
        }
        if (name.indexOf('\0') >= 0) {
            throw new InvalidInputException("The " + what + " name " + quote(name.replace("\0", "\\0")) + " contains a NUL character");
        }
    }

    /** The table {@code table} of schema {@code schema}. */
    public static TableName of(String schema, String table) {
        return new TableName(schema, table);
    }

    /**
     * Reads a full name as {@link #quoted()} writes it, {@code `schema`.`table`}, with back-quotes
     * inside a name doubled.
     *
     * @throws InvalidInputException if the text is not exactly one quoted schema, a dot and one quoted table
     */
    public static TableName parse(String fullName) {
        Objects.requireNonNull(fullName, "fullName");
        int[] end = new int[1];
        String schema = readQuoted(fullName, 0, end);
        if (schema == null || end[0] >= fullName.length() || fullName.charAt(end[0]) != '.') {
            throw notAFullName(fullName);
        }
        String table = readQuoted(fullName, end[0] + 1, end);
        if (table == null || end[0] != fullName.length()) {
            throw notAFullName(fullName);
        }
        return new TableName(schema, table);
    }

    /** True if {@code text} is a full name {@link #parse(String)} accepts. */
    public static boolean isFullName(String text) {
        try {
            parse(text);
            return true;
        } catch (InvalidInputException e) {
            return false;
        }
    }

    /** {@code `schema`.`table`}, each name quoted by {@link #quote(String)}. */
    public String quoted() {
        return quote(schema) + "." + quote(table);
    }

    /** The same table name in another schema. */
    public TableName inSchema(String otherSchema) {
        return new TableName(otherSchema, table);
    }

    /** {@link #quoted()}. */
    @Override
    public String toString() {
        return quoted();
    }

    /**
     * One identifier in back-quotes, with back-quotes inside it doubled: the only quoting MySQL and
     * MariaDB need, whatever else the name holds.
     */
    public static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    /**
     * The identifier inside one quoted identifier, {@code `a``b`} → {@code a`b}.
     *
     * @throws InvalidInputException if the text is not one quoted identifier
     */
    public static String unquote(String quoted) {
        int[] end = new int[1];
        String name = readQuoted(quoted, 0, end);
        if (name == null || end[0] != quoted.length()) {
            throw new InvalidInputException("Not a quoted identifier: " + quoted);
        }
        return name;
    }

    /**
     * Checks that a name can be a schema or table name on MySQL and MariaDB: 1 to 64 characters, no
     * NUL, no character outside the Basic Multilingual Plane, no trailing space.
     *
     * @param what what the name is, for the message ("schema", "table")
     * @throws InvalidInputException naming the name and the rule it breaks
     */
    public static String checkIdentifier(String what, String name) {
        checkPresent(what, name);
        int length = name.codePointCount(0, name.length());
        if (length > MAX_LENGTH) {
            throw new InvalidInputException("The " + what + " name " + quote(name) + " has " + length
                    + " characters; the server allows at most " + MAX_LENGTH);
        }
        if (name.codePoints().anyMatch(c -> c > 0xFFFF)) {
            throw new InvalidInputException("The " + what + " name " + quote(name)
                    + " contains a character outside the Basic Multilingual Plane, which the server does not allow in names");
        }
        if (name.endsWith(" ")) {
            throw new InvalidInputException("The " + what + " name " + quote(name) + " ends with a space, which the server does not allow");
        }
        return name;
    }

    /** Reads one quoted identifier starting at {@code from}; null if there is none. Sets end[0] past it. */
    private static String readQuoted(String text, int from, int[] end) {
        if (from >= text.length() || text.charAt(from) != '`') {
            return null;
        }
        StringBuilder name = new StringBuilder();
        int i = from + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '`') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '`') {
                    name.append('`');
                    i += 2;
                    continue;
                }
                end[0] = i + 1;
                return name.isEmpty() ? null : name.toString();
            }
            name.append(c);
            i++;
        }
        return null;
    }

    private static InvalidInputException notAFullName(String text) {
        return new InvalidInputException("Not a full table name `schema`.`table`: " + text);
    }
}
