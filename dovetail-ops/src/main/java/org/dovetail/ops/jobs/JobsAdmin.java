package org.dovetail.ops.jobs;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dovetail.Dovetail;
import org.dovetail.connection.Connection;
import org.dovetail.ops.Durations;
import org.dovetail.ops.Operation;
import org.dovetail.ops.OperationPlan;
import org.dovetail.populate.Job;
import org.dovetail.populate.JobSidecar;
import org.dovetail.populate.JobStatus;
import org.dovetail.populate.JobTable;
import org.dovetail.populate.Populator;
import org.dovetail.query.Query;
import org.dovetail.schema.Table;

/**
 * The job queue of a schema as its administrators see it: what {@code ~jobs} holds (with the
 * Java workers' heartbeats from {@code ~dovetail_jobs}), and the two destructive operations —
 * clearing error and ignore rows, releasing dead reservations — as plans applied through
 * {@link Operation} (operation {@code jobs}, the schema as scope: lock, audit record).
 *
 * <pre>{@code
 * JobsAdmin jobs = JobsAdmin.on(dj);
 * jobs.list("lab", Set.of(JobStatus.ERROR), null).rows().forEach(System.out::println);
 * JobsPlan plan = jobs.releasePlan("lab", Duration.ofMinutes(10), null, null);  // Java reservations only
 * JobsChange done = jobs.apply(plan);
 * }</pre>
 *
 * <p>A plan is made from the rows as they are; the apply deletes a planned row only if it is
 * still the row that was planned (same status, connection, process and time, and for a Java
 * reservation a heartbeat still stale), so a job re-reserved in between is left alone.
 */
public final class JobsAdmin {
    /** The operation's name in locks and the audit log. */
    public static final String OPERATION = "jobs";
    /** Release Java reservations whose heartbeat has been silent this long, unless told otherwise. */
    public static final Duration DEFAULT_STALE_AFTER = Duration.ofMinutes(10);

    private final Dovetail dj;
    private final Connection conn;

    private JobsAdmin(Dovetail dj) {
        this.dj = dj;
        this.conn = dj.connection();
    }

    /** The administration of the schemas reachable through {@code dj}. */
    public static JobsAdmin on(Dovetail dj) {
        return new JobsAdmin(dj);
    }

    /**
     * The rows of {@code ~jobs} with these statuses (all when empty), of one target table
     * ({@code tableName}, the bare SQL name) or of all when null; oldest first.
     */
    public JobsReport list(String schema, Set<JobStatus> statuses, String tableName) {
        return new JobsReport(schema, rows(schema, statuses, tableName));
    }

    /** What clearing would delete: the error and/or ignore rows (never reservations) of the schema, or of one target table. */
    public JobsPlan clearPlan(String schema, Set<JobStatus> statuses, String tableName) {
        if (statuses.isEmpty() || statuses.contains(JobStatus.RESERVED)) {
            throw new IllegalArgumentException("clear deletes error and ignore rows; reservations are released by release-stale");
        }
        List<JobsPlan.Entry> entries = new ArrayList<>();
        for (JobRow row : rows(schema, statuses, tableName)) {
            entries.add(new JobsPlan.Entry(row, JobsPlan.Kind.CLEAR, row.job().status().sqlValue() + " row"));
        }
        String action = "clear " + String.join(",", statuses.stream().map(JobStatus::sqlValue).sorted().toList())
                + (tableName == null ? "" : " of " + tableName);
        return new JobsPlan(OperationPlan.Header.of(OPERATION, schema, action), entries, List.of(), null, null);
    }

