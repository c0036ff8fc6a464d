package org.dovetail.populate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.dovetail.Dovetail;
import org.dovetail.Report;
import org.dovetail.TestConfigs;
import org.dovetail.testkit.DovetailTest;
import org.dovetail.testkit.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Several workers on one table, and stopping a populate from another thread. */
@DovetailTest
class ParallelPopulateIT {
    private static final int SUBJECTS = 24;
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static TestDatabase database;
    private static Dovetail dj;
    private static ExecutorService threads;

    @BeforeAll
    static void open(TestDatabase db) {
        database = db;
        dj = Dovetail.connect(TestConfigs.of(db));
        threads = Executors.newCachedThreadPool();
    }

    @AfterAll
    static void close() {
        threads.shutdownNow();
        dj.close();
    }

    private static Pipeline pipeline() {
        Pipeline p = Pipeline.declare(dj, database.schema("par" + SCHEMAS.incrementAndGet()));
        List<Map<String, Object>> more = new ArrayList<>();
        for (int s = Pipeline.SUBJECTS + 1; s <= SUBJECTS; s++) {
            more.add(Map.of("subject_id", s, "weight", 1.0));
        }
        p.table("Subject").insert(more);
        return p;
    }

    /** A trivial make that counts how often each key is made. */
    private static Make counting(Map<Object, AtomicInteger> made) {
        return (key, ctx) -> {
            made.computeIfAbsent(key.get("subject_id"), k -> new AtomicInteger()).incrementAndGet();
            Map<String, Object> row = new LinkedHashMap<>(key);
            row.put("n_units", 0);
            ctx.insert1(row);
        };
    }

    @Test
    void processesAreParallelWorkersEachOnItsOwnConnection() {
        Pipeline p = pipeline();
        CountDownLatch allThree = new CountDownLatch(3);
        Set<Long> connections = ConcurrentHashMap.newKeySet();
        Map<Object, AtomicInteger> made = new ConcurrentHashMap<>();
        Make make = counting(made);
        Populator scan = Populator.of(p.table("Scan"), (key, ctx) -> {
            connections.add(ctx.dovetail().connection().connectionId());
            allThree.countDown();
            assertThat(allThree.await(60, TimeUnit.SECONDS)).as("three makes at once").isTrue();
            make.make(key, ctx);
        });
        PopulateReport report = scan.populate(PopulateOptions.defaults().withProcesses(3).withReserveJobs(true));
        assertThat(report.made()).isEqualTo(SUBJECTS);
        assertThat(connections).hasSize(3).doesNotContain(dj.connection().connectionId());
        assertThat(made).hasSize(SUBJECTS).allSatisfy((k, n) -> assertThat(n).hasValue(1));
        assertThat(JobTable.of(p.schema).jobs()).isEmpty();
    }

