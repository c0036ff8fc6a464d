package org.dovetail.populate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dovetail.Dovetail;
import org.dovetail.TestConfigs;
import org.dovetail.TransactionException;
import org.dovetail.hash.KeyHash;
import org.dovetail.schema.Schema;
import org.dovetail.testkit.DovetailTest;
import org.dovetail.testkit.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The {@code ~jobs} protocol on the server: reserve, complete, error, ignore, and the rows as stored. */
@DovetailTest
class JobTableIT {
    private static Dovetail first;
    private static Dovetail second;
    private static JobTable jobs;
    private static JobTable otherWorker;

    @BeforeAll
    static void open(TestDatabase db) {
        first = Dovetail.connect(TestConfigs.of(db));
        second = Dovetail.connect(TestConfigs.of(db));
        Schema schema = first.createSchema(db.schema("jobs"));
        jobs = JobTable.of(schema);
        otherWorker = JobTable.of(second.schema(schema.name()));
    }

    @AfterAll
    static void close() {
        first.close();
        second.close();
    }

    private static Map<String, Object> key(long subject, String param) {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("subject_id", subject);
        key.put("param_id", param);
        return key;
    }

    @Test
    void aReservationIsOneRowThatBlocksEveryOtherWorker() {
        Map<String, Object> key = key(2, "p1");
        assertThat(jobs.reserve("_reserve", key)).isTrue();
        assertThat(otherWorker.reserve("_reserve", key)).isFalse();
        assertThat(jobs.reserve("_reserve", key)).isFalse();
        assertThat(otherWorker.reserve("_other", key)).isTrue();

        Job row = jobs.job("_reserve", KeyHash.keyHash(key)).orElseThrow();
        assertThat(row.status()).isEqualTo(JobStatus.RESERVED);
        assertThat(row.key()).containsExactly(Map.entry("subject_id", 2L), Map.entry("param_id", "p1"));
        assertThat(row.errorMessage()).isEmpty();
        assertThat(row.errorStack()).isNull();
        assertThat(row.user()).isEqualTo(first.connection().queryValue("SELECT user()", String.class).orElseThrow()).contains("@");
        assertThat(row.host()).isEqualTo(JobTable.host()).isNotEmpty();
        assertThat(row.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(row.connectionId()).isEqualTo(first.connection().connectionId());
        assertThat(row.timestamp()).isNotNull();
        byte[] stored = first.connection().query("SELECT `key` FROM " + jobs.fullName() + " WHERE table_name = '_reserve'",
                r -> r.getBytes(1)).get(0);
        assertThat(HexFormat.of().formatHex(stored)).isEqualTo(HexFormat.of().formatHex(JobTable.packKey(key)));

        assertThat(otherWorker.complete("_reserve", key)).isTrue();
        assertThat(jobs.job("_reserve", KeyHash.keyHash(key))).isEmpty();
        assertThat(otherWorker.reserve("_reserve", key)).isTrue();
    }

    @Test
    void collidingKeysShareOneJob() {
        Map<String, Object> a = key(2, "p1");
        Map<String, Object> b = key(12, "p");
        assertThat(KeyHash.keyHash(a)).isEqualTo(KeyHash.keyHash(b)).isEqualTo("d3d078bf2fc1425e6d4410ccb6ed6df9");
        assertThat(jobs.reserve("_collide", a)).isTrue();
        assertThat(jobs.reserve("_collide", b)).isFalse();
    }

    @Test
    void anErrorReplacesTheReservationWithMessageAndStack() {
        Map<String, Object> key = key(3, "p1");
        assertThat(jobs.reserve("_error", key)).isTrue();
        String message = "RuntimeException: " + "é".repeat(3000);
        String trace = "java.lang.RuntimeException\n\tat Make.make(Make.java:1)\n".repeat(50);
        jobs.error("_error", key, message, trace);
        Job row = jobs.job("_error", KeyHash.keyHash(key)).orElseThrow();
        assertThat(row.status()).isEqualTo(JobStatus.ERROR);
        assertThat(row.errorMessage()).hasSize(2047).startsWith("RuntimeException: éé").endsWith("é...truncated");
        assertThat(row.errorStack()).isEqualTo(trace);
        assertThat(row.key()).containsEntry("subject_id", 3L);
        byte[] stack = first.connection().query("SELECT error_stack FROM " + jobs.fullName() + " WHERE table_name = '_error'",
                r -> r.getBytes(1)).get(0);
        assertThat(new String(stack, 0, 6, StandardCharsets.ISO_8859_1)).isEqualTo("ZL123\0");
        assertThat(jobs.blockedKeyHashes("_error")).containsExactly(KeyHash.keyHash(key));
        assertThat(jobs.reserve("_error", key)).isFalse();
        assertThat(jobs.delete("_error", KeyHash.keyHash(key))).isTrue();
        assertThat(jobs.blockedKeyHashes("_error")).isEmpty();
    }

    @Test
    void ignoredKeysAreBlockedAndListed() {
        Map<String, Object> key = key(4, "p1");
        assertThat(jobs.ignore("_ignore", key)).isTrue();
        assertThat(jobs.ignore("_ignore", key)).isFalse();
        assertThat(jobs.reserve("_ignore", key)).isFalse();
        List<Job> rows = jobs.jobs("_ignore");
        assertThat(rows).extracting(Job::status).containsExactly(JobStatus.IGNORE);
        assertThat(jobs.jobs()).extracting(Job::tableName).contains("_ignore");
    }

    @Test
    void rowsAreNeverWrittenInsideATransaction() {
        first.connection().startTransaction();
        try {
            assertThatThrownBy(() -> jobs.reserve("_tx", key(5, "p"))).isInstanceOf(TransactionException.class)
                    .hasMessageContaining("outside transactions");
        } finally {
            first.connection().cancelTransaction();
        }
        assertThat(jobs.jobs("_tx")).isEmpty();
    }
}
