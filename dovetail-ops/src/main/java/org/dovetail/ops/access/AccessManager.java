package org.dovetail.ops.access;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.dovetail.DovetailException;
import org.dovetail.config.Config;
import org.dovetail.connection.Connection;
import org.dovetail.ops.AuditLog;
import org.dovetail.ops.Operation;

/**
 * The front door of access management: roles by schema prefix, accounts, passwords and effective
 * privileges, the Spyglass model done safely on MariaDB and MySQL 8. Commands that change
 * something return a {@link Plan} first and change nothing; {@link #apply(Plan)} runs it statement
 * by statement, stops at the first failure and reports what ran and what did not. Applies go
 * through {@link Operation}: one at a time on the server (the {@code dovetail.access.server}
 * lock), refused when the accounts, roles or schemas changed since the plan was made, and
 * recorded in the audit log.
 *
 * <pre>{@code
 * try (Dovetail dj = Dovetail.connect(adminConfig)) {
 *     AccessManager access = AccessManager.on(dj.connection());
 *     access.apply(access.initRoles(AccessManager.sharedModules(adminConfig), false));
 *     ChangeReport added = access.apply(access.addUser("alice", Role.USER, InitialPassword.RANDOM_EXPIRED));
 *     System.out.println(added.password());                // shown once; alice must change it
 *     System.out.print(access.show("alice").toText());
 * }
 * }</pre>
 *
 * <p>Changing one's own password is {@link PasswordChange}, which also works when the password
 * has expired and no ordinary connection can be opened.
 */
public final class AccessManager {
    /** Spyglass's shared modules ({@code SHARED_MODULES}), the default for {@link #initRoles}. */
    public static final List<String> SPYGLASS_MODULES = List.of("behavior", "common", "decoding", "figurl", "lfp",
            "linearization", "mua", "position", "ripple", "sharing", "spikesorting");
    /** The key of {@link Config#custom()} that lists a lab's shared modules. */
    public static final String MODULES_KEY = "database.shared_modules";

    private final Connection conn;
    private final Catalog catalog;
    private final Operation<Plan, ChangeReport> operation;

    private AccessManager(Connection conn, Dialect dialect) {
        this.conn = conn;
        this.catalog = new Catalog(conn, dialect);
        this.operation = Operation.<Plan, ChangeReport>of(conn, this::runInSafeMode)
                .checkingFingerprint(plan -> fingerprint(catalog.state()))
                .recordingReportAs(report -> withoutPassword(report).toJson());
    }

    /**
     * Access management over a connection, usually an administrator's.
     *
     * @throws AccessManagementException if the server has no roles (MySQL 5.7)
     */
    public static AccessManager on(Connection conn) {
        return new AccessManager(conn, Dialect.of(conn.serverVersion()));
    }

    /** The shared modules of a configuration: {@code custom["database.shared_modules"]} if set, else Spyglass's. */
    public static List<String> sharedModules(Config config) {
        JsonNode node = config.custom() == null ? null : config.custom().get(MODULES_KEY);
        if (node == null || node.isNull()) {
            return SPYGLASS_MODULES;
        }
        if (!node.isArray()) {
            throw new AccessManagementException(config.source() + ": custom." + MODULES_KEY + " must be a list of prefixes");
        }
        List<String> modules = new ArrayList<>();
        node.forEach(m -> modules.add(m.asText()));
        return modules;
    }

    public Dialect dialect() {
        return catalog.dialect();
    }

    /** The Spyglass dj_* roles that do not exist on the server ({@link #initRoles} creates them). */
    public List<Role> missingRoles() {
        return Role.SPYGLASS.stream().filter(r -> catalog.roleGrants(r.roleName()).isEmpty()).toList();
    }

    /**
     * Plans the four roles and their grants over the shared modules, adding only what is missing
     * (idempotent). {@code revokeWildcard} also revokes the {@code %} grants Spyglass gives
     * dj_guest, dj_collab and dj_user, which reach {@code mysql.user}.
     */
    public Plan initRoles(List<String> modules, boolean revokeWildcard) {
        ServerState state = catalog.state();
        return RolePlans.initRoles(state, modules, revokeWildcard).withFingerprint(fingerprint(state));
    }

    /** Plans a new shared module: dj_user writes {@code prefix_*} schemas, the other roles read them. */
    public Plan addModule(String prefix) {
        ServerState state = catalog.state();
        return RolePlans.addModule(state, prefix).withFingerprint(fingerprint(state));
    }

    /**
     * Plans a new account {@code 'name'@'%'} with a role, active at login, ALL on its own prefix
     * (not for guests), and the prefix readable by every role. An existing account keeps its password.
     */
    public Plan addUser(String name, Role role, InitialPassword initial) {
        if (role == Role.BACKUP) {
            return addBackupUser(name, List.of());
        }
        if (name.contains("@")) {
            throw new AccessManagementException("add-user creates 'NAME'@'%': give the user name \"" + name + "\" without a host");
        }
        AccountName account = dialect().check(new AccountName(name, "%"));
        ServerState state = catalog.state();
        return UserPlans.addUser(state, account, role, initial, catalog.accountExists(account)).withFingerprint(fingerprint(state));
    }

