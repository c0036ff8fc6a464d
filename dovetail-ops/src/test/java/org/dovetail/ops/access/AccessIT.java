package org.dovetail.ops.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.dovetail.AccessException;
import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;
import org.dovetail.PasswordExpiredException;
import org.dovetail.config.Config;
import org.dovetail.connection.Connection;
import org.dovetail.ops.AuditLog;
import org.dovetail.testing.TestConfigs;
import org.dovetail.testkit.DovetailTest;
import org.dovetail.testkit.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The access model on the real server: init-roles, one add-user per role, and what each new
 * account can then do after logging in (and changing its expired password).
 *
 * <p>Roles and accounts are server-wide: the accounts are named after this class's schema prefix
 * and dropped afterwards; the class is skipped on a server whose dj_* roles already exist.
 */
@DovetailTest
class AccessIT {
    private static TestDatabase db;
    /** This class's shared module: its schema prefix without the underscore, so db.schema(..) names are module schemas. */
    private static String module;
    private static String shared;
    private static final Map<Role, String> USERS = new EnumMap<>(Role.class);
    private static final Map<Role, String> PASSWORDS = new EnumMap<>(Role.class);
    private static final Map<Role, ChangeReport> FIRST_PASSWORD_CHANGE = new EnumMap<>(Role.class);
    private static final List<String> EXTRA_ACCOUNTS = new ArrayList<>();
    /** Every one-time password an apply set, none of which may be written to the audit log. */
    private static final List<String> ONE_TIME_PASSWORDS = new ArrayList<>();

    @BeforeAll
    static void initRolesAndAddOneUserPerRole(TestDatabase database) {
        db = database;
        module = db.schemaPrefix().substring(0, db.schemaPrefix().length() - 1);
        shared = db.schema("shared");
        try (Connection root = Connection.open(admin())) {
            Assumptions.assumeTrue(root.queryValue("SELECT COUNT(*) FROM mysql.user WHERE User LIKE 'dj\\_%'", Long.class)
                    .orElse(0L) == 0, "the server already has dj_* roles: not touching them");
            root.execute("CREATE DATABASE `" + shared + "`");
            root.execute("CREATE TABLE `" + shared + "`.t (id INT PRIMARY KEY)");
            root.execute("INSERT INTO `" + shared + "`.t VALUES (1)");
            AccessManager access = AccessManager.on(root);
            ChangeReport init = access.apply(access.initRoles(List.of(module), false));
            assertThat(init.succeeded()).as(init.toText()).isTrue();
            for (Role role : Role.SPYGLASS) {
                String name = module + role.name().toLowerCase().charAt(0);
                USERS.put(role, name);
                ChangeReport added = access.apply(access.addUser(name, role, InitialPassword.RANDOM_EXPIRED));
                assertThat(added.succeeded()).as(added.toText()).isTrue();
                assertThat(added.password()).hasSize(20);
                ONE_TIME_PASSWORDS.add(added.password());
                root.execute("CREATE DATABASE `" + name + "_data`");
                root.execute("CREATE TABLE `" + name + "_data`.t (id INT PRIMARY KEY)");
                root.execute("INSERT INTO `" + name + "_data`.t VALUES (1)");
                assertThatThrownBy(() -> Connection.open(as(name, added.password()))).isInstanceOf(PasswordExpiredException.class);
                String chosen = "n'e\\w-" + role + "-\"pw`";
                FIRST_PASSWORD_CHANGE.put(role, PasswordChange.apply(as(name, added.password()), chosen));
                PASSWORDS.put(role, chosen);
            }
        }
    }

    @AfterAll
    static void dropAccountsRolesAndSchemas() {
        if (USERS.isEmpty()) {
            return;
        }
        try (Connection root = Connection.open(admin())) {
            for (String user : USERS.values()) {
                root.execute("DROP USER IF EXISTS '" + user + "'@'%'");
            }
            for (String user : EXTRA_ACCOUNTS) {
                root.execute("DROP USER IF EXISTS '" + user + "'@'%'");
            }
            for (Role role : Role.SPYGLASS) {
                root.execute("DROP ROLE IF EXISTS " + role.sql());
            }
            for (String schema : root.query("SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE ?",
                    r -> r.getString(1), module + "%")) {
                root.execute("DROP DATABASE `" + schema + "`");
            }
        }
    }

