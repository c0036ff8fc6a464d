package org.dovetail.ops.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dovetail.connection.ServerVersion;
import org.junit.jupiter.api.Test;

/** The privileges of dj_backup per server, and the plan's SQL on MySQL 8 (the IT covers MariaDB). */
class BackupRolePlansTest {
    private static final Dialect MYSQL = Dialect.of(ServerVersion.parse("8.0.36", null));

    @Test
    void privilegesFollowTheSnapshotMethodOfEachServer() {
        assertThat(BackupRolePlans.privileges(Dialect.of(ServerVersion.parse("10.11.5-MariaDB", null))))
                .hasToString("SELECT, SHOW VIEW, TRIGGER, EVENT, RELOAD, BINLOG MONITOR");
        assertThat(BackupRolePlans.privileges(Dialect.of(ServerVersion.parse("10.4.31-MariaDB", null))))
                .hasToString("SELECT, SHOW VIEW, TRIGGER, EVENT, RELOAD, REPLICATION CLIENT");
        assertThat(BackupRolePlans.privileges(MYSQL))
                .hasToString("SELECT, SHOW VIEW, TRIGGER, EVENT, RELOAD, REPLICATION CLIENT, BACKUP_ADMIN");
    }

    @Test
    void onMySqlTheRoleGetsWhatItLacksAndTheAccountsTheirDefaultRole() {
        AccountGrants partial = new AccountGrants(List.of(new Grant(Privileges.parse("SELECT, RELOAD, PROCESS"), "*.*", null, null)),
                List.of(), List.of());
        ServerState state = new ServerState(MYSQL, List.of(), Map.of(Role.BACKUP, partial), Set.of());
        Plan plan = BackupRolePlans.addUser(state, "bk", List.of("10.0.0.5"), List.of(), "dovetail_admin");
        assertThat(plan.statements()).extracting(SqlStatement::sql).containsExactly(
                "GRANT SHOW VIEW, TRIGGER, EVENT, REPLICATION CLIENT, BACKUP_ADMIN ON *.* TO `dj_backup`",
                "GRANT INSERT, UPDATE ON `dovetail\\_admin`.* TO `dj_backup`",
                "CREATE USER 'bk'@'10.0.0.5' IDENTIFIED BY ?",
                "GRANT `dj_backup` TO 'bk'@'10.0.0.5'",
                "SET DEFAULT ROLE `dj_backup` TO 'bk'@'10.0.0.5'");
        assertThat(plan.notes()).anySatisfy(n -> assertThat(n).startsWith("WARNING: dj_backup also has PROCESS"));
        assertThat(plan.action()).isEqualTo("add-user bk --role backup --from-host 10.0.0.5");
        assertThat(plan.password()).hasSize(20);
    }
}
