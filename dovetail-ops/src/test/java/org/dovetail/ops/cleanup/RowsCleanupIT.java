package org.dovetail.ops.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.dovetail.Dovetail;
import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;
import org.dovetail.config.Config;
import org.dovetail.ops.AuditLog;
import org.dovetail.schema.Schema;
import org.dovetail.schema.Table;
import org.dovetail.schema.Tier;
import org.dovetail.testkit.DovetailTest;
import org.dovetail.testkit.TestDatabase;
import org.junit.jupiter.api.Test;

/** {@code cleanup rows} on an IntervalList-like periphery table referenced in every way a child can. */
@DovetailTest
class RowsCleanupIT {
    private static Config config(TestDatabase db) {
        return Config.builder().host(db.host()).port(db.port()).user(db.user()).password(db.password())
                .custom(JsonNodeFactory.instance.objectNode().put("database.audit_schema", db.schema("audit"))).build();
    }

    @Test
    void removesExactlyTheUnreferencedRowsPastTheGracePeriod(TestDatabase db) {
        try (Dovetail dj = Dovetail.connect(config(db))) {
            String name = db.schema("periphery");
            Schema s = dj.createSchema(name);
            Table interval = s.declare(Tier.MANUAL, "Interval",
                    "interval_name : varchar(32)\n---\nowner : varchar(16)\ncreated = CURRENT_TIMESTAMP : timestamp\n");
            Table uses = s.declare(Tier.MANUAL, "Uses", "-> Interval\nuse_id : int\n---\nowner = 'someone' : varchar(16)\n");
            Table renamed = s.declare(Tier.MANUAL, "Renamed", "rid : int\n---\n-> Interval.proj(source='interval_name')\n");
            Table optional = s.declare(Tier.MANUAL, "Optional", "oid : int\n---\n-> [nullable] Interval\n");
            for (String[] row : new String[][] {{"i1", "alice"}, {"i2", "alice"}, {"i3", "bob"}, {"i4", "alice"}, {"i5", "bob"}, {"i6", "bob"}}) {
                interval.insert1(Map.of("interval_name", row[0], "owner", row[1]));
            }
            uses.insert1(Map.of("interval_name", "i1", "use_id", 1, "owner", "alice"));
            renamed.insert1(Map.of("rid", 1, "source", "i2"));
            optional.insert1(Map.of("oid", 1, "interval_name", "i3"));
            optional.insert1(Map.of("oid", 2));
            dj.connection().execute("UPDATE " + interval.fullName() + " SET created = NOW() - INTERVAL 30 DAY WHERE interval_name <> 'i5'");

            RowsCleanup rows = new RowsCleanup(dj);
            RowsPlan plan = rows.plan(name, "Interval", Duration.ofDays(7), null, "owner");
            assertThat(plan.ageAttribute()).contains("created");
            assertThat(plan.keys()).containsExactly(List.of("i4"), List.of("i6"));
            assertThat(plan.byOwner()).isEqualTo(Map.of("alice", 1L, "bob", 1L));
            assertThat(plan.toText()).contains("source -> interval_name), renamed", "the one attribute the server sets at insert");

            RowsReport report = rows.apply(plan);
            assertThat(report.deleted()).containsExactly(List.of("i4"), List.of("i6"));
            assertThat(interval.fetch("interval_name").stream().map(r -> r.get("interval_name")).toList())
                    .containsExactlyInAnyOrder("i1", "i2", "i3", "i5");
            AuditLog.Entry entry = AuditLog.on(dj.connection()).history(1).get(0);
            assertThat(entry.action()).startsWith("rows " + name + ".Interval --grace 7d");
            assertThat(entry.report().get("deleted").toString()).isEqualTo("[[\"i4\"],[\"i6\"]]");

            // a row referenced after planning is kept by the apply
            interval.insert1(Map.of("interval_name", "i7", "owner", "carol"));
            dj.connection().execute("UPDATE " + interval.fullName() + " SET created = NOW() - INTERVAL 30 DAY WHERE interval_name = 'i7'");
            RowsPlan late = rows.plan(name, "Interval", Duration.ofDays(7), null, null);
            assertThat(late.keys()).containsExactly(List.of("i7"));
            uses.insert1(Map.of("interval_name", "i7", "use_id", 2));
            RowsReport kept = rows.apply(late);
            assertThat(kept.deleted()).isEmpty();
            assertThat(kept.kept()).isEqualTo(1);
            assertThat(interval.restrict(Map.of("interval_name", "i7")).count()).isOne();
        }
    }

    @Test
    void aTableWithoutAnAgeIsRefusedUnlessTheGraceIsZero(TestDatabase db) {
        try (Dovetail dj = Dovetail.connect(config(db))) {
            String name = db.schema("ageless");
            Schema s = dj.createSchema(name);
            Table tag = s.declare(Tier.MANUAL, "Tag", "tag : varchar(8)\n");
            Table use = s.declare(Tier.MANUAL, "TagUse", "-> Tag\nn : int\n");
            tag.insert(List.of(Map.of("tag", "a"), Map.of("tag", "b")));
            use.insert1(Map.of("tag", "a", "n", 1));
            RowsCleanup rows = new RowsCleanup(dj);
            RowsPlan refused = rows.plan(name, "Tag", Duration.ofDays(7), null, null);
            assertThat(refused.refusal()).get().asString().startsWith("Refused by rule no-age-attribute: " + tag.fullName()
                    + " has no attribute to judge a row's age by (the table has no date or time attribute)");
            assertThatThrownBy(() -> rows.apply(refused)).satisfies(e -> assertThat(((DovetailException) e).code()).isEqualTo(ErrorCode.REFUSED));
            RowsReport report = rows.apply(rows.plan(name, "Tag", Duration.ZERO, null, null));
            assertThat(report.deleted()).containsExactly(List.of("b"));
        }
    }
}
