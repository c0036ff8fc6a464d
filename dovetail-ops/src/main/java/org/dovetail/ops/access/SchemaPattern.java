package org.dovetail.ops.access;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dovetail.TableName;

/**
 * A database-name pattern of a grant, as the server stores it: {@code %} matches any run of
 * characters, {@code _} any one character, and a backslash makes the next character literal. A
 * schema prefix {@code p} becomes {@code p\_%} ("every schema whose name starts with
 * {@code p_}"); the prefix itself is escaped, so {@code my_lab} becomes {@code my\_lab\_%} and
 * does not also match {@code myXlab_...}.
 *
 * <pre>{@code
 * SchemaPattern p = SchemaPattern.forPrefix("common");
 * p.pattern();                    // common\_%
 * p.sql();                        // `common\_%`.*
 * p.matches("common_session");    // true
 * }</pre>
 *
 * @param pattern the pattern text, escapes included
 */
public record SchemaPattern(String pattern) {
    /** The pattern that matches every schema, the system schemas included. */
    public static final SchemaPattern EVERYTHING = new SchemaPattern("%");
    /** Longest database name the servers accept. */
    static final int MAX_NAME_LENGTH = 64;

    public SchemaPattern {
        if (pattern == null || pattern.isEmpty()) {
            throw new AccessManagementException("Empty schema pattern");
        }
    }

    /**
     * The pattern of a schema prefix: {@code prefix\_%} with {@code _}, {@code %} and {@code \}
     * in the prefix escaped.
     *
     * @throws AccessManagementException if the prefix is empty, too long, or has control characters or
     *         characters outside the Basic Multilingual Plane
     */
    public static SchemaPattern forPrefix(String prefix) {
        checkName("prefix", prefix, MAX_NAME_LENGTH - 2);
        return new SchemaPattern(escape(prefix) + "\\_%");
    }

    /** The pattern that matches exactly one schema name. */
    public static SchemaPattern exact(String schemaName) {
        checkName("schema name", schemaName, MAX_NAME_LENGTH);
        return new SchemaPattern(escape(schemaName));
    }

    /** The schema prefix as Spyglass defines it: the name up to its first {@code _}, or the whole name. */
    public static String prefixOf(String schemaName) {
        int underscore = schemaName.indexOf('_');
        return underscore < 0 ? schemaName : schemaName.substring(0, underscore);
    }

    /** The grant target, {@code `pattern`.*}, with backticks in the pattern doubled. */
    public String sql() {
        return TableName.quote(pattern) + ".*";
    }

    /** True if this is the bare {@code %} that matches every schema. */
    public boolean isEverything() {
        return tokens().stream().allMatch(t -> t.kind == Kind.ANY);
    }

    /** True if the schema name matches this pattern. */
    public boolean matches(String schemaName) {
        return intersects(tokens(), literal(schemaName));
    }

    /** True if some schema name would match both patterns. */
    public boolean overlaps(SchemaPattern other) {
        return intersects(tokens(), other.tokens());
    }

    /** True if every name the other pattern matches, this one matches too (exact for prefix and exact-name patterns). */
    public boolean covers(SchemaPattern other) {
        List<Token> mine = tokens();
        if (mine.isEmpty() || mine.get(mine.size() - 1).kind != Kind.ANY
                || mine.subList(0, mine.size() - 1).stream().anyMatch(t -> t.kind != Kind.LITERAL)) {
            return equals(other) || isEverything();
        }
        List<Token> theirs = other.tokens();
        int n = mine.size() - 1;
        if (theirs.size() < n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (theirs.get(i).kind != Kind.LITERAL || theirs.get(i).c != mine.get(i).c) {
                return false;
            }
        }
        return true;
    }

    /**
     * How specific the pattern is: the number of characters before its first wildcard, or
     * {@link Integer#MAX_VALUE} without one. For a schema several patterns of one account match,
     * the server uses the most specific and ignores the others.
     */
    public int specificity() {
        List<Token> tokens = tokens();
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).kind != Kind.LITERAL) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    @Override
    public String toString() {
        return pattern;
    }

    static String escape(String name) {
        StringBuilder sb = new StringBuilder(name.length() + 4);
        for (char c : name.toCharArray()) {
            if (c == '\\' || c == '_' || c == '%') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    private static void checkName(String what, String name, int maxLength) {
        if (name == null || name.isEmpty()) {
            throw new AccessManagementException("The " + what + " is empty");
        }
        if (name.length() > maxLength) {
            throw new AccessManagementException("The " + what + " \"" + name + "\" is longer than " + maxLength + " characters");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw new AccessManagementException("The " + what + " \"" + name.replaceAll("\\p{Cntrl}", "?")
                    + "\" contains a control character");
        }
        if (name.codePoints().anyMatch(c -> c > 0xFFFF)) {
            throw new AccessManagementException("The " + what + " \"" + name + "\" contains a character outside the Basic"
                    + " Multilingual Plane, which the server does not allow in names");
        }
    }

    private enum Kind { LITERAL, ONE, ANY }

    private record Token(Kind kind, char c) {}

    private List<Token> tokens() {
        List<Token> tokens = new ArrayList<>();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                tokens.add(new Token(Kind.LITERAL, pattern.charAt(++i)));
            } else if (c == '%') {
                tokens.add(new Token(Kind.ANY, c));
            } else if (c == '_') {
                tokens.add(new Token(Kind.ONE, c));
            } else {
                tokens.add(new Token(Kind.LITERAL, c));
            }
        }
        return tokens;
    }

    private static List<Token> literal(String name) {
        List<Token> tokens = new ArrayList<>();
        for (char c : name.toCharArray()) {
            tokens.add(new Token(Kind.LITERAL, c));
        }
        return tokens;
    }

    /** Whether two token sequences accept a common string (a literal name is a pattern without wildcards). */
    private static boolean intersects(List<Token> a, List<Token> b) {
        return intersects(a, 0, b, 0, new HashMap<>());
    }

    private static boolean intersects(List<Token> a, int i, List<Token> b, int j, Map<Long, Boolean> memo) {
        long key = ((long) i << 32) | j;
        Boolean known = memo.get(key);
        if (known != null) {
            return known;
        }
        boolean result;
        if (i == a.size() && j == b.size()) {
            result = true;
        } else if (i < a.size() && a.get(i).kind == Kind.ANY) {
            result = intersects(a, i + 1, b, j, memo) || (j < b.size() && intersects(a, i, b, j + 1, memo));
        } else if (j < b.size() && b.get(j).kind == Kind.ANY) {
            result = intersects(a, i, b, j + 1, memo) || (i < a.size() && intersects(a, i + 1, b, j, memo));
        } else if (i == a.size() || j == b.size()) {
            result = false;
        } else {
            Token x = a.get(i);
            Token y = b.get(j);
            boolean compatible = x.kind == Kind.ONE || y.kind == Kind.ONE || x.c == y.c;
            result = compatible && intersects(a, i + 1, b, j + 1, memo);
        }
        memo.put(key, result);
        return result;
    }
}
