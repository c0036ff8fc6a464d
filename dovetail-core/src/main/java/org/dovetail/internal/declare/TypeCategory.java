package org.dovetail.internal.declare;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The categories of DataJoint attribute types, recognised by DataJoint's regular expressions
 * (case-insensitive, matched at the start of the type; all but INTEGER anchored at the end).
 *
 * <pre>{@code
 * TypeCategory.of("int unsigned");   // Optional[INTEGER]
 * TypeCategory.of("blob@raw");       // Optional[EXTERNAL_BLOB]
 * TypeCategory.of("text");           // Optional.empty()
 * }</pre>
 */
public enum TypeCategory {
    INTEGER("((tiny|small|medium|big|)int|integer)(\\s*\\(.+\\))?(\\s+unsigned)?(\\s+auto_increment)?|serial$"),
    DECIMAL("(decimal|numeric)(\\s*\\(.+\\))?(\\s+unsigned)?$"),
    FLOAT("(double|float|real)(\\s*\\(.+\\))?(\\s+unsigned)?$"),
    STRING("(var)?char\\s*\\(.+\\)$"),
    JSON("json$"),
    ENUM("enum\\s*\\(.+\\)$"),
    BOOL("bool(ean)?$"),
    TEMPORAL("(date|datetime|time|timestamp|year)(\\s*\\(.+\\))?$"),
    INTERNAL_BLOB("(tiny|small|medium|long|)blob$"),
    EXTERNAL_BLOB("blob@(?<store>[a-z][\\-\\w]*)$"),
    INTERNAL_ATTACH("attach$"),
    EXTERNAL_ATTACH("attach@(?<store>[a-z][\\-\\w]*)$"),
    FILEPATH("filepath@(?<store>[a-z][\\-\\w]*)$"),
    UUID("uuid$"),
    ADAPTED("<.+>$");

    private static final Set<TypeCategory> SPECIAL =
            EnumSet.of(UUID, INTERNAL_ATTACH, EXTERNAL_ATTACH, EXTERNAL_BLOB, FILEPATH, ADAPTED);
    private static final Set<TypeCategory> EXTERNAL = EnumSet.of(EXTERNAL_ATTACH, EXTERNAL_BLOB, FILEPATH);
    private static final Set<TypeCategory> SERIALIZED =
            EnumSet.of(EXTERNAL_ATTACH, INTERNAL_ATTACH, EXTERNAL_BLOB, INTERNAL_BLOB);

    private final Pattern pattern;

    TypeCategory(String regex) {
        this.pattern = Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
    }

    /** The first category whose pattern matches the start of {@code type}, in DataJoint's order. */
    public static Optional<TypeCategory> of(String type) {
        for (TypeCategory c : values()) {
            if (c.matches(type)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** True if this category's pattern matches the start of {@code type} (Python's {@code re.match}). */
    public boolean matches(String type) {
        return pattern.matcher(type).lookingAt();
    }

    /** The store of {@code blob@store}, {@code attach@store} or {@code filepath@store}. */
    public static Optional<String> storeOf(String type) {
        for (TypeCategory c : EXTERNAL) {
            Matcher m = c.pattern.matcher(type);
            if (m.lookingAt()) {
                return Optional.of(m.group("store"));
            }
        }
        return Optional.empty();
    }

    /** Stored in SQL as something else, with the DataJoint type in the column comment. */
    public boolean isSpecial() {
        return SPECIAL.contains(this);
    }

    /** Stored in an external store, referenced by a {@code binary(16)} hash. */
    public boolean isExternal() {
        return EXTERNAL.contains(this);
    }

    /** Serialized by the blob codec or as an attachment; the default may only be NULL. */
    public boolean isSerialized() {
        return SERIALIZED.contains(this);
    }

    /** One of the native numeric categories (DataJoint's {@code numeric} attribute flag). */
    public boolean isNumeric() {
        return this == INTEGER || this == DECIMAL || this == FLOAT;
    }

    /** One of ENUM, TEMPORAL, STRING (DataJoint's {@code string} attribute flag). */
    public boolean isString() {
        return this == ENUM || this == TEMPORAL || this == STRING;
    }
}