    private static Config admin() {
        return TestConfigs.of(db).build();
    }

    private static Config as(String user, String password) {
        return admin().toBuilder().user(user).password(password).build();
    }

    private static Connection login(Role role) {
        return Connection.open(as(USERS.get(role), PASSWORDS.get(role)));
    }

    private static String personal(Role role) {
        return "`" + USERS.get(role) + "_data`.t";
    }

    @Test
    void everyNewAccountChangedItsExpiredPasswordAndCanLogIn() {
        for (Role role : Role.SPYGLASS) {
            ChangeReport change = FIRST_PASSWORD_CHANGE.get(role);
            assertThat(change.succeeded()).as(change.toText()).isTrue();
            assertThat(change.applied()).extracting(SqlStatement::sql).containsExactly("SET PASSWORD = PASSWORD(?)");
            assertThat(change.notes()).singleElement().asString().startsWith("verified: logged in again");
            assertThat(change.toText()).doesNotContain(PASSWORDS.get(role));
        }
    }

    @Test
    void eachRoleIsActiveAtLoginWithoutSetRole() {
        for (Role role : Role.SPYGLASS) {
            try (Connection c = login(role)) {
                assertThat(c.queryValue("SELECT CURRENT_ROLE()", String.class)).contains(role.roleName());
            }
        }
    }

    @Test
    void guestReadsSharedAndPersonalSchemasButCannotWrite() {
        try (Connection c = login(Role.GUEST)) {
            assertThat(c.queryValue("SELECT COUNT(*) FROM `" + shared + "`.t", Long.class).orElse(0L)).isPositive();
            assertThat(c.queryValue("SELECT COUNT(*) FROM " + personal(Role.USER), Long.class).orElse(0L)).isPositive();
            assertThat(c.queryValue("SELECT COUNT(*) FROM " + personal(Role.GUEST), Long.class).orElse(0L)).isPositive();
            assertThatThrownBy(() -> c.execute("INSERT INTO `" + shared + "`.t VALUES (2)")).isInstanceOf(AccessException.class);
            assertThatThrownBy(() -> c.execute("INSERT INTO " + personal(Role.GUEST) + " VALUES (2)")).isInstanceOf(AccessException.class);
            assertThatThrownBy(() -> c.execute("CREATE DATABASE `" + USERS.get(Role.GUEST) + "_mine`")).isInstanceOf(AccessException.class);
        }
    }

    @Test
    void collabCreatesTablesInItsOwnPrefixOnly() {
        String own = USERS.get(Role.COLLAB) + "_work";
        try (Connection c = login(Role.COLLAB)) {
            c.execute("CREATE DATABASE `" + own + "`");
            c.execute("CREATE TABLE `" + own + "`.t (id INT PRIMARY KEY)");
            c.execute("INSERT INTO `" + own + "`.t VALUES (1)");
            assertThat(c.queryValue("SELECT COUNT(*) FROM `" + shared + "`.t", Long.class).orElse(0L)).isPositive();
            assertThat(c.queryValue("SELECT COUNT(*) FROM " + personal(Role.USER), Long.class).orElse(0L)).isPositive();
            assertThatThrownBy(() -> c.execute("CREATE TABLE `" + shared + "`.collab (id INT)")).isInstanceOf(AccessException.class);
            assertThatThrownBy(() -> c.execute("INSERT INTO `" + shared + "`.t VALUES (3)")).isInstanceOf(AccessException.class);
            assertThatThrownBy(() -> c.execute("CREATE TABLE `" + USERS.get(Role.USER) + "_data`.collab (id INT)"))
                    .isInstanceOf(AccessException.class);
        }
    }

