package org.dovetail.populate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dovetail.Dovetail;
import org.dovetail.TestConfigs;
import org.dovetail.hash.KeyHash;
import org.dovetail.schema.Table;
import org.dovetail.schema.Tier;
import org.dovetail.testkit.DovetailTest;
import org.dovetail.testkit.TestDatabase;
import org.junit.jupiter.api.Test;

/** The priorities in {@link JobSidecar}, and a sidecar created before the {@code queued} status. */
@DovetailTest
class JobSidecarIT {
    @Test
    void prioritizedKeysComeFirstInTheirOrderAndKeepThePriorityThroughAnAttempt(TestDatabase db) {
        try (Dovetail dj = Dovetail.connect(TestConfigs.of(db))) {
            Pipeline p = Pipeline.declare(dj, db.schema("priority"));
            Table scan = p.table("Scan");
            List<Map<String, Object>> keys = new ArrayList<>();
            for (long s = 1; s <= 6; s++) {
                keys.add(Map.of("subject_id", s));
            }
            assertThat(JobSidecar.byPriority(scan, keys)).as("no sidecar yet: as they are").isSameAs(keys);
            assertThat(JobSidecar.prioritize(dj.connection(), scan, List.of(keys.get(4), keys.get(2)), 2)).isEqualTo(2);
            assertThat(JobSidecar.prioritize(dj.connection(), scan, List.of(keys.get(5)), 9)).isEqualTo(1);
            assertThat(JobSidecar.byPriority(scan, keys)).extracting(k -> k.get("subject_id")).containsExactly(3L, 5L, 1L, 2L, 4L, 6L);

            String sidecar = JobSidecar.table(p.schema.name()).quoted();
            assertThat(dj.connection().queryValue("SELECT status FROM " + sidecar + " WHERE key_hash = ?", String.class,
                    KeyHash.keyHash(keys.get(2)))).contains("queued");
            try (Heartbeat heartbeat = Heartbeat.start(TestConfigs.of(db), Heartbeat.DEFAULT_INTERVAL)) {
                heartbeat.begin(p.schema.name(), scan.tableName(), KeyHash.keyHash(keys.get(2)), 0).succeeded();
                heartbeat.flush();
            }
            assertThat(dj.connection().query("SELECT status, priority, attempts FROM " + sidecar + " WHERE key_hash = ?",
                    r -> r.getString(1) + " " + r.getInt(2) + " " + r.getLong(3), KeyHash.keyHash(keys.get(2)))).containsExactly("success 2 1");
            assertThatThrownBy(() -> JobSidecar.prioritize(dj.connection(), scan, keys, 40000)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("40000");
        }
    }

    @Test
    void aSidecarCreatedBeforeTheQueuedStatusIsGivenItAndKeepsItsRows(TestDatabase db) {
        try (Dovetail dj = Dovetail.connect(TestConfigs.of(db))) {
            String schema = db.schema("oldside");
            dj.createSchema(schema);
            String sidecar = JobSidecar.table(schema).quoted();
            dj.connection().execute("CREATE TABLE " + sidecar + " (`table_name` varchar(255) NOT NULL, `key_hash` char(32) NOT NULL,"
                    + " `status` enum('running','success','error','aborted','skipped','released') NOT NULL,"
                    + " `priority` smallint NOT NULL DEFAULT 5, `attempts` int unsigned NOT NULL DEFAULT 0,"
                    + " `failures` int unsigned NOT NULL DEFAULT 0, `worker` varchar(255) NOT NULL DEFAULT '',"
                    + " `host` varchar(255) NOT NULL DEFAULT '', `pid` int unsigned NOT NULL DEFAULT 0,"
                    + " `connection_id` bigint unsigned NOT NULL DEFAULT 0, `started` datetime(3) DEFAULT NULL,"
                    + " `heartbeat` datetime(3) DEFAULT NULL, `finished` datetime(3) DEFAULT NULL, `duration` double DEFAULT NULL,"
                    + " PRIMARY KEY (`table_name`, `key_hash`), KEY `status_heartbeat` (`status`, `heartbeat`)) ENGINE=InnoDB");
            dj.connection().execute("INSERT INTO " + sidecar + " (table_name, key_hash, status, attempts) VALUES ('_scan', ?, 'success', 1)",
                    "a".repeat(32));

            JobSidecar.declare(dj.connection(), schema);
            assertThat(statusType(dj, schema)).as("a worker's declare leaves it as it is").doesNotContain("'queued'");
            Table scan = dj.schema(schema).declare(Tier.IMPORTED, "Scan", "scan_id : int\n---\nn : int");
            assertThat(JobSidecar.prioritize(dj.connection(), scan, List.of(Map.of("scan_id", 1)), 1)).isEqualTo(1);

            assertThat(statusType(dj, schema)).as("prioritize adds it").contains("'queued'");
            assertThat(dj.connection().query("SELECT key_hash, status, attempts FROM " + sidecar + " ORDER BY attempts DESC",
                    r -> r.getString(1) + " " + r.getString(2) + " " + r.getLong(3)))
                    .containsExactly("a".repeat(32) + " success 1", KeyHash.keyHash(Map.of("scan_id", 1)) + " queued 0");
        }
    }

    private static String statusType(Dovetail dj, String schema) {
        return dj.connection().queryValue("SELECT COLUMN_TYPE FROM information_schema.columns WHERE table_schema = ? AND table_name = ?"
                + " AND column_name = 'status'", String.class, schema, JobSidecar.TABLE).orElseThrow();
    }
}
