package org.dovetail.ops.access;

import java.util.ArrayList;
import java.util.List;
import org.dovetail.AccessException;
import org.dovetail.TableName;
import org.dovetail.connection.ServerVersion;
import org.dovetail.ops.access.CheckReport.Item;
import org.dovetail.ops.access.CheckReport.Status;

/** Reads the server settings of {@link CheckReport}. */
final class ServerCheck {
    /** Below this, DataJoint blobs of ordinary size fail to insert. */
    static final long RECOMMENDED_PACKET = 64L * 1024 * 1024;

    private final Catalog catalog;
    private final List<Item> items = new ArrayList<>();

    private ServerCheck(Catalog catalog) {
        this.catalog = catalog;
    }

    static CheckReport run(Catalog catalog) {
        ServerCheck check = new ServerCheck(catalog);
        check.version();
        check.roleActivation();
        check.packet();
        check.tls();
        check.charset();
        check.mysqlExposure();
        return new CheckReport(check.items);
    }

    private void version() {
        ServerVersion v = catalog.dialect().version();
        items.add(new Item("version", v.text(), Status.OK, v.describe() + ": roles supported"
                + (catalog.dialect().supportsPasswordExpire() ? ", new accounts can be made to change their password"
                : "; PASSWORD EXPIRE needs MariaDB 10.4.3+")));
    }

    private void roleActivation() {
        if (catalog.dialect().version().isMariaDb()) {
            items.add(new Item("activate_all_roles_on_login", "(not in MariaDB)", Status.INFO,
                    "MariaDB activates one default role per account; add-user sets it"));
        } else {
            String value = catalog.variable("activate_all_roles_on_login").orElse("?");
            boolean on = value.equals("1") || value.equalsIgnoreCase("ON");
            items.add(new Item("activate_all_roles_on_login", on ? "ON" : "OFF", on ? Status.OK : Status.INFO,
                    on ? "every granted role is active at login" : "only default roles are active at login; add-user sets"
                            + " them, but accounts made by Spyglass's add_user have no default role"));
            catalog.variable("mandatory_roles").filter(m -> !m.isEmpty())
                    .ifPresent(m -> items.add(new Item("mandatory_roles", m, Status.INFO, "granted to every account")));
        }
        try {
            List<String> inactive = inactiveRoleGrants();
            items.add(inactive.isEmpty()
                    ? new Item("roles inactive at login", "none", Status.OK, "")
                    : new Item("roles inactive at login", String.join(", ", inactive), Status.WARN,
                    "these accounts hold a role that is neither their default role nor activated by the server;"
                            + " `dovetail access add-user NAME --role ROLE` sets the default role"));
        } catch (AccessException e) {
            items.add(new Item("roles inactive at login", "?", Status.UNKNOWN, "needs SELECT on the mysql schema"));
        }
    }

    private List<String> inactiveRoleGrants() {
        boolean mariaDb = catalog.dialect().version().isMariaDb();
        if (!mariaDb && catalog.variable("activate_all_roles_on_login").map(v -> v.equals("1") || v.equalsIgnoreCase("ON")).orElse(false)) {
            return List.of();
        }
        String sql = mariaDb
                ? "SELECT CONCAT(m.User, '@', m.Host, ': ', m.Role) FROM mysql.roles_mapping m"
                + " JOIN mysql.user u ON u.User = m.User AND u.Host = m.Host"
                + " WHERE m.Host <> '' AND m.Admin_option = 'N' AND u.default_role <> m.Role ORDER BY 1"
                : "SELECT CONCAT(e.TO_USER, '@', e.TO_HOST, ': ', e.FROM_USER) FROM mysql.role_edges e"
                + " LEFT JOIN mysql.default_roles d ON d.USER = e.TO_USER AND d.HOST = e.TO_HOST"
                + " AND d.DEFAULT_ROLE_USER = e.FROM_USER AND d.DEFAULT_ROLE_HOST = e.FROM_HOST"
                + " WHERE d.USER IS NULL AND e.WITH_ADMIN_OPTION = 'N' ORDER BY 1";
        return catalog.query(sql, r -> r.getString(1));
    }

    private void packet() {
        long bytes = catalog.variable("max_allowed_packet").map(Long::parseLong).orElse(0L);
        boolean small = bytes < RECOMMENDED_PACKET;
        items.add(new Item("max_allowed_packet", mebibytes(bytes), small ? Status.WARN : Status.OK,
                small ? "a blob or row larger than this fails to insert; set max_allowed_packet=64M (or more) in the server configuration"
                        : ""));
    }

    private void tls() {
        String have = catalog.variable("have_ssl").orElse("?");
        String required = catalog.variable("require_secure_transport").orElse("(not in this server)");
        String cipher = catalog.sessionStatus("Ssl_cipher").orElse("");
        boolean available = have.equalsIgnoreCase("YES") || !cipher.isEmpty();
        String bind = catalog.variable("bind_address").orElse("");
        boolean loopbackOnly = List.of("127.0.0.1", "::1", "localhost").contains(bind);
        String value = "have_ssl=" + have + ", require_secure_transport=" + required
                + ", this session " + (cipher.isEmpty() ? "not encrypted" : "encrypted (" + cipher + ")");
        if (available) {
            items.add(new Item("tls", value, Status.OK, ""));
        } else if (loopbackOnly) {
            items.add(new Item("tls", value, Status.INFO, "no TLS, but the server listens on " + bind + " only"));
        } else {
            items.add(new Item("tls", value, Status.WARN, "passwords and data travel in clear text: configure ssl_cert/ssl_key on the server"));
        }
    }

    private void charset() {
        String charset = catalog.variable("character_set_server").orElse("?");
        String collation = catalog.variable("collation_server").orElse("?");
        items.add(new Item("charset", charset + " / " + collation, Status.INFO, charset.startsWith("utf8mb4")
                ? "4 bytes a character: a VARCHAR primary key over 768 characters exceeds the 3072-byte index limit"
                : "tables DataJoint declares use this character set"));
    }

    private void mysqlExposure() {
        List<List<String>> rows;
        try {
            rows = catalog.query("SELECT User, Host, Db FROM mysql.db WHERE 'mysql' LIKE Db ORDER BY User, Host",
                    r -> List.of(r.getString(1), r.getString(2), r.getString(3)));
        } catch (AccessException e) {
            items.add(new Item("grants reaching mysql", "?", Status.UNKNOWN, "needs SELECT on mysql.db"));
            return;
        }
        List<String> risky = new ArrayList<>();
        List<String> admin = new ArrayList<>();
        for (List<String> row : rows) {
            String who = row.get(1).isEmpty() ? row.get(0) : row.get(0) + "@" + row.get(1);
            (row.get(0).equals(Role.ADMIN.roleName()) ? admin : risky).add(who + " on " + TableName.quote(row.get(2)));
        }
        if (!admin.isEmpty()) {
            items.add(new Item("grants reaching mysql (admin)", String.join(", ", admin), Status.INFO,
                    "dj_admin may edit the grant tables: it is equivalent to a superuser"));
        }
        items.add(risky.isEmpty() ? new Item("grants reaching mysql", "none", Status.OK, "")
                : new Item("grants reaching mysql", String.join(", ", risky), Status.WARN,
                "these can read mysql.user (password hashes); `dovetail access init-roles --revoke-wildcard` replaces"
                        + " the roles' `%` grants by prefix grants"));
    }

    private static String mebibytes(long bytes) {
        return bytes % (1024 * 1024) == 0 ? (bytes / (1024 * 1024)) + " MiB" : bytes + " bytes";
    }
}
