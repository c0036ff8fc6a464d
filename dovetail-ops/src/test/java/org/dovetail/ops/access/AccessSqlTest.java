package org.dovetail.ops.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dovetail.connection.ServerVersion;
import org.junit.jupiter.api.Test;

/**
 * The SQL of every command for MySQL 8.0 (which this machine cannot run) and MariaDB, from
 * server states built by hand.
 */
class AccessSqlTest {
    private static final Dialect MYSQL = Dialect.of(ServerVersion.parse("8.0.34-0ubuntu0.22.04.1", null));
    private static final Dialect MARIADB = Dialect.of(ServerVersion.parse("10.11.5-MariaDB", null));

    private static AccountGrants grants(String... lines) {
        return ShowGrants.parse(List.of(lines));
    }

    /** A server on which init-roles has run for the module {@code common}. */
    private static ServerState initialised(Dialect dialect) {
        return new ServerState(dialect, List.of("common_session", "mysql"), Map.of(
                Role.GUEST, grants("GRANT SELECT ON `common\\_%`.* TO `dj_guest`"),
                Role.COLLAB, grants("GRANT SELECT ON `common\\_%`.* TO `dj_collab`"),
                Role.USER, grants("GRANT ALL PRIVILEGES ON `common\\_%`.* TO `dj_user`"),
                Role.ADMIN, grants("GRANT ALL PRIVILEGES ON `%`.* TO `dj_admin`")), Set.of());
    }

    private static List<String> sql(Plan plan) {
        return plan.statements().stream().map(SqlStatement::display).toList();
    }

    @Test
    void mysql8AddUserSetsTheDefaultRoleWithTo() {
        Plan plan = UserPlans.addUser(initialised(MYSQL), AccountName.parse("alice"), Role.USER, InitialPassword.RANDOM_EXPIRED, false);
        assertThat(sql(plan)).containsExactly(
                "CREATE USER 'alice'@'%' IDENTIFIED BY '<password>' PASSWORD EXPIRE",
                "GRANT `dj_user` TO 'alice'@'%'",
                "SET DEFAULT ROLE `dj_user` TO 'alice'@'%'",
                "GRANT ALL PRIVILEGES ON `alice\\_%`.* TO 'alice'@'%'",
                "GRANT SELECT ON `alice\\_%`.* TO `dj_guest`, `dj_collab`, `dj_user`");
        assertThat(plan.statements().get(0).sql()).isEqualTo("CREATE USER 'alice'@'%' IDENTIFIED BY ? PASSWORD EXPIRE");
        assertThat(plan.statements().get(0).parameters()).containsExactly(plan.password());
        assertThat(plan.script()).doesNotContain(plan.password());
    }

    @Test
    void mariaDbAddUserSetsTheDefaultRoleWithFor() {
        Plan plan = UserPlans.addUser(initialised(MARIADB), AccountName.parse("bob"), Role.GUEST, InitialPassword.RANDOM_EXPIRED, false);
        assertThat(sql(plan)).containsExactly(
                "CREATE USER 'bob'@'%' IDENTIFIED BY '<password>' PASSWORD EXPIRE",
                "GRANT `dj_guest` TO 'bob'@'%'",
                "SET DEFAULT ROLE `dj_guest` FOR 'bob'@'%'",
                "GRANT SELECT ON `bob\\_%`.* TO `dj_guest`, `dj_collab`, `dj_user`");
    }

    @Test
    void anExistingAccountKeepsItsPasswordAndTemppassIsOnlyOnRequest() {
        Plan existing = UserPlans.addUser(initialised(MYSQL), AccountName.parse("carol"), Role.COLLAB, InitialPassword.RANDOM_EXPIRED, true);
        assertThat(sql(existing)).first().isEqualTo("GRANT `dj_collab` TO 'carol'@'%'");
        assertThat(existing.password()).isNull();
        assertThat(existing.notes()).anyMatch(n -> n.contains("password is unchanged"));

        Plan spyglass = UserPlans.addUser(initialised(MYSQL), AccountName.parse("dave"), Role.USER, InitialPassword.SPYGLASS_TEMPPASS, false);
        assertThat(spyglass.statements().get(0).sql()).isEqualTo("CREATE USER 'dave'@'%' IDENTIFIED BY ?");
        assertThat(spyglass.password()).isEqualTo("temppass");
        assertThat(spyglass.notes()).anyMatch(n -> n.startsWith("WARNING") && n.contains("temppass"));
    }

