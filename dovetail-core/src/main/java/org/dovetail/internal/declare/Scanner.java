package org.dovetail.internal.declare;

/** Character scanning shared by the line parsers: quoted strings are skipped as units. */
final class Scanner {
    private Scanner() {
    }

    /**
     * The index of the first {@code target} at or after {@code from} that is outside single- or
     * double-quoted strings (an unterminated quote is an ordinary character), or -1.
     */
    static int indexOutsideQuotes(String s, char target, int from) {
        return indexOutside(s, target, from, "\"'");
    }

    /** As {@link #indexOutsideQuotes}, with the given quote characters (e.g. back-quotes too). */
    static int indexOutside(String s, char target, int from, String quotes) {
        int i = from;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == target) {
                return i;
            }
            if (quotes.indexOf(c) >= 0) {
                int close = s.indexOf(c, i + 1);
                if (close >= 0) {
                    i = close + 1;
                    continue;
                }
            }
            i++;
        }
        return -1;
    }

    static int skipBlanks(String s, int from) {
        int i = from;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