    @Test
    void userWritesSharedModulesAndItsOwnPrefixAndOnlyReadsOthers() {
        try (Connection c = login(Role.USER)) {
            c.execute("CREATE TABLE `" + shared + "`.by_user (id INT PRIMARY KEY)");
            c.execute("INSERT INTO `" + shared + "`.by_user VALUES (1)");
            c.execute("CREATE DATABASE `" + db.schema("made_by_user") + "`");
            c.execute("INSERT INTO " + personal(Role.USER) + " VALUES (2)");
            c.execute("CREATE TABLE `" + USERS.get(Role.USER) + "_data`.more (id INT)");
            assertThat(c.queryValue("SELECT COUNT(*) FROM " + personal(Role.COLLAB), Long.class).orElse(0L)).isPositive();
            assertThatThrownBy(() -> c.execute("INSERT INTO " + personal(Role.COLLAB) + " VALUES (5)")).isInstanceOf(AccessException.class);
            assertThatThrownBy(() -> c.execute("DROP TABLE " + personal(Role.ADMIN))).isInstanceOf(AccessException.class);
        }
    }

    @Test
    void adminDoesEverything() {
        try (Connection c = login(Role.ADMIN)) {
            c.execute("INSERT INTO " + personal(Role.GUEST) + " VALUES (9)");
            c.execute("DELETE FROM " + personal(Role.GUEST) + " WHERE id = 9");
            c.execute("CREATE DATABASE `" + module + "zz_admin`");
            c.execute("CREATE TABLE `" + module + "zz_admin`.t (id INT)");
            c.execute("DROP DATABASE `" + module + "zz_admin`");
            assertThat(c.queryValue("SELECT COUNT(*) FROM mysql.user", Long.class).orElse(0L)).isPositive();
        }
    }

    @Test
    void nobodyButAdminReadsMysqlUser() {
        for (Role role : List.of(Role.GUEST, Role.COLLAB, Role.USER)) {
            try (Connection c = login(role)) {
                assertThatThrownBy(() -> c.query("SELECT * FROM mysql.user", r -> 1)).as(role.toString()).isInstanceOf(AccessException.class);
                assertThatThrownBy(() -> c.query("SELECT * FROM mysql.global_priv", r -> 1)).isInstanceOf(AccessException.class);
                assertThat(c.query("SHOW DATABASES", r -> r.getString(1))).doesNotContain("mysql");
            }
        }
    }

    @Test
    void setPasswordAlsoWorksOnAnOrdinarySession() {
        String next = "second\\'pass";
        ChangeReport change = PasswordChange.apply(as(USERS.get(Role.COLLAB), PASSWORDS.get(Role.COLLAB)), next);
        assertThat(change.succeeded()).as(change.toText()).isTrue();
        PASSWORDS.put(Role.COLLAB, next);
        try (Connection c = login(Role.COLLAB)) {
            assertThat(c.queryValue("SELECT CURRENT_USER()", String.class)).contains(USERS.get(Role.COLLAB) + "@%");
        }
    }

    @Test
    void initRolesAgainHasNothingToDo() {
        try (Connection root = Connection.open(admin())) {
            AccessManager access = AccessManager.on(root);
            assertThat(access.apply(access.initRoles(List.of(module), false)).succeeded()).isTrue(); // prefixes other tests made
            Plan again = AccessManager.on(root).initRoles(List.of(module), false);
            assertThat(again.statements()).isEmpty();
            assertThat(again.script()).contains("-- nothing to do");
        }
    }

    @Test
    void anExistingAccountKeepsItsPassword() {
        try (Connection root = Connection.open(admin())) {
            AccessManager access = AccessManager.on(root);
            ChangeReport again = access.apply(access.addUser(USERS.get(Role.GUEST), Role.GUEST, InitialPassword.RANDOM_EXPIRED));
            assertThat(again.succeeded()).isTrue();
            assertThat(again.password()).isNull();
            assertThat(again.applied()).noneMatch(s -> s.sql().startsWith("CREATE USER"));
            assertThat(again.toText()).contains("its password is unchanged");
        }
        try (Connection c = login(Role.GUEST)) {
            assertThat(c.queryValue("SELECT CURRENT_ROLE()", String.class)).contains("dj_guest");
        }
    }

