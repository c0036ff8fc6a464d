package org.dovetail.ops.backup;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dovetail.Dovetail;
import org.dovetail.ErrorCode;
import org.dovetail.ops.Operation;
import org.dovetail.ops.OperationPlan;
import org.dovetail.ops.OperationProgress;

/**
 * The front door of backups: plan and create sets, list them, verify them, restore them. Every
 * run that writes applies through {@link Operation}: one run per target at a time
 * ({@code GET_LOCK('dovetail.backup.<target>')}), recorded in the audit log.
 *
 * <pre>{@code
 * Backups backups = new Backups(dj);
 * try (BackupTarget target = BackupTarget.parse("/backups/lab", dj.config())) {
 *     CreateReport made = backups.create(backups.plan(BackupRequest.of("lab_*"), target), target);
 *     VerifyResult check = backups.verify(target, made.manifest().set(), false);
 * }
 * }</pre>
 */
public final class Backups {
    /** The operation's name in locks and the audit log. */
    public static final String OPERATION = "backup";

    private final Dovetail dj;
    private OperationProgress progress = OperationProgress.NONE;
    private Hooks hooks = Hooks.NONE;
    private SqlDump sqlDump;

    /** Backups of the database {@code dj} is connected to, with its stores. */
    public Backups(Dovetail dj) {
        this.dj = dj;
    }

    /** Reports long phases (units dumped, objects copied, rows restored) to {@code progress}. */
    public Backups withProgress(OperationProgress p) {
        this.progress = p;
        return this;
    }

    /** Also writes the seed's plain-SQL files into every set, with this tool ({@code backup create --with-sql}). */
    public Backups withSqlDump(SqlDump tool) {
        this.sqlDump = tool;
        return this;
    }

    /**
     * Also writes the plain-SQL files, with the tool {@link SqlDump#find} finds (the configured one,
     * else on {@code PATH}, else the first of {@code fallbacks}).
     *
     * @throws BackupException USAGE when there is none
     */
    public Backups withSqlFiles(List<Path> fallbacks) {
        return withSqlDump(SqlDump.find(dj.config(), fallbacks).orElseThrow(() -> new BackupException(ErrorCode.USAGE,
                "--with-sql needs mariadb-dump or mysqldump: none on PATH; set custom." + SqlDump.TOOL_KEY + " to its path")));
    }

    Backups withHooks(Hooks h) {
        this.hooks = h;
        return this;
    }

    /** The Dovetail version that writes manifests ({@code dev} when not run from a packaged jar). */
    static String version() {
        String v = Backups.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** What {@code create} would back up; changes nothing. */
    public CreatePlan plan(BackupRequest request, BackupTarget target) {
        Map<String, Map<String, Long>> tables = new LinkedHashMap<>();
        try (Connection c = Snapshot.session(dj.config())) {
            Catalog catalog = new Catalog(c);
            for (String schema : catalog.schemas(request.schemas(), request.all())) {
                Map<String, Long> rows = new LinkedHashMap<>();
                try (var p = c.prepareStatement("SELECT TABLE_NAME, TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?"
                        + " AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME")) {
                    p.setString(1, schema);
                    try (var rs = p.executeQuery()) {
                        while (rs.next()) {
                            rows.put(rs.getString(1), rs.getLong(2));
                        }
                    }
                }
                tables.put(schema, rows);
            }
        } catch (SQLException e) {
            throw BackupException.sql("Reading the schemas to back up", e);
        }
        return new CreatePlan(OperationPlan.Header.of(OPERATION, target.description(), request.describe()), request, target.description(), tables);
    }

    /**
     * Writes a set: one snapshot, the rows, the objects, the manifest last. A set that is not
     * complete (DDL during the run, objects missing) is written with that status and reported FAILED.
     *
     * @throws org.dovetail.DovetailException LOCKED when another run holds the target, or what the run raised
     *                                        (the set then has no manifest and is never listed as complete)
     */
    public CreateReport create(CreatePlan plan, BackupTarget target) {
        return Operation.<CreatePlan, CreateReport>of(dj.connection(), p -> {
            Instant started = Instant.now();
            String set = Dumper.setName(new SetCatalog(target.store()), p.request().label(), started);
            Manifest m = new Dumper(dj.config(), dj.connection().serverVersion(), target, p.request(), progress, hooks)
                    .withSqlDump(sqlDump).run(set, started);
            return new CreateReport(target.description(), m);
        }).recordingReportAs(CreateReport::auditJson).apply(plan);
    }

    /**
     * Checks a set (the newest when {@code set} is null): manifest, files, objects, and with
     * {@code restoreTest} a restore into scratch schemas compared table by table; read-only but
     * for the scratch schemas, which are dropped.
     */
    public VerifyResult verify(BackupTarget target, String set, boolean restoreTest) {
        String name = set != null ? set : Verifier.newest(new SetCatalog(target.store())).orElseThrow(() -> new BackupException(
                ErrorCode.INVALID_INPUT, "The target " + target.description() + " holds no backup set"));
        return new Verifier(dj.config(), target, progress).verify(name, restoreTest);
    }

    /**
     * What {@code restore} would do: destinations and what is in them now, and the set's check
     * (manifest, files with their SHA-256, objects present); changes nothing.
     */
    public RestorePlan plan(RestoreRequest request, BackupTarget target) {
        Manifest m = new SetCatalog(target.store()).manifest(request.set());
        List<String> problems = new ArrayList<>();
        if (!m.isComplete()) {
            problems.add("the manifest says " + m.status());
        }
        if (!request.unverified()) {
            problems.addAll(Verifier.checkFiles(target.store(), m, true, progress));
            problems.addAll(Verifier.checkObjects(target.store(), m, false, progress));
        }
        List<RestorePlan.Destination> destinations = new ArrayList<>();
        try (Connection c = Snapshot.session(dj.config())) {
            for (Manifest.SchemaEntry s : m.schemas()) {
                if (request.schemas().isEmpty() || request.schemas().contains(s.name())) {
                    destinations.add(Restorer.inspect(c, s.name(), request.destination(s.name())));
                }
            }
        } catch (SQLException e) {
            throw BackupException.sql("Inspecting the schemas to restore", e);
        }
        for (String wanted : request.schemas()) {
            if (m.schema(wanted).isEmpty()) {
                throw new BackupException(ErrorCode.INVALID_INPUT, "The set " + m.set() + " holds no schema " + wanted + " (it holds "
                        + String.join(", ", m.schemas().stream().map(Manifest.SchemaEntry::name).toList()) + ")");
            }
        }
        return new RestorePlan(OperationPlan.Header.of(OPERATION, target.description(), request.describe()), request, target.description(), m,
                destinations, problems);
    }

    /**
     * Restores as planned: refused (nothing changed) when the plan says so; LOCKED while another
     * run holds the target. A killed restore leaves its marker table, and the next restore of the
     * same destination starts it over.
     */
    public RestoreReport restore(RestorePlan plan, BackupTarget target) {
        return Operation.<RestorePlan, RestoreReport>of(dj.connection(), p -> new Restorer(dj.config(), target, progress, hooks).run(p)).apply(plan);
    }

    /** The sets of a target with their status; read-only. */
    public SetList list(BackupTarget target) {
        return new SetList(target.description(), new SetCatalog(target.store()).sets());
    }
}
