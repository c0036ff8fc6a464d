package org.dovetail.query;

import java.util.regex.Pattern;

/** Quoting. */
final class Sql {
    static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private Sql() {
    }

    /** {@code `name`}, with back-quotes in the name doubled. */
    static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }
}
