package org.dovetail.ops.access;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A set of privileges as a grant names them: {@code ALL PRIVILEGES}, or a list such as
 * {@code SELECT, INSERT}. Column lists ({@code SELECT (a, b)}) are kept as written.
 *
 * <pre>{@code
 * Privileges p = Privileges.parse("SELECT, INSERT");
 * p.includes("SELECT");            // true
 * Privileges.ALL.includes("DROP");  // true
 * }</pre>
 *
 * @param all   true for {@code ALL PRIVILEGES}
 * @param names the privileges, upper case, in the order written (empty when {@code all})
 */
record Privileges(boolean all, Set<String> names) {
    public static final Privileges ALL = new Privileges(true, Set.of());
    public static final Privileges SELECT = new Privileges(false, Set.of("SELECT"));

    public Privileges {
        names = Collections.unmodifiableSet(new LinkedHashSet<>(names));
    }

    /** Parses the privilege list of a {@code GRANT} statement. */
    public static Privileges parse(String text) {
        List<String> parts = splitOutsideParentheses(text.strip());
        Set<String> names = new LinkedHashSet<>();
        for (String part : parts) {
            String name = part.strip().replaceAll("\\s+", " ");
            String upper = name.toUpperCase(Locale.ROOT);
            if (upper.equals("ALL") || upper.equals("ALL PRIVILEGES")) {
                return ALL;
            }
            names.add(name.contains("(") ? name : upper);
        }
        return new Privileges(false, names);
    }

    /** True if the set holds this privilege (always for {@code ALL PRIVILEGES}). */
    public boolean includes(String privilege) {
        return all || names.contains(privilege.toUpperCase(Locale.ROOT));
    }

    /** True if the set holds nothing but {@code USAGE} (no privilege at all). */
    public boolean isUsageOnly() {
        return !all && names.stream().allMatch(n -> n.equals("USAGE"));
    }

    /** True if the set allows more than reading (any privilege other than SELECT, SHOW VIEW, USAGE). */
    public boolean writes() {
        return all || names.stream().anyMatch(n -> !n.equals("SELECT") && !n.equals("SHOW VIEW") && !n.equals("USAGE"));
    }

    /** The union of two sets. */
    public Privileges plus(Privileges other) {
        if (all || other.all) {
            return ALL;
        }
        Set<String> union = new LinkedHashSet<>(names);
        union.addAll(other.names);
        return new Privileges(false, union);
    }

    @Override
    public String toString() {
        return all ? "ALL PRIVILEGES" : String.join(", ", names);
    }

    private static List<String> splitOutsideParentheses(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }
}
