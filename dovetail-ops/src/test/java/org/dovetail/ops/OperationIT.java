package org.dovetail.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.dovetail.AccessException;
import org.dovetail.Dovetail;
import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;
import org.dovetail.LostConnectionException;
import org.dovetail.Report;
import org.dovetail.TransactionException;
import org.dovetail.config.Config;
import org.dovetail.connection.Connection;
import org.dovetail.testing.ConnectedTest;
import org.dovetail.testing.TestConfigs;
import org.dovetail.testkit.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * The shape every operation applies through, on the real server: the lock keeps a second apply
 * out, the audit log records each apply with its outcome, and stale, refused, empty plans and
 * transactions are handled before anything changes.
 */
@ConnectedTest
class OperationIT {
    private static Scratch scratch(Dovetail dj, TestDatabase db, String name) {
        Scratch scratch = new Scratch(dj.connection(), db.schema(name));
        scratch.create();
        return scratch;
    }

    private static AuditLog audit(Dovetail dj, TestDatabase db) {
        return AuditLog.on(dj.connection(), db.schema("audit"));
    }

    private static long records(AuditLog audit) {
        return audit.history(1000).size();
    }

    @Test
    void aSecondApplyFailsAtOnceWhileAnotherSessionHoldsTheLock(Dovetail dj, Config config, TestDatabase db) {
        Scratch scratch = scratch(dj, db, "locked");
        AuditLog audit = audit(dj, db);
        long recorded = records(audit);
        try (Connection other = Connection.open(config);
             OperationLock held = OperationLock.acquire(other, Scratch.OPERATION, db.schema("locked"))) {
            assertThat(held.held()).isTrue();
            assertThatThrownBy(() -> scratch.operation(audit, p -> { }).apply(scratch.plan(2)))
                    .isInstanceOf(DovetailException.class)
                    .hasMessageContaining("Another scratch run on " + db.schema("locked") + " holds the lock dovetail.scratch."
                            + db.schema("locked") + " (connection id " + other.connectionId() + "); nothing was done")
                    .extracting(e -> ((DovetailException) e).code()).isEqualTo(ErrorCode.LOCKED);
            assertThat(scratch.count()).isZero();
            assertThat(records(audit)).isEqualTo(recorded);
        }
        assertThat(scratch.operation(audit, p -> { }).apply(scratch.plan(2)).count()).isEqualTo(2);
        assertThat(scratch.count()).isEqualTo(2);
    }

    @Test
    void theLockIsFreeAgainAfterAnApplyAndALongScopeIsHashedIntoTheNameLimit(Dovetail dj, Config config, TestDatabase db) {
        Scratch scratch = scratch(dj, db, "free");
        scratch.operation(audit(dj, db), p -> { }).apply(scratch.plan(1));
        try (Connection other = Connection.open(config)) {
            OperationLock lock = OperationLock.acquire(other, Scratch.OPERATION, db.schema("free"));
            assertThat(lock.held()).isTrue();
            lock.close();
            assertThat(lock.held()).isFalse();
            assertThat(other.queryValue("SELECT IS_FREE_LOCK(?)", Long.class, lock.name())).contains(1L);
        }
        String scope = "x".repeat(200);
        assertThat(OperationLock.name("migrate", scope)).hasSize(17 + 32).startsWith("dovetail.migrate.");
        try (OperationLock a = OperationLock.acquire(dj.connection(), "migrate", scope)) {
            assertThat(a.name()).isEqualTo(OperationLock.name("migrate", scope));
            assertThat(a.held()).isTrue();
        }
    }

