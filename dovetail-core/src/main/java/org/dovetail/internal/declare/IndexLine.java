package org.dovetail.internal.declare;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An index line, {@code [unique] index (a, b)}, compiled to DataJoint's SQL clause. */
final class IndexLine {
    private static final Pattern CLASSIFY = Pattern.compile("^(unique\\s+)?index\\s*.*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern INDEX = Pattern.compile(
            "(?<unique>unique\\s+)?index\\s*\\(\\s*(?<args>.*)\\)", Pattern.CASE_INSENSITIVE);
    private static final Pattern ITEM = Pattern.compile("(?:[^,(]|\\([^)]*\\))+");
    private static final Pattern JSON_PATH = Pattern.compile(
            "^(?<attr>\\w+)(\\.(?<path>[\\w.*\\[\\]]+))?(:(?<type>[\\w(,\\s)]+))?$");

    private IndexLine() {
    }

    /**
     * DataJoint's classification: any line starting with {@code index} or {@code unique index} is an
     * index line, so an attribute named {@code index_value} is rejected as a malformed index.
     */
    static boolean isIndex(String line) {
        return CLASSIFY.matcher(line).matches();
    }

    /** The SQL clause, e.g. {@code index (`first_date`,`value`)}. */
    static String compile(String line) {
        Matcher m = INDEX.matcher(line);
        if (!m.lookingAt()) {
            throw new LineProblem("syntax error: an index line is \"index (attr, ...)\" or \"unique index (attr, ...)\""
                    + " (attribute names may not start with \"index\")");
        }
        List<String> items = new ArrayList<>();
        Matcher item = ITEM.matcher(m.group("args"));
        while (item.find()) {
            items.add(item(item.group().strip()));
        }
        if (items.isEmpty()) {
            throw new LineProblem("an index needs at least one attribute");
        }
        return (m.group("unique") != null ? "unique " : "") + "index (" + String.join(",", items) + ")";
    }

    private static String item(String text) {
        Matcher m = JSON_PATH.matcher(text);
        if (!m.matches()) {
            return text;
        }
        if (m.group("path") == null) {
            return "`" + m.group("attr") + "`";
        }
        String returning = m.group("type") == null ? "" : " returning " + m.group("type");
        return "(json_value(`" + m.group("attr") + "`, _utf8mb4'$." + m.group("path") + "'" + returning + "))";
    }
}
