package org.dovetail.internal.heading;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;
import org.dovetail.heading.Attribute;
import org.dovetail.internal.declare.TypeCategory;

/**
 * Turns one {@code SHOW FULL COLUMNS} row into an {@link Attribute} by DataJoint's rules:
 * display widths stripped from integer and float types, special types decoded from the comment,
 * defaults quoted for string types, and (Dovetail) {@code current_timestamp()} normalised.
 */
final class AttributeDecoder {
    private static final Pattern SPECIAL_COMMENT = Pattern.compile("^:(?<type>[^:]+):(?<comment>.*)", Pattern.DOTALL);
    private static final Pattern DISPLAY_WIDTH = Pattern.compile("\\(\\d+\\)");
    private static final Pattern CURRENT_TIMESTAMP = Pattern.compile("(?i)current_timestamp(\\((?<digits>\\d*)\\))?");

    private AttributeDecoder() {
    }

    /**
     * @param row          the column row
     * @param isJson       the column is JSON (MySQL {@code json}, or MariaDB {@code longtext} with a json_valid check)
     * @param externalStore the store of a foreign key from this column to {@code ~external_<store>}, if any
     */
    static Attribute decode(String fullTableName, ColumnRow row, boolean isJson, Optional<String> externalStore) {
        String sqlColumnType = isJson ? "json" : row.type();
        String type = sqlColumnType;
        if (TypeCategory.INTEGER.matches(type) || TypeCategory.FLOAT.matches(type)) {
            type = DISPLAY_WIDTH.matcher(type).replaceFirst("");
        }
        boolean numeric = TypeCategory.DECIMAL.matches(sqlColumnType) || TypeCategory.INTEGER.matches(sqlColumnType)
                || TypeCategory.FLOAT.matches(sqlColumnType);
        boolean string = TypeCategory.ENUM.matches(sqlColumnType) || TypeCategory.TEMPORAL.matches(sqlColumnType)
                || TypeCategory.STRING.matches(sqlColumnType);
        boolean json = isJson || TypeCategory.JSON.matches(sqlColumnType);
        boolean isBlob = TypeCategory.INTERNAL_BLOB.matches(sqlColumnType);
        boolean isAttachment = false;
        boolean isFilepath = false;
        boolean isExternal = false;
        boolean uuid = false;
        String store = null;
        String adapter = null;
        String comment = row.comment() == null ? "" : row.comment();
        Matcher special = SPECIAL_COMMENT.matcher(comment);
        if (special.matches()) {
            type = special.group("type");
            comment = special.group("comment");
            if (TypeCategory.ADAPTED.matches(type)) {
                adapter = type.substring(1, type.length() - 1);
                isExternal = externalStore.isPresent();
                store = externalStore.orElse(null);
            } else {
                TypeCategory category = specialCategory(fullTableName, row.field(), type);
                isAttachment = category == TypeCategory.INTERNAL_ATTACH || category == TypeCategory.EXTERNAL_ATTACH;
                isFilepath = category == TypeCategory.FILEPATH;
                isBlob = category == TypeCategory.EXTERNAL_BLOB;
                uuid = category == TypeCategory.UUID;
                isExternal = category.isExternal();
                store = isExternal ? type.split("@", 2)[1] : null;
            }
        }
        boolean inKey = "PRI".equals(row.key());
        if (inKey && (isBlob || isAttachment || isFilepath || json)) {
            throw new DovetailException(ErrorCode.INVALID_DEFINITION, "Json, Blob, attachment, or filepath attributes are not allowed in the primary key: `"
                    + row.field() + "` of " + fullTableName);
        }
        boolean nullable = "YES".equalsIgnoreCase(row.nullable());
        String defaultValue = nullable ? "null" : defaultValue(row.defaultValue(), string);
        String sqlType = uuid ? "binary(16)" : type;
        return new Attribute(row.field(), type, sqlType, inKey, nullable, defaultValue, comment,
                row.extra() != null && row.extra().toLowerCase(Locale.ROOT).contains("auto_increment"),
                isBlob, isAttachment, isFilepath, isExternal, store, uuid, json, adapter, numeric, string, row.type());
    }

    private static TypeCategory specialCategory(String fullTableName, String column, String type) {
        Optional<TypeCategory> category = TypeCategory.of(type).filter(TypeCategory::isSpecial);
        if (category.isPresent()) {
            return category.get();
        }
        if (type.startsWith("external")) {
            throw new DovetailException(ErrorCode.INVALID_DEFINITION, "Legacy datatype `" + type + "` in column `" + column + "` of " + fullTableName
                    + ": migrate the external storage of this schema to DataJoint 0.12 (dovetail migrate)");
        }
        throw new DovetailException(ErrorCode.INVALID_DEFINITION, "Unknown attribute type `" + type + "` in the comment of column `" + column
                + "` of " + fullTableName);
    }

    private static String defaultValue(String raw, boolean string) {
        if (raw == null) {
            return null;
        }
        Matcher now = CURRENT_TIMESTAMP.matcher(raw);
        if (now.matches()) {
            String digits = now.group("digits");
            return digits == null || digits.isEmpty() ? "CURRENT_TIMESTAMP" : "CURRENT_TIMESTAMP(" + digits + ")";
        }
        return string ? "\"" + raw + "\"" : raw;
    }
}
