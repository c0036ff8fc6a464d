package org.dovetail.ops.cleanup;

import static java.sql.Connection.TRANSACTION_REPEATABLE_READ;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.dovetail.DovetailException;
import org.dovetail.IntegrityException;
import org.dovetail.MissingExternalFileException;
import org.dovetail.QueryException;
import org.dovetail.connection.Connection;
import org.dovetail.hash.UuidBytes;
import org.dovetail.ops.Operation;
import org.dovetail.ops.OperationProgress;
import org.dovetail.spi.ObjectInfo;
import org.dovetail.store.ExternalStore;

/**
 * Cleanup of one store, store-wide: the front door of {@code dovetail cleanup objects} and
 * {@code cleanup files}. {@link #plan} reads every tracking table of every schema whose store has
 * this store's physical location and the whole listing of the store, and changes nothing;
 * {@link #apply} carries a plan out through {@link Operation} (lock per location, stale check,
 * audit record) and moves objects into the store's quarantine instead of deleting them.
 *
 * <pre>{@code
 * StoreCleanup cleanup = new StoreCleanup(dj.connection(), dj.store("raw"));
 * ObjectsPlan plan = cleanup.plan(ObjectsPlan.Mode.OBJECTS, SweepOptions.DEFAULTS);
 * System.out.print(plan.toText());
 * if (plan.refusal().isEmpty()) {
 *     ObjectsReport report = cleanup.apply(plan);     // rows deleted, objects quarantined
 * }
 * }</pre>
 *
 * <p>Each candidate is removed in its own short transaction. For a tracking row: lock it
 * ({@code FOR UPDATE}), check it is still older than the age gate and unreferenced, lock the rows
 * under which other tables of the location would name the same path, delete it, move the object,
 * commit. For an untracked object: lock the (absent) rows that would name it — an insert that
 * tracks it now waits for the lock — check it is unchanged and still old, move it, commit. An
 * insert that was waiting then finds its row new although the object existed when it was staged,
 * checks the object and puts it back (see {@link ExternalStore#trackAll}), so a concurrent
 * insert never loses its object. Locks are waited for at most a few seconds: an object in use by
 * a long insert is left alone and reported.
 */
public final class StoreCleanup {
    /** The operation's name in locks and in the audit log. */
    public static final String OPERATION = "cleanup";
    /** Seconds a cleanup waits for a row lock an insert holds before it leaves the object alone. */
    static final int LOCK_WAIT_SECONDS = 5;

    private final Connection conn;
    private final ExternalStore store;
    private final OperationProgress progress;
    private final Consumer<Candidate> insideLock;
    private final Clock clock;

    /** Cleans {@code store} on {@code conn} (whose configuration names the store and every store it shares objects with). */
    public StoreCleanup(Connection conn, ExternalStore store) {
        this(conn, store, OperationProgress.NONE, c -> { }, Clock.systemUTC());
    }

    private StoreCleanup(Connection conn, ExternalStore store, OperationProgress progress, Consumer<Candidate> insideLock, Clock clock) {
        this.conn = conn;
        this.store = store;
        this.progress = progress;
        this.insideLock = insideLock;
        this.clock = clock;
    }

    /** The same, reporting long phases to {@code progress}. */
    public StoreCleanup withProgress(OperationProgress p) {
        return new StoreCleanup(conn, store, p, insideLock, clock);
    }

    /** The same, calling {@code hook} inside each candidate's transaction, with its locks held, just before the object moves (tests). */
    StoreCleanup withHookInsideLock(Consumer<Candidate> hook) {
        return new StoreCleanup(conn, store, progress, hook, clock);
    }

    /** The same, judging the age of objects by {@code c} rather than the system clock (tests of stores whose times cannot be set). */
    StoreCleanup withClock(Clock c) {
        return new StoreCleanup(conn, store, progress, insideLock, c);
    }

    /** Plans a sweep; read-only. */
    public ObjectsPlan plan(ObjectsPlan.Mode mode, SweepOptions options) {
        String action = (mode == ObjectsPlan.Mode.FILES ? "files" : "objects") + " --store " + store.spec().name() + " " + options.flags();
        return new ObjectSweep(conn, store, progress, clock).plan(mode, options.minAge(), options.maxFraction(), options.schemas(),
                options.validity(), action);
    }