    @Test
    void showGivesRolesDefaultRolesAndEffectivePrivilegesPerPrefix() {
        try (Connection root = Connection.open(admin())) {
            PrivilegeReport report = AccessManager.on(root).show(USERS.get(Role.USER));
            assertThat(report.roles()).containsExactly(new PrivilegeReport.RoleStatus("dj_user", true, true, null));
            assertThat(report.warnings()).isEmpty();
            assertThat(report.effective()).anySatisfy(p -> {
                assertThat(p.prefix()).isEqualTo(module);
                assertThat(p.privileges()).isEqualTo("ALL PRIVILEGES");
                assertThat(p.via()).isEqualTo("dj_user");
            });
            assertThat(report.effective()).anySatisfy(p -> {
                assertThat(p.prefix()).isEqualTo(USERS.get(Role.COLLAB));
                assertThat(p.privileges()).isEqualTo("SELECT");
            });
            assertThat(report.effective()).noneMatch(p -> p.prefix().equals("mysql"));
            assertThat(report.toText()).contains("dj_user  default, active at login");
            assertThat(report.toJson().get("roles").get(0).get("default").asBoolean()).isTrue();
        }
        try (Connection self = login(Role.GUEST)) {
            PrivilegeReport mine = AccessManager.on(self).show();
            assertThat(mine.account().user()).isEqualTo(USERS.get(Role.GUEST));
            assertThat(mine.roles()).containsExactly(new PrivilegeReport.RoleStatus("dj_guest", true, true, true));
            assertThat(mine.effective()).allMatch(p -> p.privileges().equals("SELECT"));
        }
    }

    @Test
    void showAndCheckWarnAboutASpyglassStyleAccount() {
        String legacy = module + "s";
        EXTRA_ACCOUNTS.add(legacy);
        try (Connection root = Connection.open(admin())) {
            root.execute("CREATE USER '" + legacy + "'@'%' IDENTIFIED BY 'temppass'");
            root.execute("GRANT dj_user TO '" + legacy + "'@'%'");
            root.execute("GRANT SELECT ON `%`.* TO '" + legacy + "'@'%'");
            root.execute("GRANT ALL PRIVILEGES ON `" + legacy + "\\_%`.* TO '" + legacy + "'@'%'");
            AccessManager access = AccessManager.on(root);
            PrivilegeReport report = access.show(legacy);
            assertThat(report.roles()).containsExactly(new PrivilegeReport.RoleStatus("dj_user", false, false, null));
            assertThat(report.warnings()).anyMatch(w -> w.startsWith("the role dj_user is granted but not active at login"));
            assertThat(report.warnings()).anyMatch(w -> w.contains("has SELECT on `%`.*, which reaches the system schema mysql"));
            assertThat(report.warnings()).anyMatch(w -> w.contains("overlap: for a schema both match only the more specific `"
                    + legacy + "\\_%`.* applies"));
            assertThat(report.effective()).anyMatch(p -> p.prefix().equals("mysql") && p.privileges().equals("SELECT"));

            CheckReport check = access.check();
            assertThat(check.withStatus(CheckReport.Status.WARN)).anySatisfy(i -> {
                assertThat(i.name()).isEqualTo("grants reaching mysql");
                assertThat(i.value()).contains(legacy + "@% on `%`");
            });
            assertThat(check.withStatus(CheckReport.Status.WARN)).anySatisfy(i -> {
                assertThat(i.name()).isEqualTo("roles inactive at login");
                assertThat(i.value()).contains(legacy + "@%: dj_user");
            });
            assertThat(check.items()).anySatisfy(i -> assertThat(i.value()).contains("dj_admin on `%`"));
            assertThat(check.items()).extracting(CheckReport.Item::name)
                    .contains("version", "activate_all_roles_on_login", "max_allowed_packet", "tls", "charset");
            assertThat(access.queries()).contains("SELECT @@GLOBAL.max_allowed_packet");
        }
    }