    /**
     * Plans backup accounts {@code 'name'@'host'}, one per host ({@code localhost} when none is
     * given; {@code %} is refused), holding {@code dj_backup} at login, with one random password
     * that does not expire. The role is created, or given the privileges it lacks, on the way.
     */
    public Plan addBackupUser(String name, List<String> hosts) {
        List<AccountName> accounts = BackupRolePlans.accounts(dialect(), name, hosts);
        ServerState state = catalog.state();
        List<AccountName> existing = accounts.stream().filter(catalog::accountExists).toList();
        return BackupRolePlans.addUser(state, name, hosts, existing, AuditLog.schemaOf(conn.config())).withFingerprint(fingerprint(state));
    }

    /** The global privileges of {@code dj_backup} on this server, e.g. {@code SELECT, SHOW VIEW, TRIGGER, EVENT, RELOAD, BINLOG MONITOR}. */
    public String backupPrivileges() {
        return BackupRolePlans.privileges(dialect()).toString();
    }

    /** Plans a new password for another account ({@code name} or {@code name@host}; host {@code %} if omitted). */
    public Plan resetPassword(String name, InitialPassword initial) {
        AccountName account = dialect().check(AccountName.parse(name));
        ServerState state = catalog.state();
        return UserPlans.resetPassword(dialect(), account, initial, catalog.accountExists(account)).withFingerprint(fingerprint(state));
    }

    /**
     * Runs a plan's statements in order, stopping at the first failure. On MariaDB the session
     * gets {@code NO_AUTO_CREATE_USER} meanwhile, so a GRANT to a missing account fails instead of
     * creating it without a password. A plan with statements is applied under the access lock
     * and recorded in the audit log (without the password).
     *
     * @throws DovetailException {@code LOCKED} while another apply runs,
     *                           {@code STALE_PLAN} when the accounts, roles or schemas
     *                           changed since the plan was made (nothing ran)
     */
    public ChangeReport apply(Plan plan) {
        return operation.apply(plan);
    }

    private ChangeReport runInSafeMode(Plan plan) {
        if (!dialect().version().isMariaDb()) {
            return run(plan);
        }
        String sqlMode = conn.queryValue("SELECT @@SESSION.sql_mode", String.class).orElse("");
        conn.execute("SET SESSION sql_mode = ?", sqlMode.isEmpty() ? "NO_AUTO_CREATE_USER" : sqlMode + ",NO_AUTO_CREATE_USER");
        try {
            return run(plan);
        } finally {
            conn.execute("SET SESSION sql_mode = ?", sqlMode);
        }
    }

    private ChangeReport run(Plan plan) {
        List<SqlStatement> applied = new ArrayList<>();
        List<SqlStatement> statements = plan.statements();
        for (int i = 0; i < statements.size(); i++) {
            SqlStatement s = statements.get(i);
            try {
                conn.execute(s.sql(), s.parameters().toArray());
            } catch (DovetailException e) {
                return new ChangeReport(plan.action(), applied, s, e.getMessage(), statements.subList(i + 1, statements.size()),
                        plan.notes(), passwordIfSet(plan, applied));
            }
            applied.add(s);
        }
        return new ChangeReport(plan.action(), applied, null, null, List.of(), plan.notes(), passwordIfSet(plan, applied));
    }

    /** The effective privileges of the connected account. */
    public PrivilegeReport show() {
        return PrivilegeInspector.inspect(catalog, catalog.currentAccount(), true);
    }

    /** The effective privileges of an account ({@code name} or {@code name@host}; host {@code %} if omitted). */
    public PrivilegeReport show(String name) {
        AccountName account = AccountName.parse(name);
        return PrivilegeInspector.inspect(catalog, account, account.equals(catalog.currentAccount()));
    }

    /** The server settings that matter, and grants that expose the mysql schema. */
    public CheckReport check() {
        return ServerCheck.run(catalog);
    }

    /** The read-only queries this manager has run so far (to read the server), in order. */
    public List<String> queries() {
        return catalog.queries();
    }

    private static String passwordIfSet(Plan plan, List<SqlStatement> applied) {
        boolean set = applied.stream().anyMatch(s -> !s.parameters().isEmpty());
        return set ? plan.password() : null;
    }

    private static ChangeReport withoutPassword(ChangeReport r) {
        return new ChangeReport(r.action(), r.applied(), r.failed(), r.error(), r.notApplied(), r.notes(), null);
    }

    /**
     * A digest of what plans are made from: the schemas, the grants of the dj_* roles, the
     * accounts holding them and every account on the server. Equal states give equal digests.
     */
    private String fingerprint(ServerState state) {
        StringBuilder facts = new StringBuilder();
        state.schemas().forEach(s -> facts.append("schema ").append(s).append('\n'));
        for (Role role : Role.values()) {
            facts.append(role.roleName()).append(' ').append(state.grantsOf(role).map(Object::toString).orElse("none")).append('\n');
        }
        state.memberNames().stream().sorted().forEach(m -> facts.append("member ").append(m).append('\n'));
        catalog.accounts().forEach(a -> facts.append("account ").append(a).append('\n'));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(facts.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