    /** The store's quarantine: what cleanups moved there, restore and purge. */
    public Quarantine quarantine() {
        return new Quarantine(conn, store);
    }

    /**
     * Carries a plan out (the plan must be of this store's location).
     *
     * @throws DovetailException {@code REFUSED} (a rail), {@code STALE_PLAN} (expired, or the
     *                           tracking tables or their references changed), {@code LOCKED}
     *                           (another cleanup of the location runs)
     */
    public ObjectsReport apply(ObjectsPlan plan) {
        return Operation.<ObjectsPlan, ObjectsReport>of(conn, this::run)
                .checkingFingerprint(p -> StoreGroup.read(conn, p.store()).fingerprint())
                .recordingPlanAs(ObjectsPlan::toAuditJson)
                .apply(plan);
    }

    private ObjectsReport run(ObjectsPlan plan) {
        String folder = Quarantine.FOLDER + LocalDate.now(ZoneOffset.UTC) + "/";
        if (plan.isEmpty()) {
            return new ObjectsReport(plan.header(), plan.store(), folder, 0, 0, 0, List.of(), List.of());
        }
        StoreGroup group = StoreGroup.read(conn, plan.store());
        List<ObjectsReport.Item> skipped = new ArrayList<>();
        List<ObjectsReport.Item> failures = new ArrayList<>();
        long[] done = new long[3]; // rows, objects, bytes
        long previousWait = conn.queryValue("SELECT @@SESSION.innodb_lock_wait_timeout", Long.class).orElse(50L);
        conn.execute("SET SESSION innodb_lock_wait_timeout = " + LOCK_WAIT_SECONDS);
        // The locks on absent rows that keep a concurrent insert waiting are gap locks: REPEATABLE READ has them, READ COMMITTED not.
        int isolation = conn.withJdbc(jdbc -> {
            int was = jdbc.getTransactionIsolation();
            jdbc.setTransactionIsolation(TRANSACTION_REPEATABLE_READ);
            return was;
        });
        progress.start("cleanup of " + plan.store(), plan.candidates().size());
        try {
            int n = 0;
            for (Candidate c : plan.candidates()) {
                try {
                    Optional<String> why = c.kind() == Candidate.Kind.UNUSED_ROW
                            ? removeRow(group, plan, c, folder, done) : moveObject(group, plan, c, folder, done);
                    why.ifPresent(reason -> skipped.add(new ObjectsReport.Item(c.path(), reason)));
                } catch (IntegrityException e) {
                    rollback();
                    skipped.add(new ObjectsReport.Item(c.path(), "referenced again (the foreign key refused the delete)"));
                } catch (QueryException e) {
                    rollback();
                    if (e.errorCode() == 1205) {
                        skipped.add(new ObjectsReport.Item(c.path(), "in use by an insert that holds its row (waited " + LOCK_WAIT_SECONDS + " s)"));
                    } else {
                        failures.add(new ObjectsReport.Item(c.path(), e.getMessage()));
                    }
                } catch (DovetailException e) {
                    rollback();
                    failures.add(new ObjectsReport.Item(c.path(), e.getMessage()));
                }
                progress.advance(++n);
            }
        } finally {
            progress.end();
            conn.execute("SET SESSION innodb_lock_wait_timeout = " + previousWait);
            conn.withJdbc(jdbc -> {
                jdbc.setTransactionIsolation(isolation);
                return null;
            });
        }
        return new ObjectsReport(plan.header(), plan.store(), folder, done[0], done[1], done[2], skipped, failures);
    }

    private void rollback() {
        if (conn.inTransaction()) {
            conn.cancelTransaction();
        }
    }

