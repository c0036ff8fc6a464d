package org.dovetail.internal.declare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Compiles one attribute line to its column clause, as DataJoint's {@code compile_attribute} does. */
final class AttributeCompiler {
    private static final String UUID_SQL_TYPE = "binary(16)";
    private static final Set<String> CONSTANT_LITERALS = Set.of("CURRENT_TIMESTAMP", "NULL");
    /** DataJoint accepts any type that starts like an integer (e.g. {@code tinyinteger}); Dovetail checks the whole type. */
    private static final Pattern STRICT_INTEGER = Pattern.compile(
            "((tiny|small|medium|big|)int|integer)(\\s*\\(\\s*\\d+\\s*\\))?(\\s+unsigned)?(\\s+zerofill)?(\\s+auto_increment)?|serial",
            Pattern.CASE_INSENSITIVE);

    /** The result: column clause, name, foreign keys to external tables, stores used. */
    record Column(String name, String sql, List<String> externalForeignKeys, List<String> stores) {
    }

    private final String database;
    private final DeclarationContext context;

    AttributeCompiler(String database, DeclarationContext context) {
        this.database = database;
        this.context = context;
    }

    Column compile(String line, boolean inKey) {
        AttributeLine a = AttributeLine.parse(line);
        boolean nullable = a.defaultValue().equalsIgnoreCase("null");
        String defaultClause = defaultClause(a, nullable, inKey);
        String comment = a.comment().replace("\"", "\\\"");
        if (comment.startsWith(":")) {
            throw new LineProblem("an attribute comment must not start with a colon in comment \"" + comment + "\"");
        }
        TypeCategory category = category(a.type());
        List<String> foreignKeys = new ArrayList<>();
        List<String> stores = new ArrayList<>();
        String sqlType = a.type();
        if (category.isSpecial()) {
            comment = ":" + a.type() + ":" + comment;
            sqlType = substitute(a.name(), a.type(), category, foreignKeys, stores, inKey);
        }
        if (category.isSerialized() && !defaultClause.equals("DEFAULT NULL") && !defaultClause.equals("NOT NULL")) {
            throw new LineProblem("the default value of a blob or attachment attribute can only be null");
        }
        if (inKey) {
            requireKeyable(category, a.type());
        }
        String sql = "`" + a.name() + "` " + sqlType + " " + defaultClause + (comment.isEmpty() ? "" : " COMMENT \"" + comment + "\"");
        return new Column(a.name(), sql, foreignKeys, stores);
    }

    private static String defaultClause(AttributeLine a, boolean nullable, boolean inKey) {
        if (nullable) {
            if (inKey) {
                throw new LineProblem("primary key attributes cannot be nullable");
            }
            return "DEFAULT NULL";
        }
        String value = a.defaultValue();
        if (value.isEmpty()) {
            return "NOT NULL";
        }
        boolean literal = CONSTANT_LITERALS.contains(value.split("\\(", -1)[0].toUpperCase(Locale.ROOT));
        boolean quoted = value.charAt(0) == '"' || value.charAt(0) == '\'';
        return "NOT NULL DEFAULT " + (literal || quoted ? value : "\"" + value + "\"");
    }

    private static TypeCategory category(String type) {
        TypeCategory category = TypeCategory.of(type).orElseThrow(() -> new LineProblem("Unsupported attribute type " + type
                + (type.toLowerCase(Locale.ROOT).startsWith("text") ? " (use varchar(n) or longblob)" : "")));
        if (category == TypeCategory.INTEGER && !STRICT_INTEGER.matcher(type).matches()) {
            throw new LineProblem("Unsupported attribute type " + type);
        }
        return category;
    }

    private String substitute(String name, String type, TypeCategory category, List<String> foreignKeys, List<String> stores,
            boolean inKey) {
        switch (category) {
            case UUID:
                return UUID_SQL_TYPE;
            case INTERNAL_ATTACH:
                return "LONGBLOB";
            case EXTERNAL_BLOB:
            case EXTERNAL_ATTACH:
            case FILEPATH:
                if (category == TypeCategory.FILEPATH && !context.filepathEnabled()) {
                    throw new LineProblem("the filepath data type is disabled; enable it with the environment variable"
                            + " DJ_SUPPORT_FILEPATH_MANAGEMENT=TRUE (config: filepathManagement)");
                }
                String store = type.split("@", 2)[1];
                stores.add(store);
                foreignKeys.add("FOREIGN KEY (`" + name + "`) REFERENCES " + TableNames.fullName(database, "~external_" + store)
                        + " (`hash`) ON UPDATE RESTRICT ON DELETE RESTRICT");
                return UUID_SQL_TYPE;
            case ADAPTED:
                return adapted(name, type, foreignKeys, stores, inKey);
            default:
                throw new IllegalStateException("not a special type: " + category);
        }
    }

    private String adapted(String name, String type, List<String> foreignKeys, List<String> stores, boolean inKey) {
        if (!context.adaptedTypesEnabled()) {
            throw new LineProblem("Support for Adapted Attribute types is disabled; enable it with the environment variable"
                    + " DJ_SUPPORT_ADAPTED_TYPES=TRUE (config: adaptedTypes)");
        }
        String adapterName = type.substring(1, type.length() - 1).strip();
        String storage = context.adapterType(adapterName)
                .orElseThrow(() -> new LineProblem("Attribute adapter '" + adapterName + "' is not defined."));
        TypeCategory category = TypeCategory.of(storage).filter(c -> c != TypeCategory.ADAPTED)
                .orElseThrow(() -> new LineProblem("Invalid attribute type " + storage + " in attribute adapter '" + adapterName + "'"));
        if (inKey) {
            requireKeyable(category, type);
        }
        return category.isSpecial() ? substitute(name, storage, category, foreignKeys, stores, inKey) : storage;
    }

    private static void requireKeyable(TypeCategory category, String type) {
        if (category.isSerialized() || category == TypeCategory.FILEPATH || category == TypeCategory.JSON) {
            throw new LineProblem("json, blob, attachment and filepath attributes (here " + type
                    + ") are not allowed in the primary key");
        }
    }
}
