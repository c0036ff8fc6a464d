package org.dovetail.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dovetail.DovetailException;
import org.dovetail.TableName;
import org.dovetail.connection.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The privileges of the connection's account, read from {@code SHOW GRANTS} with its active
 * roles, and what a declaration needs of them.
 *
 * <pre>{@code
 * Grants grants = Grants.ofCurrentUser(connection).orElseThrow();
 * grants.has("CREATE", "lab_ephys", null);           // database-level CREATE
 * grants.has("REFERENCES", "common", "#subject");      // on one table
 * grants.missingToDeclare("lab_ephys", List.of("`common`.`#subject`"));
 * }</pre>
 */
final class Grants {
    private static final Logger LOG = LoggerFactory.getLogger(Grants.class);
    private static final Pattern GRANT = Pattern.compile("^GRANT (?<privileges>.+?) ON (?<target>\\S+) TO .*$");
    private static final Pattern TARGET = Pattern.compile("(?<db>\\*|`(?:[^`]|``)+`)\\.(?<table>\\*|`(?:[^`]|``)+`)");

    /** One {@code GRANT} line: privileges (upper case, {@code ALL} for all) on a database pattern and table. */
    private record Grant(List<String> privileges, String database, String table) {
    }

    private final List<Grant> grants;

    private Grants(List<Grant> grants) {
        this.grants = List.copyOf(grants);
    }

    /**
     * The grants of the connection's account and its active roles; empty if the server would not
     * show them (then nothing can be checked in advance).
     */
    public static Optional<Grants> ofCurrentUser(Connection connection) {
        try {
            return Optional.of(parse(connection.query(showGrants(connection), r -> r.getString(1))));
        } catch (DovetailException e) {
            LOG.debug("cannot read the account's grants: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /** MariaDB's SHOW GRANTS includes the active role's grants; MySQL's needs {@code USING} the active roles. */
    private static String showGrants(Connection connection) {
        if (connection.serverVersion().isMySql()) {
            String roles = connection.queryValue("SELECT CURRENT_ROLE()", String.class).orElse("NONE");
            if (!roles.equals("NONE") && !roles.isBlank()) {
                return "SHOW GRANTS FOR CURRENT_USER() USING " + roles;
            }
        }
        return "SHOW GRANTS";
    }

    /** The grants of the {@code SHOW GRANTS} lines; lines that grant no privilege on a database object are ignored. */
    public static Grants parse(List<String> showGrantsLines) {
        List<Grant> grants = new ArrayList<>();
        for (String line : showGrantsLines) {
            Matcher m = GRANT.matcher(line.strip());
            if (!m.matches()) {
                continue;
            }
            Matcher target = TARGET.matcher(m.group("target"));
            if (!target.matches()) {
                continue;
            }
            grants.add(new Grant(privileges(m.group("privileges")), unquote(target.group("db")), unquote(target.group("table"))));
        }
        return new Grants(grants);
    }

    /**
     * True if the account holds {@code privilege} on {@code database} (when {@code table} is null)
     * or on the table {@code database.table}, through a global, database or table grant.
     */
    public boolean has(String privilege, String database, String table) {
        String wanted = privilege.toUpperCase(Locale.ROOT);
        for (Grant g : grants) {
            if (!g.privileges().contains(wanted) && !g.privileges().contains("ALL")) {
                continue;
            }
            boolean global = g.database().equals("*");
            boolean onDatabase = !global && g.table().equals("*") && matchesPattern(database, g.database());
            boolean onTable = table != null && g.database().equals(database) && g.table().equals(table);
            if (global || onDatabase || onTable) {
                return true;
            }
        }
        return false;
    }

    /**
     * What declaring a table in {@code database} that references {@code parents} (full names)
     * needs and the account lacks: {@code CREATE on schema `db`}, {@code REFERENCES on `db`.`tbl`}.
     */
    public List<String> missingToDeclare(String database, List<String> parents) {
        List<String> missing = new ArrayList<>();
        if (!has("CREATE", database, null)) {
            missing.add("CREATE on schema `" + database + "`");
        }
        for (String parent : parents) {
            TableName name = TableName.parse(parent);
            String item = "REFERENCES on " + parent;
            if (!has("REFERENCES", name.schema(), name.table()) && !missing.contains(item)) {
                missing.add(item);
            }
        }
        return missing;
    }

    /** A database grant's name is a LIKE pattern: {@code %} and {@code _} are wildcards, {@code \_} a literal underscore. */
    static boolean matchesPattern(String database, String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return database.matches(regex.toString());
    }

    private static List<String> privileges(String text) {
        List<String> privileges = new ArrayList<>();
        int depth = 0;
        StringBuilder current = new StringBuilder();
        for (char c : (text + ",").toCharArray()) {
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                String p = current.toString().strip().toUpperCase(Locale.ROOT);
                privileges.add(p.startsWith("ALL") ? "ALL" : p);
                current.setLength(0);
            } else if (depth == 0) {
                current.append(c);
            }
        }
        return privileges;
    }

    private static String unquote(String identifier) {
        return identifier.equals("*") ? "*" : TableName.unquote(identifier);
    }
}
