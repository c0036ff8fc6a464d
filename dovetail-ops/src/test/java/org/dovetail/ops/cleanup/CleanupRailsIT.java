package org.dovetail.ops.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.dovetail.Dovetail;
import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;
import org.dovetail.blob.Blob;
import org.dovetail.config.Config;
import org.dovetail.config.StoreSpec;
import org.dovetail.connection.Connection;
import org.dovetail.ops.OperationLock;
import org.dovetail.schema.Schema;
import org.dovetail.schema.Table;
import org.dovetail.schema.Tier;
import org.dovetail.store.ExternalStore;
import org.dovetail.testkit.DovetailTest;
import org.dovetail.testkit.TestDatabase;
import org.dovetail.testkit.TestS3;
import org.junit.jupiter.api.Test;

/**
 * The rails of {@code cleanup objects apply}, each refusing before anything changes, and the race
 * with a concurrent insert on a second connection, synchronised on the server's own lock wait.
 */
@DovetailTest
class CleanupRailsIT {
    /** A store of its own on the bucket, a schema with a live row and the row {@code Gone} 1 deleted and aged. */
    private static Config config(TestDatabase db, TestS3 s3, String name) {
        return Config.builder().host(db.host()).port(db.port()).user(db.user()).password(db.password())
                .store(StoreSpec.s3(name, s3.hostAndPort(), s3.bucket(), name, s3.accessKey(), s3.secretKey()))
                .custom(JsonNodeFactory.instance.objectNode().put("database.audit_schema", db.schema("audit"))).build();
    }

    private static String plant(Dovetail dj, TestDatabase db, String name, boolean live) {
        String schema = db.schema(name);
        Schema s = dj.createSchema(schema);
        Table liveTable = s.declare(Tier.MANUAL, "Live", "id : int\n---\nv : blob@" + name);
        Table gone = s.declare(Tier.MANUAL, "Gone", "id : int\n---\nv : blob@" + name);
        if (live) {
            liveTable.insert1(Map.of("id", 1, "v", "live"));
        }
        gone.insert1(Map.of("id", 1, "v", "gone"));
        gone.deleteQuick();
        dj.connection().execute("UPDATE " + ExternalStore.trackingTable(schema, name).quoted() + " SET timestamp = NOW() - INTERVAL 30 DAY");
        return schema;
    }

    private static SweepOptions all() {
        return SweepOptions.DEFAULTS.withMaxFraction(1.0);
    }

    private static ErrorCode code(Throwable e) {
        return ((DovetailException) e).code();
    }