    @Test
    void aPrefixInsideASharedModuleIsNotGrantedAgain() {
        Plan plan = UserPlans.addUser(initialised(MYSQL), AccountName.parse("common_x"), Role.USER, InitialPassword.RANDOM, false);
        assertThat(sql(plan)).noneMatch(s -> s.contains("dj_guest"));
    }

    @Test
    void passwordsAndResets() {
        assertThat(MYSQL.setOwnPassword()).isEqualTo("ALTER USER USER() IDENTIFIED BY ?");
        assertThat(MARIADB.setOwnPassword()).isEqualTo("SET PASSWORD = PASSWORD(?)");
        Plan reset = UserPlans.resetPassword(MYSQL, AccountName.parse("alice"), InitialPassword.RANDOM_EXPIRED, true);
        assertThat(sql(reset)).containsExactly("ALTER USER 'alice'@'%' IDENTIFIED BY '<password>' PASSWORD EXPIRE");
        assertThatThrownBy(() -> UserPlans.resetPassword(MYSQL, AccountName.parse("nobody"), InitialPassword.RANDOM, false))
                .hasMessage("There is no account 'nobody'@'%' on this server");
        Plan own = UserPlans.setOwnPassword(MYSQL, "alice", "n'e\\w");
        assertThat(own.script()).contains("ALTER USER USER() IDENTIFIED BY '<password>';").doesNotContain("n'e");
        assertThatThrownBy(() -> UserPlans.setOwnPassword(MYSQL, "alice", "a\nb")).hasMessageContaining("control character");
    }

    @Test
    void initRolesOnAnEmptyMysql8ServerGrantsByPrefixNotPercent() {
        ServerState empty = new ServerState(MYSQL, List.of("common_session", "alice_scratch", "scratch", "performance_schema",
                "performance_lab", "mysql", "sys", "information_schema"), Map.of(), Set.of("bob"));
        Plan plan = RolePlans.initRoles(empty, List.of("common"), false);
        assertThat(sql(plan)).containsExactly(
                "CREATE ROLE IF NOT EXISTS `dj_guest`",
                "CREATE ROLE IF NOT EXISTS `dj_collab`",
                "CREATE ROLE IF NOT EXISTS `dj_user`",
                "CREATE ROLE IF NOT EXISTS `dj_admin`",
                "GRANT SELECT ON `common\\_%`.* TO `dj_guest`, `dj_collab`",
                "GRANT ALL PRIVILEGES ON `common\\_%`.* TO `dj_user`",
                "GRANT SELECT ON `alice\\_%`.* TO `dj_guest`, `dj_collab`, `dj_user`",
                "GRANT SELECT ON `scratch`.* TO `dj_guest`, `dj_collab`, `dj_user`",
                "GRANT SELECT ON `performance\\_lab`.* TO `dj_guest`, `dj_collab`, `dj_user`",
                "GRANT SELECT ON `bob\\_%`.* TO `dj_guest`, `dj_collab`, `dj_user`",
                "GRANT ALL PRIVILEGES ON `%`.* TO `dj_admin`");
        assertThat(plan.notes()).anyMatch(n -> n.contains("performance\\_% would match the system schema performance_schema"));
    }