    @Test
    void applyStopsAtTheFirstFailureAndSaysWhatWasNotApplied() {
        try (Connection root = Connection.open(admin())) {
            Plan plan = new Plan("test", List.of(
                    SqlStatement.of("GRANT SELECT ON `" + module + "q\\_%`.* TO `dj_guest`"),
                    SqlStatement.of("GRANT SELECT ON `" + module + "q\\_%`.* TO `" + module + "_no_such_role`"),
                    SqlStatement.of("GRANT SELECT ON `" + module + "q\\_%`.* TO `dj_collab`")), List.of(), null);
            ChangeReport report = AccessManager.on(root).apply(plan);
            assertThat(report.succeeded()).isFalse();
            assertThat(report.applied()).hasSize(1);
            assertThat(report.failed()).isEqualTo(plan.statements().get(1));
            assertThat(report.error()).isNotBlank();
            assertThat(report.notApplied()).containsExactly(plan.statements().get(2));
            assertThat(report.toText()).contains("FAILED after 1 of 3 statements").contains("not applied  GRANT SELECT");
            assertThat(report.toJson().get("not_applied")).hasSize(1);
            assertThat(root.queryValue("SELECT COUNT(*) FROM mysql.user WHERE User = ?", Long.class, module + "_no_such_role"))
                    .as("GRANT must not create an account").contains(0L);
        }
    }

    @Test
    void addModuleLetsUsersWriteANewPrefixAndEveryoneReadIt() {
        String newModule = module + "m";
        String schema = newModule + "_x";
        try (Connection root = Connection.open(admin())) {
            root.execute("CREATE DATABASE `" + schema + "`");
            root.execute("CREATE TABLE `" + schema + "`.t (id INT)");
            AccessManager access = AccessManager.on(root);
            ChangeReport added = access.apply(access.addModule(newModule));
            assertThat(added.applied()).extracting(SqlStatement::sql).containsExactly(
                    "GRANT SELECT ON `" + newModule + "\\_%`.* TO `dj_guest`, `dj_collab`",
                    "GRANT ALL PRIVILEGES ON `" + newModule + "\\_%`.* TO `dj_user`");
        }
        try (Connection user = login(Role.USER); Connection guest = login(Role.GUEST)) {
            user.execute("INSERT INTO `" + schema + "`.t VALUES (1)");
            assertThat(guest.queryValue("SELECT COUNT(*) FROM `" + schema + "`.t", Long.class).orElse(0L)).isPositive();
        }
    }

    @Test
    void underscoresInUserNamesAreLiteralInTheirPrefix() {
        String name = module + "e_x";
        EXTRA_ACCOUNTS.add(name);
        String password;
        try (Connection root = Connection.open(admin())) {
            AccessManager access = AccessManager.on(root);
            ChangeReport added = access.apply(access.addUser(name, Role.COLLAB, InitialPassword.RANDOM));
            assertThat(added.applied()).extracting(SqlStatement::sql)
                    .contains("GRANT ALL PRIVILEGES ON `" + module + "e\\_x\\_%`.* TO '" + name + "'@'%'");
            password = added.password();
        }
        try (Connection c = Connection.open(as(name, password))) {
            c.execute("CREATE DATABASE `" + name + "_mine`");
            assertThatThrownBy(() -> c.execute("CREATE DATABASE `" + module + "eYx_mine`")).isInstanceOf(AccessException.class);
        }
    }

    @Test
    void planningRunsNothingAndHidesThePassword() {
        String name = module + "p";
        try (Connection root = Connection.open(admin())) {
            AccessManager access = AccessManager.on(root);
            Plan plan = access.addUser(name, Role.USER, InitialPassword.RANDOM_EXPIRED);
            assertThat(plan.script()).contains("CREATE USER '" + name + "'@'%' IDENTIFIED BY '<password>' PASSWORD EXPIRE;")
                    .doesNotContain(plan.password());
            assertThat(root.queryValue("SELECT COUNT(*) FROM mysql.user WHERE User = ?", Long.class, name)).contains(0L);
            assertThatThrownBy(() -> access.addUser("o'brien", Role.USER, InitialPassword.RANDOM))
                    .isInstanceOf(AccessManagementException.class).hasMessageContaining("\"o'brien\" contains '");
            assertThatThrownBy(() -> access.addUser(name + "@localhost", Role.USER, InitialPassword.RANDOM))
                    .hasMessageContaining("without a host");
            assertThatThrownBy(() -> access.resetPassword(name, InitialPassword.RANDOM))
                    .hasMessage("There is no account '" + name + "'@'%' on this server");
        }
    }

