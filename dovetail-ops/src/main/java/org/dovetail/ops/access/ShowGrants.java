package org.dovetail.ops.access;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dovetail.TableName;

/**
 * Reads the output of {@code SHOW GRANTS} (MariaDB and MySQL 8 forms) and the
 * {@code DEFAULT ROLE} clause of MySQL's {@code SHOW CREATE USER}.
 */
final class ShowGrants {
    private static final String IDENT = "`(?:[^`]|``)*`";
    private static final Pattern OBJECT_GRANT = Pattern.compile(
            "^GRANT (.+?) ON ((?:PROCEDURE |FUNCTION |PACKAGE BODY |PACKAGE )?)(\\*|" + IDENT + ")\\.(\\*|" + IDENT + ") TO .*$",
            Pattern.DOTALL);
    private static final Pattern ROLE_GRANT = Pattern.compile(
            "^GRANT ((?:" + IDENT + "(?:@" + IDENT + ")?(?:,\\s*)?)+) TO .*$", Pattern.DOTALL);
    private static final Pattern DEFAULT_ROLE_MARIADB = Pattern.compile("^SET DEFAULT ROLE (" + IDENT + ") FOR .*$");
    private static final Pattern DEFAULT_ROLE_MYSQL = Pattern.compile(
            " DEFAULT ROLE ((?:" + IDENT + "(?:@" + IDENT + ")?(?:,\\s*)?)+)");
    private static final Pattern ROLE_NAME = Pattern.compile("(" + IDENT + ")(?:@" + IDENT + ")?");

    private ShowGrants() {}

    /** Parses the lines of one {@code SHOW GRANTS FOR ...}. Lines it does not know (PROXY) are skipped. */
    static AccountGrants parse(List<String> lines) {
        List<Grant> grants = new ArrayList<>();
        List<String> roles = new ArrayList<>();
        List<String> defaultRoles = new ArrayList<>();
        for (String line : lines) {
            Matcher object = OBJECT_GRANT.matcher(line);
            Matcher role = ROLE_GRANT.matcher(line);
            Matcher defaultRole = DEFAULT_ROLE_MARIADB.matcher(line);
            if (object.matches()) {
                Privileges privileges = Privileges.parse(object.group(1));
                if (!privileges.isUsageOnly()) {
                    grants.add(grant(privileges, object.group(2), object.group(3), object.group(4)));
                }
            } else if (role.matches()) {
                roles.addAll(roleNames(role.group(1)));
            } else if (defaultRole.matches()) {
                defaultRoles.add(unquote(defaultRole.group(1)));
            }
        }
        return new AccountGrants(grants, roles, defaultRoles);
    }

    /** The roles of the {@code DEFAULT ROLE} clause of a MySQL {@code SHOW CREATE USER} statement. */
    static List<String> defaultRolesOfCreateUser(String createUser) {
        Matcher m = DEFAULT_ROLE_MYSQL.matcher(createUser);
        return m.find() ? roleNames(m.group(1)) : List.of();
    }

    /** {@code `a``b`} to {@code a`b}. */
    static String unquote(String identifier) {
        return TableName.unquote(identifier);
    }

    private static Grant grant(Privileges privileges, String routineKind, String schema, String table) {
        String on = routineKind + schema + "." + table;
        if (schema.equals("*")) {
            return new Grant(privileges, on, null, null);
        }
        SchemaPattern pattern = new SchemaPattern(unquote(schema));
        return new Grant(privileges, on, pattern, table.equals("*") ? null : unquote(table));
    }

    private static List<String> roleNames(String list) {
        List<String> names = new ArrayList<>();
        Matcher m = ROLE_NAME.matcher(list);
        while (m.find()) {
            names.add(unquote(m.group(1)));
        }
        return names;
    }
}