    /** Deletes an unused row (and moves its object unless another row names it); the reason when left alone. */
    private Optional<String> removeRow(StoreGroup group, ObjectsPlan plan, Candidate c, String folder, long[] done) {
        Optional<StoreGroup.Tracking> table = group.tables().stream()
                .filter(t -> t.schema().equals(c.schema()) && t.store().equals(c.store())).findFirst();
        if (table.isEmpty()) {
            return Optional.of("its tracking table is gone");
        }
        StoreGroup.Tracking t = table.get();
        byte[] hash = UuidBytes.toBytes(c.hash());
        conn.startTransaction();
        List<Integer> old = conn.query("SELECT 1 FROM " + t.table().quoted() + " WHERE hash = ? AND timestamp <= NOW() - INTERVAL ? SECOND FOR UPDATE",
                r -> 1, hash, plan.minAge().toSeconds());
        if (old.isEmpty()) {
            conn.cancelTransaction();
            return Optional.of("its tracking row was re-used (refreshed) or deleted since planning");
        }
        boolean unused = conn.queryValue("SELECT " + StoreGroup.unreferenced(t, "t") + " FROM " + t.table().quoted() + " t WHERE hash = ?",
                Boolean.class, hash).orElse(false);
        if (!unused) {
            conn.cancelTransaction();
            return Optional.of("referenced again since planning");
        }
        boolean moves = c.moves() && !namedElsewhere(group, t, c);
        conn.execute("DELETE FROM " + t.table().quoted() + " WHERE hash = ?", hash);
        if (moves) {
            insideLock.accept(c);
            moveIfPresent(c, folder, done);
        }
        conn.commitTransaction();
        done[0]++;
        return moves || !c.moves() ? Optional.empty() : Optional.of("row deleted; object kept: another tracking row names it now");
    }

    /** Whether another tracking table of the location has a row for the same object (locked, so that none appears meanwhile). */
    private boolean namedElsewhere(StoreGroup group, StoreGroup.Tracking own, Candidate c) {
        boolean filepath = !c.schema().equals(ObjectPaths.schemaOf(c.path(), ObjectPaths.subfoldings(group, store.spec().subfolding())))
                || !ObjectPaths.blobHash(c.path()).equals(c.hash());
        List<StoreGroup.Tracking> others = (filepath ? group.tables() : group.tablesOf(c.schema())).stream().filter(t -> t != own).toList();
        return anyRow(others, filepath ? ObjectPaths.filepathHash(c.path()) : c.hash());
    }

    /** Locks the rows {@code hash} has (or would have) in these tables; true if one exists. */
    private boolean anyRow(List<StoreGroup.Tracking> tables, UUID hash) {
        boolean found = false;
        for (StoreGroup.Tracking t : tables) {
            found |= !conn.query("SELECT 1 FROM " + t.table().quoted() + " WHERE hash = ? FOR UPDATE", r -> 1, UuidBytes.toBytes(hash)).isEmpty();
        }
        return found;
    }

    /** Moves an untracked object or an incomplete upload; the reason when left alone. */
    private Optional<String> moveObject(StoreGroup group, ObjectsPlan plan, Candidate c, String folder, long[] done) {
        conn.startTransaction();
        if (c.kind() == Candidate.Kind.UNTRACKED) {
            boolean tracked = plan.mode() == ObjectsPlan.Mode.FILES
                    ? anyRow(group.tables(), ObjectPaths.filepathHash(c.path()))
                    : anyRow(group.tablesOf(c.schema()), ObjectPaths.blobHash(c.path()));
            if (tracked) {
                conn.cancelTransaction();
                return Optional.of("tracked since planning");
            }
        }
        Optional<ObjectInfo> now = store.objects().stat(c.path());
        if (now.isEmpty()) {
            conn.cancelTransaction();
            return Optional.of("gone since planning");
        }
        if (now.get().size() != c.size() || !ObjectSweep.isOld(now.get(), clock.instant().minus(plan.minAge()))) {
            conn.cancelTransaction();
            return Optional.of("written again since planning");
        }
        insideLock.accept(c);
        moveIfPresent(c, folder, done);
        conn.commitTransaction();
        return Optional.empty();
    }

    private void moveIfPresent(Candidate c, String folder, long[] done) {
        try {
            store.objects().move(c.path(), folder + c.path());
            done[1]++;
            done[2] += c.size();
        } catch (MissingExternalFileException e) {
            // the row's object was missing already: the row is deleted, nothing to move
        }
    }
}