    @Test
    void resetPasswordExpiresTheNewPassword() {
        String name = USERS.get(Role.ADMIN);
        try (Connection root = Connection.open(admin())) {
            AccessManager access = AccessManager.on(root);
            ChangeReport reset = access.apply(access.resetPassword(name, InitialPassword.RANDOM_EXPIRED));
            assertThat(reset.succeeded()).isTrue();
            ONE_TIME_PASSWORDS.add(reset.password());
            assertThatThrownBy(() -> Connection.open(as(name, reset.password()))).isInstanceOf(PasswordExpiredException.class);
            assertThat(PasswordChange.apply(as(name, reset.password()), PASSWORDS.get(Role.ADMIN)).succeeded()).isTrue();
        }
        try (Connection c = login(Role.ADMIN)) {
            assertThat(c.queryValue("SELECT CURRENT_ROLE()", String.class)).contains("dj_admin");
        }
    }

    @Test
    void aPlanMadeBeforeTheRolesChangedIsRefusedAndNothingRuns() {
        String newModule = module + "st";
        try (Connection root = Connection.open(admin())) {
            AccessManager access = AccessManager.on(root);
            Plan plan = access.addModule(newModule);
            assertThat(plan.header().fingerprint()).hasSize(64);
            root.execute("GRANT SELECT ON `" + module + "zz\\_%`.* TO `dj_guest`"); // behind the plan's back
            String before = grantsOf(root, "dj_user");
            assertThatThrownBy(() -> access.apply(plan)).hasMessageContaining("is stale")
                    .extracting(e -> ((DovetailException) e).code()).isEqualTo(ErrorCode.STALE_PLAN);
            assertThat(grantsOf(root, "dj_user")).isEqualTo(before).doesNotContain(newModule);

            ChangeReport applied = access.apply(access.addModule(newModule));
            assertThat(applied.succeeded()).isTrue();
            assertThat(grantsOf(root, "dj_user")).contains(newModule);
            AuditLog.Entry entry = AuditLog.on(root).history(1).get(0);
            assertThat(entry.operation()).isEqualTo("access");
            assertThat(entry.scope()).isEqualTo("server");
            assertThat(entry.action()).isEqualTo("add-module " + newModule);
            assertThat(entry.outcome()).isEqualTo("OK");
            assertThat(entry.plan().get("statements")).hasSize(2);
            assertThat(entry.report().get("applied")).hasSize(2);
        }
    }

    @Test
    void theAuditLogRecordsEveryAccessApplyButNoPassword() {
        try (Connection root = Connection.open(admin())) {
            List<AuditLog.Entry> access = AuditLog.on(root).history(1000).stream().filter(e -> e.operation().equals("access")).toList();
            assertThat(access).extracting(AuditLog.Entry::action).contains("init-roles", "add-user " + USERS.get(Role.USER) + " --role user");
            List<AuditLog.Entry> created = access.stream().filter(e -> e.report().get("applied").toString().contains("CREATE USER")).toList();
            assertThat(created).hasSizeGreaterThanOrEqualTo(Role.SPYGLASS.size()).allSatisfy(e -> {
                assertThat(e.report().has("password")).isFalse();
                assertThat(e.report().get("applied").toString()).contains("IDENTIFIED BY '<password>'");
            });
            assertThat(ONE_TIME_PASSWORDS).isNotEmpty();
            for (AuditLog.Entry e : access) {
                for (String password : ONE_TIME_PASSWORDS) {
                    assertThat(e.plan().toString() + e.report()).doesNotContain(password);
                }
            }
            assertThat(AccessManager.on(root).initRoles(List.of(module), false).script()).as("init-roles does not grant the audit log's schema")
                    .doesNotContain(AuditLog.schemaOf(root.config()).split("_")[0] + "\\_%");
        }
    }

    private static String grantsOf(Connection root, String role) {
        return String.join("\n", root.query("SHOW GRANTS FOR " + role, r -> r.getString(1)));
    }
}
