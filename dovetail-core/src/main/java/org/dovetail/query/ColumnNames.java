package org.dovetail.query;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DataJoint's heuristic for the attribute names an SQL fragment uses ({@code extract_column_names}):
 * back-quoted names, and lower-case-initial words that are neither function names, string
 * literals nor a few SQL keywords. Used to validate restriction strings and to decide subqueries;
 * it has DataJoint's blind spots (upper-case names are never seen; lower-case {@code true} is taken
 * for a column), kept so that both languages accept and reject the same strings.
 */
final class ColumnNames {
    private static final Pattern ESCAPED_QUOTES = Pattern.compile("\\\\[\"']");
    private static final Pattern LITERALS = Pattern.compile("'[^']*'|\"[^\"]*\"");
    private static final Pattern BACKQUOTED = Pattern.compile("`([a-z][a-z0-9_]*)`");
    private static final Pattern SPACE_BEFORE_PAREN = Pattern.compile("\\s+\\(");
    private static final Pattern FUNCTION = Pattern.compile("[a-z][a-z0-9_]*\\(");
    private static final Pattern WORD = Pattern.compile("\\b[a-z][a-z0-9_]*\\b");
    private static final Set<String> KEYWORDS = Set.of("is", "in", "between", "like", "and", "or", "null", "not", "interval",
            "second", "minute", "hour", "day", "month", "week", "year");

    private ColumnNames() {
    }

    static Set<String> extract(String sql) {
        Set<String> names = new LinkedHashSet<>();
        String s = ESCAPED_QUOTES.matcher(sql).replaceAll("");
        s = LITERALS.matcher(s).replaceAll("");
        Matcher quoted = BACKQUOTED.matcher(s);
        while (quoted.find()) {
            names.add(quoted.group(1));
        }
        s = quoted.replaceAll("");
        s = SPACE_BEFORE_PAREN.matcher(s).replaceAll("(");
        s = FUNCTION.matcher(s).replaceAll("(");
        Matcher words = WORD.matcher(s);
        while (words.find()) {
            if (!KEYWORDS.contains(words.group())) {
                names.add(words.group());
            }
        }
        return names;
    }
}
