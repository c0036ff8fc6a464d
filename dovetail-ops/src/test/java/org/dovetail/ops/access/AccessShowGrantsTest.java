package org.dovetail.ops.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** SHOW GRANTS as MariaDB 10.11 and MySQL 8.0 print it. */
class AccessShowGrantsTest {
    @Test
    void mariaDbAccountWithRoleAndDefaultRole() {
        AccountGrants g = ShowGrants.parse(List.of(
                "GRANT `dj_user` TO `alice`@`%`",
                "GRANT USAGE ON *.* TO `alice`@`%` IDENTIFIED BY PASSWORD '*2B602296A79E0A8784ACC5C88D92E46588CCA3C3'",
                "GRANT ALL PRIVILEGES ON `alice\\_%`.* TO `alice`@`%`",
                "SET DEFAULT ROLE `dj_user` FOR `alice`@`%`"));
        assertThat(g.roles()).containsExactly("dj_user");
        assertThat(g.defaultRoles()).containsExactly("dj_user");
        assertThat(g.grants()).hasSize(1);
        Grant own = g.grants().get(0);
        assertThat(own.schema()).isEqualTo(SchemaPattern.forPrefix("alice"));
        assertThat(own.privileges().all()).isTrue();
        assertThat(own.isSchemaLevel()).isTrue();
    }

    @Test
    void mariaDbRole() {
        AccountGrants g = ShowGrants.parse(List.of(
                "GRANT USAGE ON *.* TO `dj_user`",
                "GRANT ALL PRIVILEGES ON `common\\_%`.* TO `dj_user`",
                "GRANT SELECT, INSERT, UPDATE, DELETE ON `lfp\\_%`.* TO `dj_user`",
                "GRANT SELECT ON `%`.* TO `dj_user`",
                "GRANT `dj_guest` TO `dj_user`"));
        assertThat(g.on(SchemaPattern.forPrefix("common")).orElseThrow().privileges()).isEqualTo(Privileges.ALL);
        Privileges lfp = g.on(SchemaPattern.forPrefix("lfp")).orElseThrow().privileges();
        assertThat(lfp.names()).containsExactly("SELECT", "INSERT", "UPDATE", "DELETE");
        assertThat(lfp.writes()).isTrue();
        assertThat(g.on(SchemaPattern.EVERYTHING).orElseThrow().privileges().writes()).isFalse();
        assertThat(g.roles()).containsExactly("dj_guest");
    }

    @Test
    void mysql8RolesHaveHostsAndDefaultRolesComeFromShowCreateUser() {
        AccountGrants g = ShowGrants.parse(List.of(
                "GRANT USAGE ON *.* TO `alice`@`%`",
                "GRANT ALL PRIVILEGES ON `alice\\_%`.* TO `alice`@`%`",
                "GRANT `dj_collab`@`%`,`dj_user`@`%` TO `alice`@`%`"));
        assertThat(g.roles()).containsExactly("dj_collab", "dj_user");
        assertThat(g.defaultRoles()).isEmpty();
        String createUser = "CREATE USER `alice`@`%` IDENTIFIED WITH 'caching_sha2_password' AS '$A$005$x' "
                + "DEFAULT ROLE `dj_user`@`%` REQUIRE NONE PASSWORD EXPIRE DEFAULT ACCOUNT UNLOCK";
        assertThat(ShowGrants.defaultRolesOfCreateUser(createUser)).containsExactly("dj_user");
        assertThat(ShowGrants.defaultRolesOfCreateUser("CREATE USER `bob`@`%` IDENTIFIED WITH 'x' REQUIRE NONE")).isEmpty();
    }

    @Test
    void globalTableColumnAndDynamicPrivileges() {
        AccountGrants g = ShowGrants.parse(List.of(
                "GRANT SELECT, RELOAD, PROCESS ON *.* TO `ops`@`%`",
                "GRANT BACKUP_ADMIN,CLONE_ADMIN ON *.* TO `ops`@`%`",
                "GRANT SELECT (`a`, `b`), INSERT ON `lab\\_x`.`t``1` TO `ops`@`%`",
                "GRANT EXECUTE ON PROCEDURE `lab`.`p` TO `ops`@`%`",
                "GRANT PROXY ON ''@'%' TO 'root'@'localhost' WITH GRANT OPTION",
                "GRANT SELECT ON `we``ird`.* TO `ops`@`%` WITH GRANT OPTION"));
        assertThat(g.grants()).hasSize(5); // the PROXY line is not a privilege grant
        assertThat(g.grants().get(0).isGlobal()).isTrue();
        assertThat(g.grants().get(1).privileges().names()).containsExactly("BACKUP_ADMIN", "CLONE_ADMIN");
        Grant table = g.grants().get(2);
        assertThat(table.table()).isEqualTo("t`1");
        assertThat(table.privileges().names()).containsExactly("SELECT (`a`, `b`)", "INSERT");
        assertThat(table.isSchemaLevel()).isFalse();
        assertThat(g.grants().get(3).on()).isEqualTo("PROCEDURE `lab`.`p`");
        assertThat(g.grants().get(4).schema().pattern()).isEqualTo("we`ird");
        assertThat(g.roles()).isEmpty();
    }
}
