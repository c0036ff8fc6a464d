package org.dovetail.internal.declare;

import java.util.Locale;
import java.util.regex.Pattern;
import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;
import org.dovetail.TableName;
import org.dovetail.schema.Tier;

/**
 * DataJoint's naming rules: class names in CamelCase, SQL names in snake_case with a tier prefix.
 *
 * <pre>{@code
 * TableNames.toSnakeCase("TTestUpdate");                 // "t_test_update"
 * TableNames.toCamelCase("#outfit_launch");              // "OutfitLaunch"
 * TableNames.partSqlName("_trial", "Condition");         // "_trial__condition"
 * TableNames.fullName("lab", "#subject");                // "`lab`.`#subject`"
 * }</pre>
 */
public final class TableNames {
    /** The server's limit on a table name. */
    public static final int MAX_LENGTH = 64;
    private static final Pattern CAMEL_CASE = Pattern.compile("[A-Z][A-Za-z0-9]*");
    private static final Pattern WORD_START = Pattern.compile("(^|[_\\W])+([a-zA-Z])");

    private TableNames() {
    }

    /** True if {@code name} is strict CamelCase: a capital letter followed by letters and digits. */
    public static boolean isCamelCase(String name) {
        return CAMEL_CASE.matcher(name).matches();
    }

    /**
     * DataJoint's {@code from_camel_case}: {@code AllGroups} → {@code all_groups}, {@code TTest} →
     * {@code t_test}, {@code Table2B} → {@code table2_b}.
     *
     * @throws DovetailException if the name is not CamelCase
     */
    public static String toSnakeCase(String className) {
        if (!isCamelCase(className)) {
            throw new DovetailException(ErrorCode.INVALID_DEFINITION, "ClassName must be alphanumeric in CamelCase, begin with a capital letter: `"
                    + className + "`");
        }
        // A CamelCase name is alphanumeric, so its only word boundary is the start.
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < className.length(); i++) {
            char c = className.charAt(i);
            if (Character.isUpperCase(c)) {
                out.append(i == 0 ? "" : "_").append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * DataJoint's {@code to_camel_case}: every run of underscores or non-word characters (or the
     * start) followed by a letter becomes that letter upper-cased: {@code #subject} → {@code Subject},
     * {@code __b__c} → {@code BC}, {@code table_2} → {@code Table_2}.
     */
    public static String toCamelCase(String sqlName) {
        return WORD_START.matcher(sqlName).replaceAll(r -> r.group(2).toUpperCase(Locale.ROOT));
    }

    /** The SQL name of part {@code partClassName} of the master whose SQL name is given. */
    public static String partSqlName(String masterSqlName, String partClassName) {
        return masterSqlName + "__" + toSnakeCase(partClassName);
    }

    /**
     * The class name DataJoint gives an existing table: {@code Subject}, or {@code Master.Part} for
     * a part table, e.g. {@code #outfit_launch__outfit_piece} → {@code OutfitLaunch.OutfitPiece}.
     */
    public static String className(String sqlName) {
        return Tier.masterOf(sqlName)
                .map(master -> toCamelCase(master) + "." + toCamelCase(sqlName.substring(master.length() + 2)))
                .orElseGet(() -> toCamelCase(sqlName));
    }

    /** {@code `db`.`tbl`}, quoted by {@link TableName}. */
    public static String fullName(String database, String table) {
        return TableName.of(database, table).quoted();
    }
}
