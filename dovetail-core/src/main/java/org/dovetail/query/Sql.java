package org.dovetail.query;

import java.util.regex.Pattern;
import org.dovetail.TableName;

/** Quoting. */
final class Sql {
    static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private Sql() {
    }
}