    /**
     * What releasing stale reservations would delete: Java reservations whose heartbeat has been
     * silent at least {@code staleAfter}, and, only when {@code pythonOlderThan} is given,
     * reservations without a heartbeat (DataJoint-Python's, or a Java worker's that could not
     * write the sidecar) at least that old. Everything else is listed as kept, with why.
     */
    public JobsPlan releasePlan(String schema, Duration staleAfter, Duration pythonOlderThan, String tableName) {
        List<JobsPlan.Entry> release = new ArrayList<>();
        List<JobsPlan.Entry> kept = new ArrayList<>();
        for (JobRow row : rows(schema, Set.of(JobStatus.RESERVED), tableName)) {
            if (row.hasHeartbeat()) {
                boolean stale = row.heartbeatSilent().compareTo(staleAfter) >= 0;
                String why = "Java worker " + row.worker() + ", heartbeat silent " + Durations.text(row.heartbeatSilent());
                (stale ? release : kept).add(new JobsPlan.Entry(row, JobsPlan.Kind.JAVA_STALE, why));
            } else if (pythonOlderThan != null && row.age().compareTo(pythonOlderThan) >= 0) {
                release.add(new JobsPlan.Entry(row, JobsPlan.Kind.NO_HEARTBEAT, "no heartbeat, reserved " + Durations.text(row.age()) + " ago"));
            } else {
                kept.add(new JobsPlan.Entry(row, JobsPlan.Kind.NO_HEARTBEAT, "no heartbeat (a Python worker?), reserved "
                        + Durations.text(row.age()) + " ago" + (pythonOlderThan == null ? ": not asked to release those" : "")));
            }
        }
        String action = "release-stale --stale-after " + Durations.text(staleAfter)
                + (pythonOlderThan == null ? "" : " --python-older-than " + Durations.text(pythonOlderThan))
                + (tableName == null ? "" : " of " + tableName);
        return new JobsPlan(OperationPlan.Header.of(OPERATION, schema, action), release, kept, staleAfter, pythonOlderThan);
    }

    /** Carries a plan out through {@link Operation#apply}: lock {@code dovetail.jobs.<schema>}, audit record, then the deletes. */
    public JobsChange apply(JobsPlan plan) {
        return Operation.<JobsPlan, JobsChange>of(conn, this::run).apply(plan);
    }

    /**
     * Gives the jobs of {@code target}'s keys still to do (its default key source restricted by
     * every {@code restrictions}, minus the target) the priority {@code priority}, lower sooner
     * ({@link JobSidecar#prioritize}): {@code dovetail worker} takes them in that order. Not an
     * operation with a plan: it deletes nothing and only orders the work.
     */
    public JobsPriority prioritize(Table target, int priority, Object... restrictions) {
        Query todo = Populator.defaultKeySource(target);
        for (Object restriction : restrictions) {
            todo = todo.restrict(restriction);
        }
        List<Map<String, Object>> keys = new ArrayList<>();
        todo.proj().minus(target).fetchKeys().forEach(k -> keys.add(new LinkedHashMap<>(k)));
        JobSidecar.prioritize(conn, target, keys, priority);
        return new JobsPriority(target.fullName(), priority, keys);
    }

