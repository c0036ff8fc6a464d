package org.dovetail.populate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.dovetail.Dovetail;
import org.dovetail.TestConfigs;
import org.dovetail.testkit.DovetailTest;
import org.dovetail.testkit.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The tripartite make: fetch and compute outside any transaction, the insert guarded by a second fetch. */
@DovetailTest
class TripartiteIT {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static TestDatabase database;
    private static Dovetail dj;
    private static Dovetail other;

    @BeforeAll
    static void open(TestDatabase db) {
        database = db;
        dj = Dovetail.connect(TestConfigs.of(db));
        other = Dovetail.connect(TestConfigs.of(db));
    }

    @AfterAll
    static void close() {
        dj.close();
        other.close();
    }

    /** The subject's weight and its scan's unit values, for ScanStats. */
    record Inputs(double weight, double[] values) {
    }

    /** Weighted sum per scan and parameter; records whether each step ran inside a transaction. */
    static final class WeightedStats implements TripartiteMake<Inputs, Double> {
        final List<String> steps = new ArrayList<>();
        Runnable duringCompute = () -> { };

        @Override
        public Inputs fetch(Map<String, Object> key, MakeContext ctx) {
            steps.add("fetch " + ctx.dovetail().connection().inTransaction());
            Map<String, Object> subject = ctx.table("Subject").restrict(key).fetch1("weight");
            List<Map<String, Object>> units = ctx.table("Scan.Unit").restrict(key).fetch("value");
            return new Inputs((Double) subject.get("weight"), units.stream().mapToDouble(u -> (Double) u.get("value")).toArray());
        }

        @Override
        public Double compute(Map<String, Object> key, Inputs inputs) {
            steps.add("compute " + dj.connection().inTransaction());
            duringCompute.run();
            double sum = 0;
            for (double v : inputs.values()) {
                sum += v;
            }
            return sum * inputs.weight();
        }

        @Override
        public void insert(Map<String, Object> key, Double total, MakeContext ctx) {
            steps.add("insert " + ctx.dovetail().connection().inTransaction());
            Map<String, Object> row = new LinkedHashMap<>(key);
            row.put("total", total);
            ctx.insert1(row);
        }
    }

    private static Pipeline scanned() {
        Pipeline p = Pipeline.declare(dj, database.schema("tri" + SCHEMAS.incrementAndGet()));
        Populator.of(p.table("Scan"), Pipeline.SCAN).populate();
        return p;
    }

    @Test
    void fetchAndComputeRunOutsideTheTransactionAndTheInsertInsideIt() {
        Pipeline p = scanned();
        WeightedStats make = new WeightedStats();
        Populator stats = Populator.of(p.table("ScanStats"), make);
        JobResult result = stats.populate1(Map.of("subject_id", 2L, "param_id", "p1"), true);
        assertThat(result.outcome()).isEqualTo(JobOutcome.MADE);
        assertThat(make.steps).containsExactly("fetch false", "compute false", "fetch true", "insert true");
        assertThat(p.table("ScanStats").restrict(Map.of("subject_id", 2)).fetch1("total").get("total")).isEqualTo((1.5 + 3.0) * 22.0);
        assertThat(JobTable.of(p.schema).jobs()).isEmpty();

        make.steps.clear();
        assertThat(stats.populate1(Map.of("subject_id", 2L, "param_id", "p1"), true).outcome()).isEqualTo(JobOutcome.ALREADY_DONE);
        assertThat(make.steps).as("the done check comes first, outside any transaction").isEmpty();
        assertThat(stats.populate().made()).isEqualTo(5);
        assertThat(stats.progress()).isEqualTo(new Progress(0, 6));
    }

    @Test
    void changedInputsAreAnErrorAndNothingStaleIsInserted() {
        Pipeline p = scanned();
        WeightedStats make = new WeightedStats();
        String weights = p.schema.fullName("subject");
        make.duringCompute = () -> other.connection().execute("UPDATE " + weights + " SET weight = weight + 1 WHERE subject_id = 3");
        Populator stats = Populator.of(p.table("ScanStats"), make);
        PopulateReport report = stats.populate(PopulateOptions.defaults().withRestrictions(Map.of("subject_id", 3))
                .withReserveJobs(true).withSuppressErrors(true));
        assertThat(report.failures()).hasSize(2).allSatisfy(f -> assertThat(f.message())
                .isEqualTo("DataJointError: Referential integrity failed! The `make_fetch` data has changed"));
        assertThat(p.table("ScanStats").count()).isZero();
        assertThat(JobTable.of(p.schema).jobs()).hasSize(2).allSatisfy(j -> {
            assertThat(j.status()).isEqualTo(JobStatus.ERROR);
            assertThat(j.errorMessage()).isEqualTo("DataJointError: Referential integrity failed! The `make_fetch` data has changed");
        });

        make.duringCompute = () -> { };
        assertThat(stats.populate(Map.of("subject_id", 3)).made()).as("without reservations the errors do not block").isEqualTo(2);
        assertThat(p.table("ScanStats").restrict(Map.of("subject_id", 3, "param_id", "p")).fetch1("total").get("total"))
                .isEqualTo((1.5 + 3.0 + 4.5) * (23.0 + 2));
    }

    @Test
    void withoutSuppressErrorsChangedInputsAreThrown() {
        Pipeline p = scanned();
        WeightedStats make = new WeightedStats();
        String units = p.schema.fullName("_scan__unit");
        make.duringCompute = () -> other.connection().execute("UPDATE " + units + " SET value = value * 2 WHERE subject_id = 1");
        Populator stats = Populator.of(p.table("ScanStats"), make);
        assertThatThrownBy(() -> stats.populate(Map.of("subject_id", 1))).isInstanceOf(MakeException.class)
                .hasMessageContaining("DataJointError: Referential integrity failed! The `make_fetch` data has changed");
        assertThat(p.table("ScanStats").count()).isZero();
        assertThat(dj.connection().inTransaction()).isFalse();
    }
}