    @Test
    void everyApplyIsRecordedWithWhoWhenWhatAndHowItEnded(Dovetail dj, TestDatabase db) {
        Scratch scratch = scratch(dj, db, "audited");
        AuditLog audit = audit(dj, db);
        Scratch.Added added = scratch.operation(audit, p -> { }).apply(scratch.plan(3));
        AuditLog.Entry ok = audit.history(1).get(0);
        assertThat(ok.operation()).isEqualTo("scratch");
        assertThat(ok.scope()).isEqualTo(db.schema("audited"));
        assertThat(ok.action()).isEqualTo("add 3 rows");
        assertThat(ok.outcome()).isEqualTo("OK");
        assertThat(ok.account()).isEqualTo(dj.connection().queryValue("SELECT CURRENT_USER()", String.class).orElseThrow());
        assertThat(ok.client()).startsWith(System.getProperty("user.name") + "@");
        assertThat(ok.plan().get("rows").asInt()).isEqualTo(3);
        assertThat(ok.plan().get("fingerprint").asText()).isEqualTo("rows=0");
        assertThat(ok.report()).isEqualTo(added.toJson());
        assertThat(ok.finished()).isNotNull().isAfterOrEqualTo(ok.started());

        assertThatThrownBy(() -> scratch.operation(audit, p -> {
            throw new IllegalStateException("the disk is full");
        }).apply(scratch.plan(2))).hasMessage("the disk is full");
        AuditLog.Entry failed = audit.history(1).get(0);
        assertThat(failed.id()).isGreaterThan(ok.id());
        assertThat(failed.outcome()).isEqualTo("FAILED");
        assertThat(failed.report().get("error").asText()).isEqualTo("the disk is full");
        assertThat(failed.report().get("code").asText()).isEqualTo("IllegalStateException");

        assertThatThrownBy(() -> scratch.operation(audit, p -> {
            throw new DovetailException(ErrorCode.REFUSED, "more than 10 % of the store");
        }).apply(scratch.plan(1)));
        AuditLog.Entry refused = audit.history(1).get(0);
        assertThat(refused.outcome()).isEqualTo("REFUSED");
        assertThat(refused.report().get("code").asText()).isEqualTo("REFUSED");
        assertThat(audit.history(3)).extracting(AuditLog.Entry::id).containsExactly(refused.id(), failed.id(), ok.id());

        // A failed apply released its lock.
        try (OperationLock lock = OperationLock.acquire(dj.connection(), Scratch.OPERATION, db.schema("audited"))) {
            assertThat(lock.held()).isTrue();
        }
    }

    @Test
    void theLogIsCreatedOnFirstUseInTheConfiguredSchemaAndDataJointSeesNoTableThere(TestDatabase db) {
        String schema = db.schema("adm");
        Config config = TestConfigs.of(db).builder()
                .custom(JsonNodeFactory.instance.objectNode().put(AuditLog.SCHEMA_KEY, schema)).build();
        try (Dovetail dj = Dovetail.connect(config)) {
            AuditLog audit = AuditLog.on(dj.connection());
            assertThat(audit.schema()).isEqualTo(schema);
            assertThat(audit.history(10)).isEmpty();
            assertThat(schemaExists(dj, schema)).isFalse();

            Scratch scratch = new Scratch(dj.connection(), db.schema("first"));
            scratch.create();
            Operation.<Scratch.AddRows, Scratch.Added>of(dj.connection(), p -> new Scratch.Added(0)).apply(scratch.plan(1));

            assertThat(schemaExists(dj, schema)).isTrue();
            assertThat(audit.history(10)).singleElement().extracting(AuditLog.Entry::outcome).isEqualTo("OK");
            assertThat(dj.schema(schema).tables()).as("DataJoint's view of the schema").isEmpty();
            assertThat(dj.connection().query("SHOW TABLES FROM `" + schema + "`", r -> r.getString(1))).containsExactly("~dovetail_audit");
        }
    }

