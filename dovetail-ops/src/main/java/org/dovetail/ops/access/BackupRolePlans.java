package org.dovetail.ops.access;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Plans {@code add-user NAME --role backup}: the {@code dj_backup} role with exactly the global
 * privileges a backup needs (created or completed when missing), and one account per host the
 * administrator names, each holding the role by default, all with one random password that does
 * not expire (a scheduled job logs in with it).
 *
 * <p>What each privilege is for ({@code docs/guide-backup.md}, "The backup account"):
 * <ul>
 *   <li>{@code SELECT} on {@code *.*}: the rows of every schema, the routines' definitions, and
 *       {@code mysql.*} for the accounts file ({@code SHOW CREATE USER}, {@code SHOW GRANTS});</li>
 *   <li>{@code SHOW VIEW}, {@code TRIGGER}, {@code EVENT}: the definitions of views, triggers, events;</li>
 *   <li>{@code RELOAD}: the parallel snapshot, which blocks commits for a moment ({@code BACKUP STAGE}
 *       on MariaDB, {@code FLUSH TABLES WITH READ LOCK} on MySQL 8); {@code --threads 1} runs
 *       without it, in one transaction;</li>
 *   <li>{@code BACKUP_ADMIN} (MySQL 8): {@code LOCK INSTANCE FOR BACKUP}, which keeps DDL out
 *       during the run;</li>
 *   <li>{@code BINLOG MONITOR} (MariaDB 10.5.2+) or {@code REPLICATION CLIENT}: the binlog position
 *       of the snapshot, recorded in the manifest.</li>
 * </ul>
 * <ul>
 *   <li>{@code INSERT, UPDATE} on the audit log's schema: every run is recorded there.</li>
 * </ul>
 * No other write privilege, no {@code LOCK TABLES} (the snapshot is a transaction), no {@code PROCESS}
 * ({@code mysqldump} for {@code --format sql} runs with {@code --no-tablespaces}).
 */
final class BackupRolePlans {
    /** The host of a backup account when none is given: the backup runs on the database host. */
    static final String DEFAULT_HOST = "localhost";

    private BackupRolePlans() {}

    /** The privileges of {@code dj_backup} on this server. */
    static Privileges privileges(Dialect dialect) {
        Set<String> names = new LinkedHashSet<>(List.of("SELECT", "SHOW VIEW", "TRIGGER", "EVENT", "RELOAD"));
        if (dialect.version().isMariaDb()) {
            names.add(dialect.version().atLeast(10, 5, 2) ? "BINLOG MONITOR" : "REPLICATION CLIENT");
        } else {
            names.add("REPLICATION CLIENT");
            names.add("BACKUP_ADMIN");
        }
        return new Privileges(false, names);
    }

    /** What the audit log needs: each backup records its run ({@code Operation}), in a log that exists by then. */
    static final Privileges AUDIT = new Privileges(false, new LinkedHashSet<>(List.of("INSERT", "UPDATE")));

    static Plan addUser(ServerState state, String name, List<String> hosts, List<AccountName> existing, String auditSchema) {
        Dialect dialect = state.dialect();
        List<AccountName> accounts = accounts(dialect, name, hosts);
        List<SqlStatement> statements = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Privileges needed = privileges(dialect);
        Privileges held = state.grantsOf(Role.BACKUP).map(g -> g.grants().stream().filter(Grant::isGlobal)
                .map(Grant::privileges).reduce(new Privileges(false, Set.of()), Privileges::plus)).orElse(null);
        if (held == null) {
            statements.add(SqlStatement.of(dialect.createRole(Role.BACKUP)));
            held = new Privileges(false, Set.of());
        }
        Set<String> missing = new LinkedHashSet<>();
        for (String privilege : needed.names()) {
            if (!held.includes(privilege)) {
                missing.add(privilege);
            }
        }
        if (!missing.isEmpty()) {
            statements.add(SqlStatement.of(dialect.grantGlobal(new Privileges(false, missing), Role.BACKUP)));
        }
        SchemaPattern audit = SchemaPattern.exact(auditSchema);
        Privileges logged = state.grantOf(Role.BACKUP, audit).map(Grant::privileges).orElse(new Privileges(false, Set.of()));
        if (!logged.includes("INSERT") || !logged.includes("UPDATE")) {
            statements.add(SqlStatement.of(dialect.grant(AUDIT, audit, List.of(Role.BACKUP))));
        }
        List<String> extra = held.all() ? List.of("ALL PRIVILEGES")
                : held.names().stream().filter(p -> !needed.includes(p)).toList();
        if (!extra.isEmpty()) {
            notes.add("WARNING: dj_backup also has " + String.join(", ", extra) + ", which backups do not need"
                    + " (left as an administrator set it)");
        }
        String password = null;
        for (AccountName account : accounts) {
            if (existing.contains(account)) {
                notes.add("the account " + account + " exists: its password is unchanged (reset-password sets a new one)");
            } else {
                if (password == null) {
                    password = PasswordGenerator.generate();
                }
                statements.add(SqlStatement.withSecret(dialect.createUser(account, false), password));
            }
            statements.add(SqlStatement.of(dialect.grantRole(Role.BACKUP, account)));
            statements.add(SqlStatement.of(dialect.setDefaultRole(Role.BACKUP, account)));
        }
        if (password != null) {
            notes.add("the password does not expire (a scheduled job logs in with it): keep it in the backup job's"
                    + " configuration file, readable by that job's user only (mode 600)");
        }
        notes.add("dj_backup reads every schema, mysql.* included (password hashes, for the accounts file):"
                + " an account with it is as sensitive as the backups themselves");
        notes.add("without RELOAD (REVOKE RELOAD ON *.* FROM dj_backup) backups still run, with --threads 1 in one"
                + " snapshot transaction");
        String action = "add-user " + name + " --role backup" + hosts(accounts);
        return new Plan(action, statements, notes, password);
    }

    /** One account per host; {@code %} (any host) is refused: a backup account is bound to where backups run. */
    static List<AccountName> accounts(Dialect dialect, String name, List<String> hosts) {
        if (name.contains("@")) {
            throw new AccessManagementException("add-user takes the user name \"" + name + "\" without a host: give hosts with --from-host");
        }
        if (Role.byRoleName(name) != null) {
            throw new AccessManagementException("\"" + name + "\" is the name of a role; choose another user name");
        }
        List<String> given = hosts.isEmpty() ? List.of(DEFAULT_HOST) : hosts;
        List<AccountName> accounts = new ArrayList<>();
        for (String host : new LinkedHashSet<>(given)) {
            if (host.strip().equals("%") || host.isBlank()) {
                throw new AccessManagementException("A backup account is bound to the hosts backups run on: give them with --from-host"
                        + " (e.g. localhost, or the backup host's address), not \"" + host + "\" (any host)");
            }
            accounts.add(dialect.check(new AccountName(name, host.strip())));
        }
        return accounts;
    }

    private static String hosts(List<AccountName> accounts) {
        StringBuilder s = new StringBuilder();
        for (AccountName a : accounts) {
            s.append(" --from-host ").append(a.host());
        }
        return s.toString();
    }
}
