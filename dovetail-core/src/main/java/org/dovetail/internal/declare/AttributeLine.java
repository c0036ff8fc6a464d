package org.dovetail.internal.declare;

/**
 * One attribute line of a definition, split as DataJoint splits it:
 * {@code name [= default] : type [# comment]}. Values are trimmed; a missing default is "".
 */
record AttributeLine(String name, String defaultValue, String type, String comment) {

    static AttributeLine parse(String line) {
        String s = line + "#"; // as DataJoint: the comment is then never missing
        int i = Scanner.skipBlanks(s, 0);
        int start = i;
        if (i < s.length() && s.charAt(i) >= 'a' && s.charAt(i) <= 'z') {
            i++;
            while (i < s.length() && isNameChar(s.charAt(i))) {
                i++;
            }
        }
        if (i == start) {
            throw new LineProblem("an attribute name must start with a lowercase letter and contain only"
                    + " lowercase letters, digits and underscores");
        }
        String name = s.substring(start, i);
        boolean nameRunsOn = !Character.isWhitespace(s.charAt(i)) && s.charAt(i) != '=' && s.charAt(i) != ':';
        i = Scanner.skipBlanks(s, i);
        String defaultValue = "";
        if (i < s.length() && s.charAt(i) == '=') {
            int colon = Scanner.indexOutsideQuotes(s, ':', i + 1);
            if (colon < 0) {
                throw new LineProblem("missing \":\" between the default value and the type");
            }
            defaultValue = s.substring(i + 1, colon).strip();
            i = colon;
        }
        if (i >= s.length() || s.charAt(i) != ':') {
            throw new LineProblem(nameRunsOn
                    ? "an attribute name must contain only lowercase letters, digits and underscores"
                    : "expected \":\" and a type after the attribute name `" + name + "`");
        }
        i = Scanner.skipBlanks(s, i + 1);
        String type;
        int hash;
        if (i < s.length() && s.charAt(i) == '<') {
            int close = s.indexOf('>', i + 1);
            if (close < 0) {
                throw new LineProblem("an adapted type `<name>` is missing its closing \">\"");
            }
            type = s.substring(i, close + 1);
            hash = Scanner.skipBlanks(s, close + 1);
            if (s.charAt(hash) != '#') {
                throw new LineProblem("unexpected text after the adapted type " + type);
            }
        } else if (i < s.length() && isAsciiLetter(s.charAt(i))) {
            hash = Scanner.indexOutsideQuotes(s, '#', i);
            type = s.substring(i, hash).strip();
        } else {
            throw new LineProblem("missing type after \":\" (a type starts with a letter, or is an adapted type `<name>`)");
        }
        String comment = stripTrailing(s.substring(hash + 1), '#').strip();
        return new AttributeLine(name, defaultValue, type, comment);
    }

    private static boolean isNameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_';
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static String stripTrailing(String s, char c) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == c) {
            end--;
        }
        return s.substring(0, end);
    }
}
