package org.dovetail.internal.declare;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A foreign-key line: {@code -> [nullable, unique] Reference  # optional comment}.
 *
 * @param nullable  the {@code nullable} option
 * @param unique    the {@code unique} option
 * @param reference the referenced table, possibly projected
 * @param text      the reference as written (for messages)
 */
record ForeignKeyLine(boolean nullable, boolean unique, Reference reference, String text) {
    private static final Pattern OPTION = Pattern.compile("[A-Za-z]+");

    /** DataJoint's test: an arrow with no quote or {@code #} before it. */
    static boolean isForeignKey(String line) {
        int arrow = line.indexOf("->");
        if (arrow < 0) {
            return false;
        }
        String before = line.substring(0, arrow);
        return before.indexOf('"') < 0 && before.indexOf('#') < 0 && before.indexOf('\'') < 0;
    }

    static ForeignKeyLine parse(String line) {
        String s = line.strip();
        if (!s.startsWith("->")) {
            throw new LineProblem("a foreign key line must start with \"->\" (the old syntax \"attrs -> Table\" is not supported)");
        }
        int i = Scanner.skipBlanks(s, 2);
        boolean nullable = false;
        boolean unique = false;
        if (i < s.length() && s.charAt(i) == '[') {
            int close = s.indexOf(']', i);
            if (close < 0) {
                throw new LineProblem("the foreign key options are missing their closing \"]\"");
            }
            for (String option : s.substring(i + 1, close).split(",", -1)) {
                String opt = option.strip().toUpperCase(Locale.ROOT);
                if (!OPTION.matcher(opt).matches()) {
                    throw new LineProblem("foreign key options must be words separated by commas, e.g. [nullable, unique]");
                }
                switch (opt) {
                    case "NULLABLE" -> nullable = true;
                    case "UNIQUE" -> unique = true;
                    default -> throw new LineProblem("Invalid foreign key option \"" + opt + "\" (allowed: nullable, unique)");
                }
            }
            i = close + 1;
        }
        String rest = s.substring(i);
        int comment = Scanner.indexOutside(rest, '#', 0, "\"'`");
        String text = (comment < 0 ? rest : rest.substring(0, comment)).strip();
        if (text.isEmpty()) {
            throw new LineProblem("the referenced table is missing after \"->\"");
        }
        return new ForeignKeyLine(nullable, unique, Reference.parse(text), text);
    }
}