    @Test
    void independentWorkersOnTheSameTableMakeEveryKeyExactlyOnce() throws Exception {
        Pipeline p = pipeline();
        Map<Object, AtomicInteger> made = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<PopulateReport>> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            workers.add(threads.submit(() -> {
                try (Dovetail own = Dovetail.connect(TestConfigs.of(database))) {
                    Populator scan = Populator.of(own.schema(p.schema.name()).table("Scan"), counting(made));
                    start.await();
                    return scan.populate(PopulateOptions.defaults().withReserveJobs(true).withOrder(PopulateOptions.Order.RANDOM));
                }
            }));
        }
        start.countDown();
        long total = 0;
        for (Future<PopulateReport> worker : workers) {
            PopulateReport report = worker.get(120, TimeUnit.SECONDS);
            assertThat(report.failures()).isEmpty();
            total += report.made();
        }
        assertThat(total).isEqualTo(SUBJECTS);
        assertThat(made).hasSize(SUBJECTS).allSatisfy((k, n) -> assertThat(n).hasValue(1));
        assertThat(p.table("Scan").count()).isEqualTo(SUBJECTS);
        assertThat(JobTable.of(p.schema).jobs()).isEmpty();
    }

    @Test
    void anAbortingStopRecordsTheRunningJobAsPythonDoesAndStartsNoOther() throws Exception {
        Pipeline p = pipeline();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        try (Dovetail own = Dovetail.connect(TestConfigs.of(database))) {
            Populator scan = Populator.of(own.schema(p.schema.name()).table("Scan"), (key, ctx) -> {
                Pipeline.SCAN.make(key, ctx);
                inside.countDown();
                never.await(); // interrupted by the stop
            });
            Future<PopulateReport> run = threads.submit(() -> scan.populate(PopulateOptions.defaults().withReserveJobs(true)));
            assertThat(inside.await(60, TimeUnit.SECONDS)).isTrue();
            scan.requestStop(StopReason.TERMINATE, true);
            PopulateReport report = run.get(60, TimeUnit.SECONDS);
            assertThat(report.stopped()).contains(StopReason.TERMINATE);
            assertThat(report.interrupted()).singleElement().satisfies(r -> {
                assertThat(r.key()).isEqualTo(Map.of("subject_id", 1L));
                assertThat(r.message()).isEqualTo("SystemExit: SIGTERM received");
            });
            assertThat(report.made()).isZero();
            assertThat(report.notAttempted()).isEqualTo(SUBJECTS - 1);
            assertThat(report.outcome()).isEqualTo(Report.Outcome.OK);
            assertThat(scan.populate().keys()).as("the request stays").isEqualTo(SUBJECTS);
        }
        assertThat(p.table("Scan").count()).isZero();
        assertThat(p.table("Scan.Unit").count()).isZero();
        assertThat(JobTable.of(p.schema).jobs()).singleElement().satisfies(j -> {
            assertThat(j.status()).isEqualTo(JobStatus.ERROR);
            assertThat(j.errorMessage()).isEqualTo("SystemExit: SIGTERM received");
            assertThat(j.key()).isEqualTo(Map.of("subject_id", 1L));
        });
    }

    @Test
    void aMakeThatReturnsAfterAnAbortIsRolledBack() throws Exception {
        Pipeline p = pipeline();
        CountDownLatch inside = new CountDownLatch(1);
        try (Dovetail own = Dovetail.connect(TestConfigs.of(database))) {
            Populator scan = Populator.of(own.schema(p.schema.name()).table("Scan"), (key, ctx) -> {
                Pipeline.SCAN.make(key, ctx);
                inside.countDown();
                while (!ctx.abortRequested()) {
                    Thread.onSpinWait();
                }
            });
            AtomicBoolean flagLeft = new AtomicBoolean(true);
            Future<PopulateReport> run = threads.submit(() -> {
                PopulateReport r = scan.populate(PopulateOptions.defaults().withReserveJobs(true).withSuppressErrors(true));
                flagLeft.set(Thread.currentThread().isInterrupted());
                return r;
            });
            assertThat(inside.await(60, TimeUnit.SECONDS)).isTrue();
            scan.requestStop(StopReason.INTERRUPT, true);
            PopulateReport report = run.get(60, TimeUnit.SECONDS);
            assertThat(report.interrupted()).extracting(JobResult::message).containsExactly("KeyboardInterrupt");
            assertThat(report.results()).hasSize(1);
            assertThat(own.connection().inTransaction()).isFalse();
            assertThat(flagLeft).as("no interrupt left on the populating thread").isFalse();
        }
        assertThat(p.table("Scan").count()).isZero();
        assertThat(JobTable.of(p.schema).jobs()).extracting(Job::errorMessage).containsExactly("KeyboardInterrupt");
    }

    @Test
    void aStopWithoutAbortFinishesTheRunningJob() throws Exception {
        Pipeline p = pipeline();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (Dovetail own = Dovetail.connect(TestConfigs.of(database))) {
            Populator scan = Populator.of(own.schema(p.schema.name()).table("Scan"), (key, ctx) -> {
                inside.countDown();
                assertThat(release.await(60, TimeUnit.SECONDS)).isTrue();
                Pipeline.SCAN.make(key, ctx);
            });
            Future<PopulateReport> run = threads.submit(() -> scan.populate(PopulateOptions.defaults().withReserveJobs(true)
                    .withProcesses(2)));
            assertThat(inside.await(60, TimeUnit.SECONDS)).isTrue();
            scan.requestStop(StopReason.TERMINATE, false);
            release.countDown();
            PopulateReport report = run.get(60, TimeUnit.SECONDS);
            assertThat(report.stopped()).contains(StopReason.TERMINATE);
            assertThat(report.interrupted()).isEmpty();
            assertThat(report.made()).isBetween(1L, 2L); // the jobs running when the stop came: one or both workers
            assertThat(report.notAttempted()).isEqualTo(SUBJECTS - (int) report.made());
            assertThat(p.table("Scan").count()).isEqualTo(report.made());
        }
        assertThat(JobTable.of(p.schema).jobs()).isEmpty();
    }
}