    @Test
    void initRolesIsIdempotentAndKeepsAnAdministratorsNarrowerModuleGrant() {
        ServerState spyglass = new ServerState(MARIADB, List.of("common_session", "lfp_v1"), Map.of(
                Role.GUEST, grants("GRANT SELECT ON `%`.* TO `dj_guest`"),
                Role.COLLAB, grants("GRANT SELECT ON `%`.* TO `dj_collab`"),
                Role.USER, grants("GRANT SELECT ON `%`.* TO `dj_user`",
                        "GRANT SELECT, INSERT, UPDATE, DELETE ON `common\\_%`.* TO `dj_user`",
                        "GRANT ALL PRIVILEGES ON `lfp\\_%`.* TO `dj_user`"),
                Role.ADMIN, grants("GRANT ALL PRIVILEGES ON `%`.* TO `dj_admin`")), Set.of());
        Plan plan = RolePlans.initRoles(spyglass, List.of("common"), true);
        assertThat(sql(plan)).containsExactly(
                "GRANT SELECT ON `common\\_%`.* TO `dj_guest`, `dj_collab`",
                "GRANT SELECT ON `lfp\\_%`.* TO `dj_guest`, `dj_collab`",
                "REVOKE ALL PRIVILEGES ON `%`.* FROM `dj_guest`",
                "REVOKE ALL PRIVILEGES ON `%`.* FROM `dj_collab`",
                "REVOKE ALL PRIVILEGES ON `%`.* FROM `dj_user`");
        assertThat(plan.notes()).anyMatch(n -> n.startsWith("dj_user keeps SELECT, INSERT, UPDATE, DELETE on `common\\_%`.*"));

        Plan keep = RolePlans.initRoles(spyglass, List.of("common"), false);
        assertThat(sql(keep)).noneMatch(s -> s.startsWith("REVOKE"));
        assertThat(keep.notes()).anyMatch(n -> n.startsWith("WARNING: dj_guest has SELECT on `%`"));

        ServerState done = new ServerState(MARIADB, List.of("common_session"), initialised(MARIADB).roles(), Set.of());
        assertThat(RolePlans.initRoles(done, List.of("common"), false).isEmpty()).isTrue();
    }

    @Test
    void modulesAndUsersMustNotReachSystemSchemasAndRolesMustExist() {
        assertThatThrownBy(() -> RolePlans.addModule(initialised(MYSQL), "performance"))
                .hasMessageContaining("matches the system schema performance_schema");
        assertThatThrownBy(() -> UserPlans.addUser(initialised(MYSQL), AccountName.parse("information"), Role.USER,
                InitialPassword.RANDOM, false)).hasMessageContaining("information_schema");
        assertThatThrownBy(() -> UserPlans.addUser(initialised(MYSQL), AccountName.parse("dj_user"), Role.USER,
                InitialPassword.RANDOM, false)).hasMessageContaining("is the name of a role");
        ServerState noRoles = new ServerState(MYSQL, List.of(), Map.of(), Set.of());
        assertThatThrownBy(() -> UserPlans.addUser(noRoles, AccountName.parse("eve"), Role.USER, InitialPassword.RANDOM, false))
                .hasMessage("The role dj_guest does not exist on this server: run `dovetail access init-roles` first");
        assertThat(sql(RolePlans.addModule(initialised(MYSQL), "ephys"))).containsExactly(
                "GRANT SELECT ON `ephys\\_%`.* TO `dj_guest`, `dj_collab`",
                "GRANT ALL PRIVILEGES ON `ephys\\_%`.* TO `dj_user`");
    }

    @Test
    void serversWithoutRolesAreRefused() {
        assertThatThrownBy(() -> Dialect.of(ServerVersion.parse("5.7.44-log", null)))
                .hasMessage("Access management needs roles: roles need MySQL 8.0 or MariaDB 10.1.3+ (this server is MySQL 5.7.44)");
        assertThatThrownBy(() -> Dialect.of(ServerVersion.parse("10.0.38-MariaDB", null))).hasMessageContaining("MariaDB 10.0.38");
        assertThat(Dialect.of(ServerVersion.parse("10.3.39-MariaDB", null)).supportsPasswordExpire()).isFalse();
        assertThat(Dialect.of(ServerVersion.parse("10.3.39-MariaDB", null)).createUser(AccountName.parse("a"), true))
                .isEqualTo("CREATE USER 'a'@'%' IDENTIFIED BY ?");
    }
}
