package org.dovetail.ops.access;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dovetail.QueryException;
import org.dovetail.TableName;
import org.dovetail.connection.Connection;
import org.dovetail.connection.RowMapper;
import org.dovetail.ops.AuditLog;

/**
 * Reads accounts, roles, grants and settings from the server. Every query it runs is
 * read-only and is remembered, so {@code --sql} can show how a report was made.
 */
final class Catalog {
    /** {@code ER_NONEXISTING_GRANT}: SHOW GRANTS for an account or role that does not exist. */
    private static final int NO_SUCH_GRANTEE = 1141;
    /** {@code ER_UNKNOWN_SYSTEM_VARIABLE}. */
    private static final int UNKNOWN_VARIABLE = 1193;

    private final Connection conn;
    private final Dialect dialect;
    private final List<String> queries = new ArrayList<>();

    Catalog(Connection conn, Dialect dialect) {
        this.conn = conn;
        this.dialect = dialect;
    }

    Dialect dialect() {
        return dialect;
    }

    /** The read-only queries run so far, in order. */
    List<String> queries() {
        return List.copyOf(queries);
    }

    /** What plans are made from. The audit log's schema is left out: it is the administrators', and no role is to read it. */
    ServerState state() {
        Map<Role, AccountGrants> roles = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            roleGrants(role.roleName()).ifPresent(g -> roles.put(role, g));
        }
        String audit = AuditLog.schemaOf(conn.config());
        List<String> schemas = schemas().stream().filter(s -> !s.equals(audit)).toList();
        return new ServerState(dialect, schemas, roles, memberNames());
    }

    /** Every account (and, on MariaDB, role) on the server as {@code user@host}, sorted. */
    List<String> accounts() {
        return query("SELECT CONCAT(User, '@', Host) FROM mysql.user ORDER BY User, Host", r -> r.getString(1));
    }

    List<String> schemas() {
        return query("SELECT schema_name FROM information_schema.schemata ORDER BY schema_name", r -> r.getString(1));
    }

    /** The grants of a role, or empty if there is no such role. */
    Optional<AccountGrants> roleGrants(String role) {
        return showGrants("SHOW GRANTS FOR " + TableName.quote(role));
    }

    /** The grants and default roles of an account, or empty if there is no such account. */
    Optional<AccountGrants> accountGrants(AccountName account) {
        Optional<AccountGrants> grants = showGrants("SHOW GRANTS FOR " + account.sql());
        if (grants.isEmpty() || dialect.version().isMariaDb()) {
            return grants; // MariaDB lists the default role among the grants
        }
        List<String> createUser = query("SHOW CREATE USER " + account.sql(), r -> r.getString(1));
        List<String> defaults = createUser.isEmpty() ? List.of() : ShowGrants.defaultRolesOfCreateUser(createUser.get(0));
        return Optional.of(grants.get().withDefaultRoles(defaults));
    }

    boolean accountExists(AccountName account) {
        return !query("SELECT 1 FROM mysql.user WHERE User = ? AND Host = ?", r -> 1, account.user(), account.host()).isEmpty();
    }

    /** The connected account, as the server authenticated it ({@code CURRENT_USER()}). */
    AccountName currentAccount() {
        return AccountName.parse(query("SELECT CURRENT_USER()", r -> r.getString(1)).get(0));
    }

    /** The roles active in this session. */
    List<String> currentRoles() {
        String text = query("SELECT CURRENT_ROLE()", r -> r.getString(1)).get(0);
        if (text == null || text.equals("NONE")) {
            return List.of();
        }
        if (!text.contains("`")) {
            return List.of(text); // MariaDB: the role's name
        }
        List<String> names = new ArrayList<>();
        for (String part : text.split(",")) {
            names.add(ShowGrants.unquote(part.strip().replaceFirst("@`.*$", "")));
        }
        return names;
    }

    /** A global system variable, or empty if this server does not have it. */
    Optional<String> variable(String name) {
        try {
            return Optional.ofNullable(query("SELECT @@GLOBAL." + name, r -> r.getString(1)).get(0));
        } catch (QueryException e) {
            if (e.errorCode() == UNKNOWN_VARIABLE) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** A status variable of this session, or empty. */
    Optional<String> sessionStatus(String name) {
        List<String> values = query("SHOW SESSION STATUS LIKE ?", r -> r.getString(2), name);
        return values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
    }

    /** Runs a read-only query, remembering it. */
    <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        queries.add(sql);
        return conn.query(sql, mapper, params);
    }

    private Optional<AccountGrants> showGrants(String sql) {
        try {
            return Optional.of(ShowGrants.parse(query(sql, r -> r.getString(1))));
        } catch (QueryException e) {
            if (e.errorCode() == NO_SUCH_GRANTEE) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** User names of the accounts holding a {@code dj_*} role (not roles, not the creators MariaDB auto-grants to). */
    private Set<String> memberNames() {
        String sql = dialect.version().isMariaDb()
                ? "SELECT User, Role FROM mysql.roles_mapping WHERE Host <> '' AND Admin_option = 'N'"
                : "SELECT TO_USER, FROM_USER FROM mysql.role_edges WHERE WITH_ADMIN_OPTION = 'N'";
        Set<String> names = new LinkedHashSet<>();
        for (List<String> row : query(sql, r -> List.of(r.getString(1), r.getString(2)))) {
            if (Role.byRoleName(row.get(1)) != null && Role.byRoleName(row.get(0)) == null) {
                names.add(row.get(0));
            }
        }
        return names;
    }
}