    @Test
    void aStalePlanIsRefusedUnderTheLockAndChangesNothing(Dovetail dj, Config config, TestDatabase db) {
        Scratch scratch = scratch(dj, db, "stale");
        AuditLog audit = audit(dj, db);
        Scratch.AddRows plan = scratch.plan(5);
        try (Connection other = Connection.open(config)) {
            other.execute("INSERT INTO `" + db.schema("stale") + "`.`rows` () VALUES ()");
        }
        long recorded = records(audit);
        assertThatThrownBy(() -> scratch.operation(audit, p -> { }).apply(plan))
                .hasMessageStartingWith("The plan for scratch add 5 rows is stale: what it was made from has changed since")
                .hasMessageEndingWith("nothing was done: plan again")
                .extracting(e -> ((DovetailException) e).code()).isEqualTo(ErrorCode.STALE_PLAN);
        assertThat(scratch.count()).isOne();
        assertThat(records(audit)).isEqualTo(recorded);

        Scratch.AddRows expired = new Scratch.AddRows(scratch.plan(5).header().validFor(Duration.ZERO), 5);
        assertThatThrownBy(() -> scratch.operation(audit, p -> { }).apply(expired))
                .hasMessageContaining("is stale: it expired at " + expired.header().expires())
                .extracting(e -> ((DovetailException) e).code()).isEqualTo(ErrorCode.STALE_PLAN);
        assertThat(scratch.count()).isOne();

        assertThat(scratch.operation(audit, p -> { }).apply(scratch.plan(5)).count()).isEqualTo(5);
        assertThat(scratch.count()).isEqualTo(6);
    }

    @Test
    void refusedAndEmptyPlansTakeNoLockAndWriteNoRecord(Dovetail dj, Config config, TestDatabase db) {
        Scratch scratch = scratch(dj, db, "empty");
        AuditLog audit = audit(dj, db);
        long recorded = records(audit);
        int[] runs = {0};
        Operation<Scratch.AddRows, Scratch.Added> counting = Operation.<Scratch.AddRows, Scratch.Added>of(dj.connection(), p -> {
            runs[0]++;
            return new Scratch.Added(0);
        }).recordingIn(audit);
        try (Connection other = Connection.open(config);
             OperationLock held = OperationLock.acquire(other, Scratch.OPERATION, db.schema("empty"))) {
            assertThat(held.held()).isTrue();
            assertThat(counting.apply(scratch.plan(0)).count()).isZero();
            assertThat(runs[0]).as("an empty plan's work runs, without the lock").isOne();
        }
        Scratch.AddRows plan = scratch.plan(1);
        OperationPlan refused = new Refused(plan);
        assertThat(refused.outcome()).isEqualTo(Report.Outcome.REFUSED);
        assertThatThrownBy(() -> Operation.<OperationPlan, Scratch.Added>of(dj.connection(), p -> new Scratch.Added(1))
                .recordingIn(audit).apply(refused))
                .hasMessage("the referenced set is empty")
                .extracting(e -> ((DovetailException) e).code()).isEqualTo(ErrorCode.REFUSED);
        assertThat(records(audit)).isEqualTo(recorded);
    }

    @Test
    void anApplyInsideATransactionIsRefusedBeforeTheWork(Dovetail dj, TestDatabase db) {
        Scratch scratch = scratch(dj, db, "tx");
        AuditLog audit = audit(dj, db);
        audit.history(1); // the log exists or not: either way nothing may be written inside the transaction
        dj.connection().startTransaction();
        try {
            assertThatThrownBy(() -> scratch.operation(audit, p -> { }).apply(scratch.plan(1)))
                    .isInstanceOf(TransactionException.class).hasMessageContaining("is written outside transactions");
        } finally {
            dj.connection().cancelTransaction();
        }
        assertThat(scratch.count()).isZero();
        try (OperationLock lock = OperationLock.acquire(dj.connection(), Scratch.OPERATION, db.schema("tx"))) {
            assertThat(lock.held()).isTrue();
        }
    }

    @Test
    void anAccountThatMayNotCreateTheLogIsToldWhatToDoAndNothingIsDone(Dovetail dj, Config config, TestDatabase db) {
        Scratch scratch = scratch(dj, db, "nolog");
        String user = db.schemaPrefix() + "w";
        dj.connection().execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY 'pw'");
        try {
            dj.connection().execute("GRANT ALL PRIVILEGES ON `" + db.schema("nolog") + "`.* TO '" + user + "'@'%'");
            String audit = db.schema("nolog_audit");
            try (Connection writer = Connection.open(config.toBuilder().user(user).password("pw").build())) {
                Scratch own = new Scratch(writer, db.schema("nolog"));
                assertThatThrownBy(() -> own.operation(AuditLog.on(writer, audit), p -> { }).apply(own.plan(1)))
                        .isInstanceOf(AccessException.class)
                        .hasMessageStartingWith("The audit log `" + audit + "`.`~dovetail_audit` does not exist and this account may not"
                                + " create it (")
                        .hasMessageEndingWith("apply once as an administrator, or name a schema this account may create tables in with"
                                + " custom[\"database.audit_schema\"]; nothing was done");
            }
            assertThat(scratch.count()).isZero();
        } finally {
            dj.connection().execute("DROP USER '" + user + "'@'%'");
        }
    }

