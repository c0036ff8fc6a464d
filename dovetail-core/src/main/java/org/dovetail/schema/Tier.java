package org.dovetail.schema;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.dovetail.internal.declare.TableNames;

/**
 * DataJoint's table tiers and the SQL name prefix of each.
 *
 * <pre>{@code
 * Tier.LOOKUP.sqlName("Subject");          // "#subject"
 * Tier.ofSqlName("_trial__condition");      // Optional[PART]
 * }</pre>
 */
public enum Tier {
    MANUAL(""),
    LOOKUP("#"),
    IMPORTED("_"),
    COMPUTED("__"),
    PART(null);

    private static final String BASE = "[a-z][a-z0-9]*(_[a-z][a-z0-9]*)*";
    private static final Pattern MANUAL_NAME = Pattern.compile(BASE);
    private static final Pattern LOOKUP_NAME = Pattern.compile("#" + BASE);
    private static final Pattern IMPORTED_NAME = Pattern.compile("_" + BASE);
    private static final Pattern COMPUTED_NAME = Pattern.compile("__" + BASE);
    private static final Pattern PART_NAME = Pattern.compile(
            "(?<master>" + String.join("|", "#?" + BASE, "_" + BASE, "__" + BASE) + ")__(?<part>" + BASE + ")");

    private final String prefix;

    Tier(String prefix) {
        this.prefix = prefix;
    }

    /** The SQL name prefix; a part's name is its master's name + {@code "__"} + the part's snake_case name. */
    public String prefix() {
        if (this == PART) {
            throw new IllegalStateException("A part table's prefix is its master's name");
        }
        return prefix;
    }

    /** The SQL table name of a class of this tier (not for parts: use {@link TableNames#partSqlName}). */
    public String sqlName(String className) {
        return prefix() + TableNames.toSnakeCase(className);
    }

    /**
     * The tier of an existing table from its SQL name, tried in DataJoint's order (Manual, Lookup,
     * Computed, Imported, Part); empty for hidden tables ({@code ~log}) and names that follow no tier.
     */
    public static Optional<Tier> ofSqlName(String sqlName) {
        if (MANUAL_NAME.matcher(sqlName).matches()) {
            return Optional.of(MANUAL);
        }
        if (LOOKUP_NAME.matcher(sqlName).matches()) {
            return Optional.of(LOOKUP);
        }
        if (COMPUTED_NAME.matcher(sqlName).matches()) {
            return Optional.of(COMPUTED);
        }
        if (IMPORTED_NAME.matcher(sqlName).matches()) {
            return Optional.of(IMPORTED);
        }
        if (PART_NAME.matcher(sqlName).matches()) {
            return Optional.of(PART);
        }
        return Optional.empty();
    }

    /** The master's SQL name of a part table's SQL name, or empty if the name is not a part's. */
    public static Optional<String> masterOf(String sqlName) {
        var m = PART_NAME.matcher(sqlName);
        return m.matches() ? Optional.of(m.group("master")) : Optional.empty();
    }

    /** DataJoint's class-name spelling of the tier, e.g. {@code "Lookup"}. */
    public String displayName() {
        return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
    }
}
