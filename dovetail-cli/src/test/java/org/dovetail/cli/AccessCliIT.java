package org.dovetail.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dovetail.cli.CommandRun.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dovetail.cli.CommandRun.Result;
import org.dovetail.testkit.DovetailTest;
import org.dovetail.testkit.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code dovetail access ...} in-process against the test database. Roles and accounts are
 * server-wide: the class is skipped if dj_* roles exist already, and drops what it made. The
 * first test sets up the roles the others use.
 */
@DovetailTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccessCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestDatabase db;
    private static String module;

    @BeforeAll
    static void setUp(TestDatabase database) throws SQLException {
        db = database;
        module = db.schemaPrefix().substring(0, db.schemaPrefix().length() - 1);
        try (var c = db.connect(); var s = c.createStatement(); var rs = s.executeQuery("SELECT COUNT(*) FROM mysql.user WHERE User LIKE 'dj\\_%'")) {
            rs.next();
            Assumptions.assumeTrue(rs.getLong(1) == 0, "the server already has dj_* roles: not touching them");
            s.execute("CREATE DATABASE `" + db.schema("shared") + "`");
        }
    }

    @AfterAll
    static void tearDown() throws SQLException {
        try (var c = db.connect(); Statement s = c.createStatement()) {
            List<String> drops = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT User FROM mysql.user WHERE Host = '%' AND User LIKE '" + module + "%'")) {
                while (rs.next()) {
                    drops.add("DROP USER '" + rs.getString(1) + "'@'%'");
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE '" + module + "%'")) {
                while (rs.next()) {
                    drops.add("DROP DATABASE `" + rs.getString(1) + "`");
                }
            }
            for (String role : List.of("dj_guest", "dj_collab", "dj_user", "dj_admin")) {
                drops.add("DROP ROLE IF EXISTS " + role);
            }
            for (String sql : drops) {
                s.execute(sql);
            }
        }
    }


    private static Result run(Map<String, String> env, String stdin, String... args) {
        return CommandRun.runWithInput(env, stdin, args);
    }

    private static Map<String, String> root() {
        return as(db.user(), db.password());
    }

    private static Map<String, String> as(String user, String password) {
        return CommandRun.env(db, user, password);
    }

    @Test
    @Order(1)
    void fromInitRolesToAUserWhoSetItsOwnPassword() throws Exception {
        Result planned = run(root(), "", "access", "init-roles", "--module", module, "--sql");
        assertThat(planned.code()).as(planned.err()).isZero();
        assertThat(planned.out()).startsWith("-- dovetail access init-roles\n")
                .contains("CREATE ROLE IF NOT EXISTS `dj_guest`;\n")
                .contains("GRANT ALL PRIVILEGES ON `" + module + "\\_%`.* TO `dj_user`;\n")
                .contains("GRANT ALL PRIVILEGES ON `%`.* TO `dj_admin`;\n");
        assertThat(run(root(), "", "access", "show", "--format", "json").json().get("roles")).isEmpty();

        Result init = run(root(), "", "access", "init-roles", "--module", module, "--yes", "--format", "json");
        assertThat(init.code()).as(init.err()).isZero();
        assertThat(init.json().get("succeeded").asBoolean()).isTrue();
        assertThat(run(root(), "", "access", "init-roles", "--module", module).out()).startsWith("init-roles: nothing to do");

        String user = module + "u";
        Result added = run(root(), "", "access", "add-user", user, "--role", "user", "--yes", "--format", "json");
        assertThat(added.code()).as(added.err()).isZero();
        String initial = added.json().get("password").asText();
        assertThat(initial).hasSize(20);
        assertThat(added.json().get("applied").toString()).contains("SET DEFAULT ROLE `dj_user` FOR '" + user + "'@'%'");

        Result expired = run(as(user, initial), "", "schemas");
        assertThat(expired.code()).isEqualTo(1);
        assertThat(expired.err()).contains("has expired").contains("dovetail access set-password");

        String chosen = "it's\\mine";
        Result changed = run(as(user, null), initial + "\n" + chosen + "\n", "--password-stdin", "access", "set-password", "--new-password-stdin");
        assertThat(changed.code()).as(changed.err() + changed.out()).isZero();
        assertThat(changed.out()).contains("SET PASSWORD = PASSWORD('<password>')").contains("verified: logged in again")
                .doesNotContain(chosen);

        Result mine = run(as(user, chosen), "", "access", "show", "--format", "json");
        assertThat(mine.code()).as(mine.err()).isZero();
        JsonNode role = mine.json().get("roles").get(0);
        assertThat(role.get("role").asText()).isEqualTo("dj_user");
        assertThat(role.get("active_at_login").asBoolean()).isTrue();
        assertThat(role.get("active_now").asBoolean()).isTrue();
        assertThat(mine.json().get("warnings")).isEmpty();

        Result shown = run(root(), "", "access", "show", user);
        assertThat(shown.out()).contains("account: " + user + "@%").contains("dj_user  default, active at login")
                .contains("`" + user + "\\_%`.*");
        assertThat(run(root(), "", "access", "show", user, "--format", "csv").out())
                .startsWith("via,on,privileges,active_at_login\n").contains("direct,`" + user + "\\_%`.*,ALL PRIVILEGES,true");

        Result again = run(root(), "", "access", "add-user", user, "--role", "user", "--yes");
        assertThat(again.code()).isZero();
        assertThat(again.out()).contains("its password is unchanged").doesNotContain("password: ");
        assertThat(run(as(user, chosen), "", "schemas").code()).isZero();
    }

    @Test
    void withoutYesACommandPrintsItsPlanChangesNothingAndExits3() throws Exception {
        String user = module + "n";
        String before = serverState();
        Result planned = run(root(), "", "access", "add-user", user, "--role", "collab");
        assertThat(planned.code()).as(planned.err()).isEqualTo(3);
        assertThat(planned.out()).startsWith("add-user " + user + " --role collab: 5 statements to apply\n")
                .contains("  to apply     CREATE USER '" + user + "'@'%' IDENTIFIED BY '<password>' PASSWORD EXPIRE\n")
                .doesNotContain("password: ");
        assertThat(planned.err()).isEqualTo("dovetail: nothing changed: run again with --yes to apply 5 statements\n");
        assertThat(serverState()).isEqualTo(before);

        Result dry = run(root(), "", "access", "add-user", user, "--role", "collab", "--dry-run", "--format", "json");
        assertThat(dry.code()).as(dry.err()).isZero();
        assertThat(dry.json().get("operation").asText()).isEqualTo("access");
        assertThat(dry.json().get("action").asText()).isEqualTo("add-user " + user + " --role collab");
        assertThat(dry.json().get("statements")).hasSize(5);
        assertThat(dry.json().has("password")).isFalse();
        assertThat(run(root(), "", "access", "add-user", user, "--role", "collab", "--dry-run", "--yes").code()).isEqualTo(2);
        assertThat(serverState()).isEqualTo(before);

        Result applied = run(root(), "", "access", "add-user", user, "--role", "collab", "--yes");
        assertThat(applied.code()).as(applied.err()).isZero();
        assertThat(applied.out()).startsWith("add-user " + user + " --role collab: 5 statements applied\n").contains("password: ");
        assertThat(serverState()).isNotEqualTo(before).contains(user + "@%");
        try (var c = db.connect(); var s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT action, outcome, account FROM `dovetail_admin`.`~dovetail_audit` ORDER BY id DESC LIMIT 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("add-user " + user + " --role collab");
            assertThat(rs.getString(2)).isEqualTo("OK");
            assertThat(rs.getString(3)).startsWith(db.user() + "@");
        }
        Result nothing = run(root(), "", "access", "add-module", module);
        assertThat(nothing.code()).as("a plan with nothing to do needs no --yes").isZero();
        assertThat(nothing.out()).isEqualTo("add-module " + module + ": nothing to do, everything is in place\n");
    }

    /** Accounts, role memberships and schema grants as the grant tables hold them. */
    private static String serverState() throws SQLException {
        StringBuilder state = new StringBuilder();
        try (var c = db.connect(); Statement s = c.createStatement()) {
            for (String sql : List.of("SELECT CONCAT(User, '@', Host) FROM mysql.user ORDER BY 1",
                    "SELECT CONCAT(User, '@', Host, ' ', Role) FROM mysql.roles_mapping ORDER BY 1",
                    "SELECT CONCAT(User, '@', Host, ' ', Db, ' ', Select_priv, Insert_priv, Create_priv) FROM mysql.db ORDER BY 1")) {
                try (ResultSet rs = s.executeQuery(sql)) {
                    while (rs.next()) {
                        state.append(rs.getString(1)).append('\n');
                    }
                }
            }
        }
        return state.toString();
    }

    @Test
    void sqlPrintsWithoutRunningAndRedactsPasswords() throws Exception {
        String user = module + "q";
        Result add = run(root(), "", "access", "add-user", user, "--role", "guest", "--sql");
        assertThat(add.code()).as(add.err()).isZero();
        assertThat(add.out()).contains("CREATE USER '" + user + "'@'%' IDENTIFIED BY '<password>' PASSWORD EXPIRE;")
                .contains("SET DEFAULT ROLE `dj_guest` FOR '" + user + "'@'%';").doesNotContain("password: ");
        assertThat(run(root(), "", "access", "show", user).err()).contains("There is no account '" + user + "'@'%'");

        Result module2 = run(root(), "", "access", "add-module", module + "m", "--sql");
        assertThat(module2.out()).contains("GRANT ALL PRIVILEGES ON `" + module + "m\\_%`.* TO `dj_user`;");
        Result check = run(root(), "", "access", "check", "--sql");
        assertThat(check.out()).contains("SELECT @@GLOBAL.max_allowed_packet;");
        Result show = run(root(), "", "access", "show", "--sql");
        assertThat(show.out()).contains("SHOW GRANTS FOR 'root'@");
    }

    @Test
    void checkReportsTheSettingsAsJson() throws Exception {
        Result check = run(root(), "", "access", "check", "--format", "json");
        assertThat(check.code()).as(check.err()).isIn(0, 1);
        List<String> names = new ArrayList<>();
        check.json().get("checks").forEach(c -> names.add(c.get("name").asText()));
        assertThat(names).contains("version", "activate_all_roles_on_login", "roles inactive at login", "max_allowed_packet",
                "tls", "charset", "grants reaching mysql");
        boolean warns = false;
        for (JsonNode c : check.json().get("checks")) {
            warns |= c.get("status").asText().equals("warn");
        }
        assertThat(check.code()).isEqualTo(warns ? 1 : 0);
    }

    @Test
    void badInputIsRefusedBeforeAnythingRuns() {
        assertThat(run(root(), "", "access", "add-user", "x").code()).isEqualTo(2);
        assertThat(run(root(), "", "access", "set-password", "--new-password", "secret").code()).isEqualTo(2);
        Result quote = run(root(), "", "access", "add-user", "o'brien", "--role", "user");
        assertThat(quote.code()).isEqualTo(1);
        assertThat(quote.err()).isEqualTo("dovetail: error: The user name \"o'brien\" contains ': quotes, backticks and"
                + " backslashes are not allowed [ACCESS_MANAGEMENT]\n");
        Result role = run(root(), "", "access", "add-user", "someone", "--role", "boss");
        assertThat(role.err()).contains("Unknown role \"boss\": use guest, collab, user, admin or backup");
        Result embedded = run(Map.of(), "", "access", "set-password", "--new-password-stdin");
        assertThat(embedded.code()).isEqualTo(2);
        assertThat(embedded.err()).contains("set-password changes the password of a configured account").endsWith(" [USAGE]\n");
        Result noLine = run(as(db.user(), db.password()), "", "access", "set-password", "--new-password-stdin");
        assertThat(noLine.err()).contains("--new-password-stdin: standard input has no line for it");
    }
}