    private static boolean schemaExists(Dovetail dj, String schema) {
        return dj.connection().queryValue("SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = ?", Long.class, schema)
                .orElse(0L) > 0;
    }

    /** A plan that says it would be refused (as a safety rule of cleanup would). */
    private record Refused(Scratch.AddRows plan) implements OperationPlan {
        @Override
        public Header header() {
            return plan.header();
        }

        @Override
        public boolean isEmpty() {
            return false;
        }

        @Override
        public Optional<String> refusal() {
            return Optional.of("the referenced set is empty");
        }

        @Override
        public String toText() {
            return plan.toText();
        }

        @Override
        public JsonNode toJson() {
            return plan.toJson();
        }

        @Override
        public List<String> columns() {
            return plan.columns();
        }

        @Override
        public List<List<Object>> rows() {
            return plan.rows();
        }
    }

    @Test
    void aRunWhoseSessionIsDroppedFailsInsteadOfGoingOnWithoutItsLock(Config config, TestDatabase db) {
        try (Dovetail own = Dovetail.connect(config); Connection dba = Connection.open(config)) {
            Scratch scratch = new Scratch(own.connection(), db.schema("dropped"));
            scratch.create();
            AuditLog audit = AuditLog.on(own.connection(), db.schema("audit"));
            long session = own.connection().connectionId();
            // after the first row the server drops the session holding the lock, as a DBA or wait_timeout would
            assertThatThrownBy(() -> scratch.operation(audit, p -> dba.execute("KILL CONNECTION " + session)).apply(scratch.plan(3)))
                    .isInstanceOf(LostConnectionException.class).hasMessageContaining("held a lock");
            assertThat(scratch.count()).as("nothing after the lost session").isEqualTo(1);
            AuditLog.Entry failed = audit.history(1).get(0);
            assertThat(failed.outcome()).isEqualTo("FAILED");
            assertThat(own.connection().connectionId()).as("a new session for what follows").isNotEqualTo(session);
            assertThat(dba.queryValue("SELECT IS_FREE_LOCK(?)", Long.class, OperationLock.name(Scratch.OPERATION, db.schema("dropped"))))
                    .contains(1L);
        }
    }

    @Test
    void aWorkThatCarriesOnAfterItsSessionWasDroppedIsReportedAsHavingLostTheLock(Config config, TestDatabase db) {
        try (Dovetail own = Dovetail.connect(config); Connection dba = Connection.open(config)) {
            Connection conn = own.connection();
            Scratch scratch = new Scratch(conn, db.schema("carried"));
            scratch.create();
            AuditLog audit = AuditLog.on(conn, db.schema("audit"));
            Operation<Scratch.AddRows, Scratch.Added> careless = Operation.<Scratch.AddRows, Scratch.Added>of(conn, plan -> {
                dba.execute("KILL CONNECTION " + conn.connectionId());
                try {
                    conn.execute("DO 1");
                } catch (LostConnectionException ignored) {
                    // a work that logs and goes on
                }
                conn.execute("DO 1"); // on a new session, without the lock
                return new Scratch.Added(plan.count());
            }).recordingIn(audit);
            assertThatThrownBy(() -> careless.apply(scratch.plan(1))).isInstanceOf(DovetailException.class)
                    .hasMessageContaining("lost its lock").extracting(e -> ((DovetailException) e).code()).isEqualTo(ErrorCode.LOCK_LOST);
            assertThat(audit.history(1).get(0).outcome()).isEqualTo("FAILED");
            assertThat(audit.history(1).get(0).report().get("code").asText()).isEqualTo("LOCK_LOST");
        }
    }
}