    @Test
    void anEmptyReferencedSetIsRefused(TestDatabase db, TestS3 s3) {
        try (Dovetail dj = Dovetail.connect(config(db, s3, "railempty"))) {
            plant(dj, db, "railempty", false);
            ObjectsPlan plan = new StoreCleanup(dj.connection(), dj.store("railempty")).plan(ObjectsPlan.Mode.OBJECTS, all());
            assertThat(plan.rowsToDelete()).isEqualTo(1);
            assertThat(plan.refusal()).get().asString().startsWith("Refused by rule empty-referenced-set: none of the 1 tracking rows");
            assertThatThrownBy(() -> new StoreCleanup(dj.connection(), dj.store("railempty")).apply(plan))
                    .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.REFUSED));
            assertThat(dj.connection().queryValue("SELECT COUNT(*) FROM " + ExternalStore.trackingTable(db.schema("railempty"), "railempty").quoted(),
                    Long.class)).contains(1L);
        }
    }

    @Test
    void anExpiredPlanAPlanOfAnotherCatalogAndALockHeldElsewhereAreRefused(TestDatabase db, TestS3 s3) {
        try (Dovetail dj = Dovetail.connect(config(db, s3, "railstale"))) {
            plant(dj, db, "railstale", true);
            StoreCleanup cleanup = new StoreCleanup(dj.connection(), dj.store("railstale"));
            ObjectsPlan expired = cleanup.plan(ObjectsPlan.Mode.OBJECTS, all().withValidity(Duration.ZERO));
            assertThatThrownBy(() -> cleanup.apply(expired)).hasMessageContaining("is stale: it expired at")
                    .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.STALE_PLAN));

            ObjectsPlan plan = cleanup.plan(ObjectsPlan.Mode.OBJECTS, all());
            try (Connection other = Connection.open(dj.config());
                 OperationLock held = OperationLock.acquire(other, StoreCleanup.OPERATION, plan.header().scope())) {
                assertThat(held.held()).isTrue();
                assertThatThrownBy(() -> cleanup.apply(plan)).hasMessageContaining("Another cleanup run on " + plan.location())
                        .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.LOCKED));
            }
            // a schema that starts tracking the store after the plan was made: the safety set changed
            dj.createSchema(db.schema("railstale_late"));
            dj.store("railstale").declareTracking(db.schema("railstale_late"));
            assertThatThrownBy(() -> cleanup.apply(plan)).hasMessageContaining("what it was made from has changed")
                    .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.STALE_PLAN));
            assertThat(dj.store("railstale").objects().stat(plan.candidates().get(0).path())).isPresent();
            assertThat(cleanup.apply(cleanup.plan(ObjectsPlan.Mode.OBJECTS, all())).moved()).isEqualTo(1);
        }
    }

    @Test
    void anInsertThatTracksAnObjectBeingCleanedGetsItBack(TestDatabase db, TestS3 s3) throws Exception {
        try (Dovetail dj = Dovetail.connect(config(db, s3, "railrace"));
             Dovetail rowWriter = Dovetail.connect(config(db, s3, "railrace"));
             Dovetail objectWriter = Dovetail.connect(config(db, s3, "railrace"));
             Connection watcher = Connection.open(config(db, s3, "railrace"))) {
            String schema = plant(dj, db, "railrace", true);
            ExternalStore store = dj.store("railrace");
            String untracked = store.stageBlob(schema, Blob.encode("untracked")).path();
            ObjectsPlan plan = new StoreCleanup(dj.connection(), store)
                    .withClock(Clock.offset(Clock.systemUTC(), Duration.ofDays(8)))
                    .plan(ObjectsPlan.Mode.OBJECTS, all());
            assertThat(plan.candidates()).extracting(Candidate::kind).containsExactly(Candidate.Kind.UNUSED_ROW, Candidate.Kind.UNTRACKED);

            AtomicReference<Throwable> failure = new AtomicReference<>();
            StoreCleanup racing = new StoreCleanup(dj.connection(), store)
                    .withClock(Clock.offset(Clock.systemUTC(), Duration.ofDays(8)))
                    .withHookInsideLock(c -> {
                        // the cleanup holds the row (or the gap where it would be) and is about to move the object:
                        // a second connection inserts a row with the same value now, and must wait for the cleanup
                        Object value = c.kind() == Candidate.Kind.UNUSED_ROW ? "gone" : "untracked";
                        String tableName = c.kind() == Candidate.Kind.UNUSED_ROW ? "Gone" : "Live";
                        // one writer per candidate: the first insert may still be finishing while the second candidate is locked
                        Dovetail writer = c.kind() == Candidate.Kind.UNUSED_ROW ? rowWriter : objectWriter;
                        Thread insert = new Thread(() -> {
                            try {
                                writer.schema(schema).table(tableName).insert1(Map.of("id", 2, "v", value));
                            } catch (Throwable e) {
                                failure.set(e);
                            }
                        });
                        insert.start();
                        awaitLockWait(watcher, writer.connection().connectionId(), insert, failure);
                        threads.add(insert);
                    });
            ObjectsReport report = racing.apply(plan);
            joinAll();
            assertThat(failure.get()).isNull();
            assertThat(report.moved()).isEqualTo(2);
            assertThat(dj.schema(schema).table("Gone").restrict(Map.of("id", 2)).fetch1().get("v")).isEqualTo("gone");
            assertThat(dj.schema(schema).table("Live").restrict(Map.of("id", 2)).fetch1().get("v")).isEqualTo("untracked");
            assertThat(store.objects().stat(untracked)).isPresent();
        }
    }

    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    private void joinAll() {
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /**
     * Returns once the server shows the writer's session running its insert of the tracking row
     * (waiting there for the cleanup's lock); fails if the insert ends first. The process list,
     * not INNODB_TRX: MariaDB lists a transaction there only once it has written something.
     */
    private static void awaitLockWait(Connection watcher, long writerId, Thread insert, AtomicReference<Throwable> failure) {
        while (watcher.queryValue("SELECT COUNT(*) FROM information_schema.processlist WHERE id = ? AND command = 'Query'"
                + " AND info LIKE 'INSERT INTO %~external_%'", Long.class, writerId).orElse(0L) == 0) {
            if (!insert.isAlive()) {
                throw new AssertionError("the insert of connection " + writerId + " ended before it reached the tracking table", failure.get());
            }
            Thread.onSpinWait();
        }
    }
}
