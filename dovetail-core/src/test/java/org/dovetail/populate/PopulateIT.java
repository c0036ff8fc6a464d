package org.dovetail.populate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.dovetail.Dovetail;
import org.dovetail.DuplicateException;
import org.dovetail.InvalidOperationException;
import org.dovetail.Report;
import org.dovetail.TestConfigs;
import org.dovetail.TransactionException;
import org.dovetail.hash.KeyHash;
import org.dovetail.schema.Table;
import org.dovetail.testkit.DovetailTest;
import org.dovetail.testkit.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** populate, make, key_source and progress on the test pipeline, one worker. */
@DovetailTest
class PopulateIT {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static TestDatabase database;
    private static Dovetail dj;

    @BeforeAll
    static void open(TestDatabase db) {
        database = db;
        dj = Dovetail.connect(TestConfigs.of(db));
    }

    @AfterAll
    static void close() {
        dj.close();
    }

    private static Pipeline pipeline() {
        return Pipeline.declare(dj, database.schema("pop" + SCHEMAS.incrementAndGet()));
    }

    private static Map<String, Object> key(Object... pairs) {
        Map<String, Object> key = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            key.put((String) pairs[i], pairs[i + 1]);
        }
        return key;
    }

    @Test
    void theKeySourceJoinsThePrimaryParentsProjectedToTheirKeys() {
        Pipeline p = pipeline();
        Populator stats = Populator.of(p.table("ScanStats"), Pipeline.STATS);
        assertThat(stats.keySource().primaryKey()).containsExactly("subject_id", "param_id");
        assertThat(stats.keySource().names()).containsExactly("subject_id", "param_id");
        Populator pairing = Populator.of(p.table("Pairing"), (key, ctx) -> { });
        assertThat(pairing.keySource().names()).containsExactly("animal");
        assertThat(pairing.keySource().sql()).contains("`subject_id` as `animal`");
        assertThat(pairing.keySource().fetch("animal")).extracting(r -> r.get("animal")).containsExactly(1L, 2L, 3L);
        assertThat(pairing.progress()).isEqualTo(new Progress(3, 3));
    }

    @Test
    void onlyImportedAndComputedTablesArePopulated() {
        Pipeline p = pipeline();
        assertThatThrownBy(() -> Populator.of(p.table("Subject"), (key, ctx) -> { })).isInstanceOf(InvalidOperationException.class)
                .hasMessageContaining("not an Imported or Computed table");
        Populator restricted = Populator.of(p.table("Scan").restrict(Map.of("subject_id", 1)), Pipeline.SCAN);
        assertThatThrownBy(restricted::progress).hasMessage(
                "Cannot call populate on a restricted table. Instead, pass conditions to populate() as arguments.");
        assertThatThrownBy(() -> Populator.of(p.table("Scan"), Pipeline.SCAN).withKeySource(p.table("Param").proj()))
                .hasMessage("The populate target lacks attribute param_id from the primary key of key_source");
    }

    @Test
    void theImportedMasterWithItsPartsThenTheComputedTableDownstream() {
        Pipeline p = pipeline();
        Populator scan = Populator.of(p.table("Scan"), Pipeline.SCAN);
        Populator stats = Populator.of(p.table("ScanStats"), Pipeline.STATS);
        assertThat(scan.progress()).isEqualTo(new Progress(3, 3));
        assertThat(stats.progress()).isEqualTo(new Progress(0, 0));

        PopulateReport first = scan.populate(PopulateOptions.defaults().withMaxCalls(1));
        assertThat(first.made()).isEqualTo(1);
        assertThat(first.keys()).isEqualTo(1);
        assertThat(scan.progress()).isEqualTo(new Progress(2, 3));
        assertThat(stats.progress()).isEqualTo(new Progress(2, 2));
        assertThat(scan.progress(Map.of("subject_id", 1))).isEqualTo(new Progress(0, 1));

        PopulateReport rest = scan.populate(PopulateOptions.defaults().withReserveJobs(true));
        assertThat(rest.made()).isEqualTo(2);
        assertThat(rest.outcome()).isEqualTo(Report.Outcome.OK);
        assertThat(scan.progress()).isEqualTo(new Progress(0, 3));
        assertThat(p.table("Scan.Unit").count()).isEqualTo(1 + 2 + 3);
        assertThat(stats.progress()).isEqualTo(new Progress(6, 6));

        PopulateReport restricted = stats.populate(Map.of("param_id", "p"));
        assertThat(restricted.made()).isEqualTo(3);
        assertThat(stats.progress()).isEqualTo(new Progress(3, 6));
        assertThat(stats.progress("param_id = 'p'")).isEqualTo(new Progress(0, 3));
        stats.populate();
        assertThat(stats.progress()).isEqualTo(new Progress(0, 6));
        assertThat(p.table("ScanStats").restrict(key("subject_id", 2, "param_id", "p1")).fetch1("total").get("total"))
                .isEqualTo((1.5 + 3.0) * 10);
        assertThat(JobTable.of(p.schema).jobs()).isEmpty();
        assertThat(scan.populate().keys()).isZero();
    }

    @Test
    void directInsertsIntoTheTargetOnlyInsideItsMake() {
        Pipeline p = pipeline();
        Table scanTable = p.table("Scan");
        assertThatThrownBy(() -> scanTable.insert1(key("subject_id", 1, "n_units", 0))).isInstanceOf(InvalidOperationException.class)
                .hasMessageContaining("can only be done inside its make method");
        Populator scan = Populator.of(scanTable, (key, ctx) -> {
            Map<String, Object> row = new LinkedHashMap<>(key);
            row.put("n_units", 0);
            ctx.target().insert1(row); // the table itself, not only ctx.insert1
            assertThatThrownBy(() -> p.table("ScanStats").insert1(key("subject_id", 1, "param_id", "p", "total", 0.0)))
                    .as("another auto-populated table").hasMessageContaining("can only be done inside its make method");
        });
        assertThat(scan.populate().made()).isEqualTo(3);
        assertThatThrownBy(() -> scanTable.insert1(key("subject_id", 9, "n_units", 0))).hasMessageContaining("inside its make method");
    }

    @Test
    void aFailedMakeIsRolledBackAndRecordedWithItsMessageAndStack() {
        Pipeline p = pipeline();
        Populator scan = Populator.of(p.table("Scan"), (key, ctx) -> {
            Pipeline.SCAN.make(key, ctx);
            if (key.get("subject_id").equals(2L)) {
                throw new IllegalStateException("no file for subject 2");
            }
        });
        PopulateReport report = scan.populate(PopulateOptions.defaults().withReserveJobs(true).withSuppressErrors(true));
        assertThat(report.made()).isEqualTo(2);
        assertThat(report.failures()).singleElement().satisfies(f -> {
            assertThat(f.key()).isEqualTo(key("subject_id", 2L));
            assertThat(f.message()).isEqualTo("IllegalStateException: no file for subject 2");
            assertThat(f.error()).isInstanceOf(IllegalStateException.class);
        });
        assertThat(report.outcome()).isEqualTo(Report.Outcome.FAILED);
        assertThat(report.toText()).contains("{subject_id=2}: IllegalStateException: no file for subject 2");
        assertThat(report.toJson().get("errors").get(0).get("key").get("subject_id").asLong()).isEqualTo(2);
        assertThat(p.table("Scan.Unit").restrict(Map.of("subject_id", 2)).count()).as("parts rolled back").isZero();

        Job row = JobTable.of(p.schema).jobs("_scan").get(0);
        assertThat(row.status()).isEqualTo(JobStatus.ERROR);
        assertThat(row.keyHash()).isEqualTo(KeyHash.keyHash(key("subject_id", 2L)));
        assertThat(row.key()).isEqualTo(key("subject_id", 2L));
        assertThat(row.errorMessage()).isEqualTo("IllegalStateException: no file for subject 2");
        assertThat(row.errorStack()).startsWith("java.lang.IllegalStateException: no file for subject 2").contains("\tat ");
        assertThat(row.user()).isEqualTo(dj.connection().queryValue("SELECT user()", String.class).orElseThrow());
        assertThat(row.host()).isEqualTo(JobTable.host());
        assertThat(row.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(row.connectionId()).isEqualTo(dj.connection().connectionId());

        // the error row keeps the key out of reserved populates, not out of plain ones
        assertThat(scan.keysToDo(PopulateOptions.defaults().withReserveJobs(true))).isEmpty();
        assertThat(scan.keysToDo(PopulateOptions.defaults())).containsExactly(key("subject_id", 2L));
        assertThat(scan.progress()).isEqualTo(new Progress(1, 3));
    }

    @Test
    void withoutSuppressErrorsTheFirstFailureStopsThePopulateAndIsThrown() {
        Pipeline p = pipeline();
        AtomicInteger calls = new AtomicInteger();
        Populator scan = Populator.of(p.table("Scan"), (key, ctx) -> {
            calls.incrementAndGet();
            throw new IOException("disk gone");
        });
        assertThatThrownBy(() -> scan.populate(PopulateOptions.defaults().withReserveJobs(true))).isInstanceOf(MakeException.class)
                .hasMessageContaining("IOException: disk gone").hasCauseInstanceOf(IOException.class)
                .satisfies(e -> assertThat(((MakeException) e).key()).isEqualTo(key("subject_id", 1L)));
        assertThat(calls).hasValue(1);
        assertThat(JobTable.of(p.schema).jobs()).extracting(Job::status, Job::errorMessage)
                .containsExactly(tuple(JobStatus.ERROR, "IOException: disk gone"));
    }

    @Test
    void dovetailErrorsAreNamedAsDataJointNamesThem() {
        Pipeline p = pipeline();
        Populator scan = Populator.of(p.table("Scan"), (key, ctx) -> {
            Map<String, Object> row = new LinkedHashMap<>(key);
            row.put("n_units", 1);
            ctx.insert1(row);
            ctx.insert1(row);
        });
        PopulateReport report = scan.populate(PopulateOptions.defaults().withSuppressErrors(true).withMaxCalls(1));
        assertThat(report.failures().get(0).message()).startsWith("DuplicateError: ");
    }

    @Test
    void limitCountsKeysBeforeTheJobFilterAndMaxCallsAfterIt() {
        Pipeline p = pipeline();
        Populator scan = Populator.of(p.table("Scan"), Pipeline.SCAN);
        JobTable jobs = JobTable.of(p.schema);
        jobs.error("_scan", key("subject_id", 1L), "RuntimeException: earlier", null);
        PopulateOptions reserved = PopulateOptions.defaults().withReserveJobs(true);
        assertThat(scan.keysToDo(reserved.withLimit(1))).isEmpty();
        assertThat(scan.keysToDo(reserved.withLimit(2))).containsExactly(key("subject_id", 2L));
        assertThat(scan.keysToDo(reserved.withMaxCalls(1))).containsExactly(key("subject_id", 2L));
        assertThat(scan.keysToDo(reserved.withOrder(PopulateOptions.Order.REVERSE).withMaxCalls(1))).containsExactly(key("subject_id", 3L));
        assertThat(scan.keysToDo(reserved.withOrder(PopulateOptions.Order.RANDOM))).containsExactlyInAnyOrder(key("subject_id", 2L),
                key("subject_id", 3L));
        assertThat(scan.keysToDo(PopulateOptions.defaults().withLimit(0))).hasSize(3);
        assertThat(scan.populate(reserved.withLimit(1)).made()).isZero();
        assertThat(scan.populate(reserved.withMaxCalls(1)).made()).isEqualTo(1);
        assertThat(scan.progress()).isEqualTo(new Progress(2, 3));
    }

    @Test
    void oneKeyAtATimeForWorkersThatLoopThemselves() {
        Pipeline p = pipeline();
        Populator scan = Populator.of(p.table("Scan"), Pipeline.SCAN);
        JobTable jobs = JobTable.of(p.schema);
        try (Dovetail other = Dovetail.connect(TestConfigs.of(database))) {
            JobTable otherJobs = JobTable.of(other.schema(p.schema.name()));
            assertThat(otherJobs.reserve("_scan", key("subject_id", 1L))).isTrue();
            assertThat(scan.populate1(key("subject_id", 1L), true).outcome()).isEqualTo(JobOutcome.TAKEN);
            assertThat(p.table("Scan").count()).isZero();
            assertThat(otherJobs.complete("_scan", key("subject_id", 1L))).isTrue();
        }
        JobResult made = scan.populate1(key("subject_id", 1L), true);
        assertThat(made.outcome()).isEqualTo(JobOutcome.MADE);
        assertThat(made.duration()).isPositive();
        assertThat(jobs.jobs()).isEmpty();

        assertThat(scan.populate1(key("subject_id", 1L), true).outcome()).isEqualTo(JobOutcome.ALREADY_DONE);
        assertThat(jobs.jobs()).as("the reservation of a done key is released").isEmpty();

        assertThat(jobs.reserve("_scan", key("subject_id", 2L))).isTrue();
        assertThat(scan.makeReserved(key("subject_id", 2L)).outcome()).isEqualTo(JobOutcome.MADE);
        assertThat(jobs.jobs()).isEmpty();
        assertThat(scan.populate1(key("subject_id", 3L), false).outcome()).isEqualTo(JobOutcome.MADE);
        assertThat(scan.progress()).isEqualTo(new Progress(0, 3));
    }

    @Test
    void populateEachMakesTheKeysItIsGivenOneCommitEachAndEndsTheJobBeforeAFailingSupplierThrows() {
        Pipeline p = pipeline();
        Populator scan = Populator.of(p.table("Scan"), Pipeline.SCAN);
        List<String> heard = new CopyOnWriteArrayList<>();
        JobListener listener = new JobListener() {
            @Override
            public void made(JobResult result) {
                heard.add("made " + result.key());
            }
        };
        AtomicInteger asked = new AtomicInteger();
        scan.populateEach(() -> asked.incrementAndGet() <= 2 ? key("subject_id", (long) asked.get()) : null, listener);
        assertThat(heard).containsExactly("made {subject_id=1}", "made {subject_id=2}");

        AtomicInteger again = new AtomicInteger();
        assertThatThrownBy(() -> scan.populateEach(() -> {
            if (again.incrementAndGet() == 1) {
                return key("subject_id", 3L);
            }
            throw new IllegalStateException("the list of keys is gone");
        }, listener)).hasMessage("the list of keys is gone");
        assertThat(heard).as("key 3 committed before the error").containsExactly("made {subject_id=1}", "made {subject_id=2}",
                "made {subject_id=3}");
        assertThat(p.table("Scan").count()).isEqualTo(3);
        assertThat(JobTable.of(p.schema).jobs()).as("no reservation left").isEmpty();
        assertThat(dj.connection().inTransaction()).isFalse();
    }

    @Test
    void keysStillToDoDropsKeysMadeOrHeldSinceTheyWereListedAndKeepsTheOrder() {
        Pipeline p = pipeline();
        Populator scan = Populator.of(p.table("Scan"), Pipeline.SCAN);
        List<Map<String, Object>> listed = scan.keysToDo(PopulateOptions.defaults().withReserveJobs(true).withOrder(PopulateOptions.Order.REVERSE));
        assertThat(listed).extracting(k -> k.get("subject_id")).containsExactly(3L, 2L, 1L);
        assertThat(scan.keysStillToDo(listed)).isEqualTo(listed);

        assertThat(scan.populate1(key("subject_id", 2L), true).outcome()).isEqualTo(JobOutcome.MADE); // made by another worker
        JobTable.of(p.schema).error("_scan", key("subject_id", 3L), "ValueError: no units", "");
        assertThat(scan.keysStillToDo(listed)).extracting(k -> k.get("subject_id")).containsExactly(1L);
        assertThat(JobTable.of(p.schema).reserve("_scan", key("subject_id", 1L))).isTrue();
        assertThat(scan.keysStillToDo(listed)).as("reserved by another worker").isEmpty();
        assertThat(scan.keysStillToDo(List.of())).isEmpty();
    }

    @Test
    void populateRefusesToRunInsideATransaction() {
        Pipeline p = pipeline();
        Populator scan = Populator.of(p.table("Scan"), Pipeline.SCAN);
        dj.connection().startTransaction();
        try {
            assertThatThrownBy(scan::populate).isInstanceOf(TransactionException.class)
                    .hasMessage("Populate cannot be called during a transaction.");
            assertThatThrownBy(() -> scan.populate1(key("subject_id", 1L), false)).isInstanceOf(TransactionException.class);
        } finally {
            dj.connection().cancelTransaction();
        }
    }

    @Test
    void theListenerHearsOfEveryJob() {
        Pipeline p = pipeline();
        p.table("Subject").insert1(Map.of("subject_id", 4, "weight", 1.0));
        List<String> heard = new CopyOnWriteArrayList<>();
        JobListener listener = new JobListener() {
            @Override
            public void reserved(Map<String, Object> key) {
                heard.add("reserved " + key);
            }

            @Override
            public void made(JobResult result) {
                heard.add("made " + result.key());
            }

            @Override
            public void failed(JobResult result) {
                heard.add("failed " + result.key() + " " + result.message());
            }

            @Override
            public void skipped(JobResult result) {
                heard.add("skipped " + result.key() + " " + result.outcome());
            }
        };
        try (Dovetail other = Dovetail.connect(TestConfigs.of(database))) {
            JobTable otherWorker = JobTable.of(other.schema(p.schema.name()));
            Populator scan = Populator.of(p.table("Scan"), (key, ctx) -> {
                if (key.get("subject_id").equals(1L)) {
                    otherWorker.reserve("_scan", key("subject_id", 2L)); // another worker takes key 2 meanwhile
                    other.connection().execute("INSERT INTO " + p.table("Scan").fullName() + " (subject_id, n_units) VALUES (4, 0)"); // and makes 4
                }
                if (key.get("subject_id").equals(3L)) {
                    throw new IllegalArgumentException();
                }
                Pipeline.SCAN.make(key, ctx);
            });
            scan.populate(PopulateOptions.defaults().withReserveJobs(true).withSuppressErrors(true).withListener(listener));
        }
        assertThat(heard).as("a key found done after its reservation is not told reserved").containsExactly("reserved {subject_id=1}",
                "made {subject_id=1}", "skipped {subject_id=2} TAKEN", "reserved {subject_id=3}", "failed {subject_id=3} IllegalArgumentException",
                "skipped {subject_id=4} ALREADY_DONE");
    }

    @Test
    void aReservationThatTimesOutInsideTheJobBeforeHasThatJobMadeAgainNotFailed() {
        Pipeline p = pipeline();
        List<Long> made = new CopyOnWriteArrayList<>();
        try (Dovetail worker = Dovetail.connect(TestConfigs.of(database)); Dovetail other = Dovetail.connect(TestConfigs.of(database))) {
            worker.connection().execute("SET SESSION innodb_lock_wait_timeout = 1");
            // another session holds key 2's reservation uncommitted: inserting it again waits, then times out
            other.connection().startTransaction();
            Map<String, Object> two = key("subject_id", 2L);
            other.connection().execute("INSERT INTO " + p.schema.jobsTable() + " (`table_name`,`key_hash`,`status`,`key`) VALUES (?,?,?,?)",
                    "_scan", KeyHash.keyHash(two), "reserved", JobTable.packKey(two));
            Populator scan = Populator.of(worker.schema(p.schema.name()).table("Scan"), (key, ctx) -> {
                made.add((Long) key.get("subject_id"));
                Pipeline.SCAN.make(key, ctx);
            });
            try {
                assertThatThrownBy(() -> scan.populate(PopulateOptions.defaults().withReserveJobs(true).withSuppressErrors(true)))
                        .as("key 2's reservation, tried again alone").hasMessageContaining("Lock wait timeout");
            } finally {
                other.connection().cancelTransaction();
            }
        }
        // key 1 was made, but its commit was to carry key 2's reservation: rolled back with it, then made again and committed
        assertThat(made).containsExactly(1L, 1L);
        assertThat(p.table("Scan").count()).isEqualTo(1);
        assertThat(JobTable.of(p.schema).jobs()).as("no error row, no reservation left").isEmpty();
    }

    /**
     * Two workers end a job each and reserve the other's key in the same moment: each reservation
     * waits for the other's delete, a deadlock. The one rolled back makes its job again instead of
     * recording an error. The other worker is a session that holds key 2's row deleted (and a
     * hundred rows written, so that InnoDB picks the populate's transaction to roll back); the
     * server says when the populate waits in the window.
     */
    @Test
    void aReservationDeadlockedWithAnotherWorkersEndHasTheJobBeforeMadeAgainNotFailed() throws Exception {
        Pipeline p = pipeline();
        String name = p.schema.name();
        Map<String, Object> one = key("subject_id", 1L);
        Map<String, Object> two = key("subject_id", 2L);
        List<Long> made = new CopyOnWriteArrayList<>();
        try (Dovetail worker = Dovetail.connect(TestConfigs.of(database)); Dovetail other = Dovetail.connect(TestConfigs.of(database))) {
            other.connection().execute("CREATE TABLE `" + name + "`.`ballast` (id int PRIMARY KEY)");
            assertThat(JobTable.of(other.schema(name)).reserve("_scan", two)).isTrue();
            other.connection().startTransaction();
            other.connection().execute("INSERT INTO `" + name + "`.`ballast` SELECT seq FROM `" + name + "`.seq_1_to_100");
            other.connection().execute("DELETE FROM " + p.schema.jobsTable() + " WHERE table_name = '_scan' AND key_hash = ?", KeyHash.keyHash(two));

            Populator scan = Populator.of(worker.schema(name).table("Scan"), (key, ctx) -> {
                made.add((Long) key.get("subject_id"));
                Pipeline.SCAN.make(key, ctx);
            });
            List<String> heard = new CopyOnWriteArrayList<>();
            JobListener outcomes = new JobListener() {
                @Override
                public void made(JobResult result) {
                    heard.add(result.key().get("subject_id") + " " + result.outcome());
                }

                @Override
                public void failed(JobResult result) {
                    heard.add(result.key().get("subject_id") + " " + result.outcome() + " " + result.message());
                }

                @Override
                public void skipped(JobResult result) {
                    heard.add(result.key().get("subject_id") + " " + result.outcome());
                }
            };
            // a worker's own list, made before the other worker took key 2 (a listing now would leave key 2 out)
            List<Map<String, Object>> keys = new ArrayList<>(List.of(one, two, key("subject_id", 3L)));
            CompletableFuture<Void> run = CompletableFuture.runAsync(() -> scan.populateEach(() -> keys.isEmpty() ? null : keys.remove(0),
                    outcomes));
            awaitLockWait(worker.connection().connectionId(), run); // key 1's end, at the reservation of key 2
            assertThatThrownBy(() -> other.connection().execute("INSERT INTO " + p.schema.jobsTable()
                    + " (`table_name`,`key_hash`,`status`,`key`) VALUES (?,?,?,?)", "_scan", KeyHash.keyHash(one), "reserved",
                    JobTable.packKey(one))).as("the populate's rollback restored its reservation of key 1").isInstanceOf(DuplicateException.class);
            other.connection().cancelTransaction(); // key 2's row is back: the other worker holds it

            run.get();
            assertThat(heard).containsExactly("1 MADE", "2 TAKEN", "3 MADE");
        }
        assertThat(made).as("key 1 made again after the rollback").containsExactly(1L, 1L, 3L);
        assertThat(p.table("Scan").count()).isEqualTo(2);
        assertThat(JobTable.of(p.schema).jobs()).extracting(j -> j.key().get("subject_id"), Job::status)
                .as("no error row: only the other worker's reservation").containsExactly(tuple(2L, JobStatus.RESERVED));
    }

    /**
     * Returns once the server shows {@code connectionId}'s transaction waiting for a lock; fails if
     * {@code work} ends first. From InnoDB's status, which is current at every read:
     * information_schema.innodb_trx is a cache that a reader polling it continuously never sees refreshed.
     */
    private static void awaitLockWait(long connectionId, CompletableFuture<?> work) {
        try (Dovetail watcher = Dovetail.connect(TestConfigs.of(database))) {
            while (!waitsForLock(watcher.connection().query("SHOW ENGINE INNODB STATUS", r -> r.getString(3)).get(0), connectionId)) {
                if (work.isDone()) {
                    throw new AssertionError("connection " + connectionId + " ended its work before waiting for a lock: " + work.join());
                }
                Thread.onSpinWait();
            }
        }
    }

    /** Whether the transaction of {@code connectionId} is in a lock wait, in the TRANSACTIONS section of InnoDB's status. */
    private static boolean waitsForLock(String status, long connectionId) {
        for (String trx : status.split("---TRANSACTION ")) {
            if (trx.contains("LOCK WAIT") && trx.contains("MariaDB thread id " + connectionId + ",")) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aReservedJobIsOneRequestWithItsMakesInsert() {
        Pipeline p = pipeline();
        List<Map<String, Object>> more = new ArrayList<>();
        for (int s = 4; s <= 40; s++) {
            more.add(Map.of("subject_id", s, "weight", 1.0));
        }
        p.table("Subject").insert(more);
        Populator pairing = Populator.of(p.table("Pairing"), (key, ctx) -> {
            Map<String, Object> row = new LinkedHashMap<>(key);
            row.put("label", "a" + key.get("animal"));
            ctx.insert1(row); // the make's one statement
        });
        // catalog and headings read once; every group text of a run seen twice, so prepared on the server
        pairing.populate(PopulateOptions.defaults().withReserveJobs(true).withLimit(3));
        pairing.populate(PopulateOptions.defaults().withReserveJobs(true).withLimit(3));
        long before = questions();
        PopulateReport ten = pairing.populate(PopulateOptions.defaults().withReserveJobs(true).withLimit(10));
        long middle = questions();
        PopulateReport rest = pairing.populate(PopulateOptions.defaults().withReserveJobs(true));
        long after = questions();

        assertThat(ten.made()).isEqualTo(10);
        assertThat(rest.made()).isEqualTo(24);
        // per job: one request (the job before's insert, row delete and commit, this one's reservation,
        // snapshot and done check); the per-run statements cancel out
        long perRunAndJobs10 = middle - before - 1;
        long perRunAndJobs24 = after - middle - 1;
        assertThat(perRunAndJobs24 - perRunAndJobs10).isEqualTo(requestsPerJob() * (24 - 10));
        assertThat(JobTable.of(p.schema).jobs()).isEmpty();
        assertThat(p.table("Pairing").count()).isEqualTo(40);
    }

    @Test
    void aMakesInsertsWaitForTheJobsEndYetItsOwnQueriesSeeThem() {
        Pipeline p = pipeline();
        List<Long> seen = new ArrayList<>();
        Populator scan = Populator.of(p.table("Scan"), (key, ctx) -> {
            Pipeline.SCAN.make(key, ctx);
            seen.add(ctx.part("Unit").restrict(key).count()); // a query: what the make inserted goes first
        });
        assertThat(scan.populate(PopulateOptions.defaults().withReserveJobs(true)).made()).isEqualTo(3);
        assertThat(seen).containsExactly(1L, 2L, 3L);
        assertThat(p.table("Scan.Unit").count()).isEqualTo(6);
    }

    @Test
    void aServerErrorOfAnInsertHeldBackFailsItsJobAsTheInsertAloneWould() {
        Pipeline p = pipeline();
        Populator scan = Populator.of(p.table("Scan"), (key, ctx) -> {
            Pipeline.SCAN.make(key, ctx);
            if (key.get("subject_id").equals(2L)) {
                ctx.part("Unit").insert1(key("subject_id", 2L, "unit", 1, "value", 0.5)); // unit 1 again
            }
        });
        PopulateReport report = scan.populate(PopulateOptions.defaults().withReserveJobs(true).withSuppressErrors(true));
        assertThat(report.made()).isEqualTo(2);
        assertThat(report.failures()).singleElement().satisfies(f -> {
            assertThat(f.key()).isEqualTo(key("subject_id", 2L));
            assertThat(f.message()).startsWith("DuplicateError: ").contains("_scan__unit`: ").contains("InsertOption.SKIP_DUPLICATES");
            assertThat(f.error()).isInstanceOf(DuplicateException.class);
        });
        assertThat(p.table("Scan").restrict(Map.of("subject_id", 2)).count()).as("the job's rows rolled back").isZero();
        assertThat(p.table("Scan.Unit").restrict(Map.of("subject_id", 2)).count()).isZero();
        assertThat(p.table("Scan.Unit").count()).as("the jobs before and after made").isEqualTo(1 + 3);
        assertThat(JobTable.of(p.schema).jobs()).extracting(j -> j.key().get("subject_id"), Job::status)
                .containsExactly(tuple(2L, JobStatus.ERROR));
        assertThat(JobTable.of(p.schema).jobs().get(0).errorMessage()).isEqualTo(report.failures().get(0).message());
    }

    @Test
    void aMakeThatFlushesCatchesTheServerErrorOfItsInsert() {
        Pipeline p = pipeline();
        AtomicInteger caught = new AtomicInteger();
        Populator scan = Populator.of(p.table("Scan"), (key, ctx) -> {
            Map<String, Object> row = new LinkedHashMap<>(key);
            row.put("n_units", 0);
            ctx.insert1(row);
            try {
                ctx.insert1(row);
                ctx.flush();
            } catch (DuplicateException e) {
                caught.incrementAndGet();
            }
        });
        assertThat(scan.populate(PopulateOptions.defaults().withReserveJobs(true)).made()).isEqualTo(3);
        assertThat(caught).hasValue(3);
        assertThat(p.table("Scan").count()).isEqualTo(3);
    }

    @Test
    void aStopBetweenJobsReleasesTheKeyReservedWithTheCommitBefore() {
        Pipeline p = pipeline();
        AtomicInteger made = new AtomicInteger();
        List<Map<String, Object>> reserved = new CopyOnWriteArrayList<>();
        AtomicReference<Populator> self = new AtomicReference<>();
        Populator scan = Populator.of(p.table("Scan"), Pipeline.SCAN);
        self.set(scan);
        JobListener stopAfterFirst = new JobListener() {
            @Override
            public void reserved(Map<String, Object> key) {
                reserved.add(key);
            }

            @Override
            public void made(JobResult result) {
                // told once the commit, the delete and the next key's reservation came back
                if (made.incrementAndGet() == 1) {
                    self.get().requestStop(StopReason.TERMINATE, false);
                }
            }
        };
        PopulateReport report = scan.populate(PopulateOptions.defaults().withReserveJobs(true).withListener(stopAfterFirst));

        assertThat(report.made()).isEqualTo(1);
        assertThat(report.stopped()).contains(StopReason.TERMINATE);
        assertThat(report.notAttempted()).isEqualTo(Pipeline.SUBJECTS - 1);
        assertThat(reserved).as("the second key was reserved with the first's commit, then released untold").hasSize(1);
        assertThat(JobTable.of(p.schema).jobs()).as("no reservation left behind").isEmpty();
        assertThat(p.table("Scan").count()).isEqualTo(1);
    }

    /** One when statements are grouped (MariaDB); six, DataJoint's count, when they go one by one. */
    long requestsPerJob() {
        return 1;
    }

    private static long questions() {
        return dj.connection().query("SHOW SESSION STATUS LIKE 'Questions'", r -> r.getLong(2)).get(0);
    }
}