    /**
     * Throughput and failure figures of the schema's jobs from the sidecar, successes counted over
     * the last {@code window}; of one target table ({@code tableName}) or of all when null.
     */
    public JobStats stats(String schema, Duration window, String tableName) {
        JobTable jobs = JobTable.of(dj.schema(schema));
        Map<String, long[]> queue = new HashMap<>();
        conn.query("SELECT table_name, status, COUNT(*) FROM " + jobs.fullName() + " GROUP BY table_name, status", r -> {
            long[] counts = queue.computeIfAbsent(r.getString(1), t -> new long[3]);
            counts[JobStatus.of(r.getString(2)).ordinal()] = r.getLong(3);
            return null;
        });
        List<JobStats.TableStats> tables = new ArrayList<>();
        if (JobSidecar.exists(conn, schema)) {
            tables.addAll(conn.query("SELECT table_name, SUM(status <> 'queued'), SUM(attempts), SUM(failures), SUM(status = 'running'),"
                    + " SUM(status = 'success'), SUM(status = 'error'), SUM(status = 'aborted'), SUM(status = 'released'), SUM(status = 'queued'),"
                    + " SUM(status = 'success' AND finished >= NOW(3) - INTERVAL ? MICROSECOND),"
                    + " AVG(CASE WHEN status = 'success' THEN duration END), MAX(CASE WHEN status = 'success' THEN duration END)"
                    + " FROM " + JobSidecar.table(schema).quoted() + " GROUP BY table_name ORDER BY table_name",
                    r -> new JobStats.TableStats(r.getString(1), r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5), r.getLong(6),
                            r.getLong(7), r.getLong(8), r.getLong(9), r.getLong(10), r.getLong(11), (Double) r.getObject(12), (Double) r.getObject(13),
                            queue.getOrDefault(r.getString(1), new long[3])),
                    window.toNanos() / 1000));
        }
        for (Map.Entry<String, long[]> e : queue.entrySet()) {
            if (tables.stream().noneMatch(t -> t.tableName().equals(e.getKey()))) {
                tables.add(new JobStats.TableStats(e.getKey(), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null, e.getValue()));
            }
        }
        tables.removeIf(t -> tableName != null && !t.tableName().equals(tableName));
        tables.sort(Comparator.comparing(JobStats.TableStats::tableName));
        return new JobStats(schema, window, tables);
    }

    private JobsChange run(JobsPlan plan) {
        String schema = plan.header().scope();
        String jobsTable = JobTable.of(dj.schema(schema)).fullName();
        String sidecar = JobSidecar.table(schema).quoted();
        List<JobsPlan.Entry> done = new ArrayList<>();
        List<JobsPlan.Entry> changed = new ArrayList<>();
        for (JobsPlan.Entry entry : plan.entries()) {
            Job job = entry.row().job();
            String same = "DELETE FROM " + jobsTable + " WHERE table_name = ? AND key_hash = ? AND status = ? AND connection_id = ?"
                    + " AND pid = ? AND `timestamp` = ?";
            Object[] sameArgs = {job.tableName(), job.keyHash(), job.status().sqlValue(), job.connectionId(), job.pid(), job.timestamp()};
            int deleted = switch (entry.kind()) {
                case CLEAR -> conn.execute(same, sameArgs);
                case NO_HEARTBEAT -> conn.execute(same + " AND `timestamp` <= NOW() - INTERVAL ? SECOND",
                        append(sameArgs, plan.pythonOlderThan().toSeconds()));
                case JAVA_STALE -> conn.execute(same + " AND EXISTS (SELECT 1 FROM " + sidecar + " s WHERE s.table_name = ? AND s.key_hash = ?"
                        + " AND s.status = 'running' AND s.host = ? AND s.pid = ? AND s.heartbeat <= NOW(3) - INTERVAL ? MICROSECOND)",
                        append(sameArgs, job.tableName(), job.keyHash(), job.host(), job.pid(), plan.staleAfter().toNanos() / 1000));
            };
            if (deleted == 0) {
                changed.add(entry);
                continue;
            }
            done.add(entry);
            if (entry.kind() == JobsPlan.Kind.JAVA_STALE) {
                conn.execute("UPDATE " + sidecar + " SET status = 'released', finished = NOW(3), failures = failures + 1,"
                        + " duration = TIMESTAMPDIFF(MICROSECOND, started, NOW(3)) / 1e6"
                        + " WHERE table_name = ? AND key_hash = ? AND status = 'running' AND host = ? AND pid = ?",
                        job.tableName(), job.keyHash(), job.host(), job.pid());
            }
        }
        return new JobsChange(plan.header().action(), schema, done, changed);
    }

    /** The rows of {@code ~jobs}, filtered, each with its age and the matching running attempt of the sidecar. */
    private List<JobRow> rows(String schema, Set<JobStatus> statuses, String tableName) {
        JobTable jobs = JobTable.of(dj.schema(schema));
        LocalDateTime now = conn.queryValue("SELECT NOW()", LocalDateTime.class).orElseThrow();
        Map<String, Running> running = new HashMap<>();
        if (JobSidecar.exists(conn, schema)) {
            conn.query("SELECT table_name, key_hash, worker, host, pid, TIMESTAMPDIFF(MICROSECOND, heartbeat, NOW(3)) FROM "
                    + JobSidecar.table(schema).quoted() + " WHERE status = 'running'", r -> running.put(r.getString(1) + "\0" + r.getString(2),
                    new Running(r.getString(3), r.getString(4), r.getLong(5), Duration.ofNanos(r.getLong(6) * 1000))));
        }
        List<JobRow> rows = new ArrayList<>();
        for (Job job : tableName == null ? jobs.jobs() : jobs.jobs(tableName)) {
            if (!statuses.isEmpty() && !statuses.contains(job.status())) {
                continue;
            }
            Duration age = job.timestamp() == null ? Duration.ZERO : Duration.between(job.timestamp(), now);
            Running r = running.get(job.tableName() + "\0" + job.keyHash());
            boolean matches = r != null && job.status() == JobStatus.RESERVED && r.host.equals(job.host()) && r.pid == job.pid();
            rows.add(new JobRow(job, age, matches ? r.worker : null, matches ? r.silent : null));
        }
        return rows;
    }

    private static Object[] append(Object[] args, Object... more) {
        Object[] all = new Object[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    private record Running(String worker, String host, long pid, Duration silent) {
    }
}
