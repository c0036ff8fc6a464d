package org.dovetail.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.dovetail.Dovetail;
import org.dovetail.DovetailException;
import org.dovetail.DuplicateException;
import org.dovetail.IntegrityException;
import org.dovetail.InvalidValueException;
import org.dovetail.MissingAttributeException;
import org.dovetail.TestConfigs;
import org.dovetail.UnknownAttributeException;
import org.dovetail.blob.NdArray;
import org.dovetail.query.Top;
import org.dovetail.testkit.DovetailTest;
import org.dovetail.testkit.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checklist section C (31–34, 40) of test-schemas.md: insert, update1 and transactions on tables of schema_any. */
@DovetailTest
class InsertIT {
    private static Dovetail connection;
    private static Schema schema;

    @BeforeAll
    static void declare(TestDatabase db) {
        connection = Dovetail.connect(TestConfigs.of(db));
        schema = connection.createSchema(db.schema("test1"));
        Upstream.declareSchemaAny(schema, "TTest", "TTest2", "TTest3", "TTestExtra", "NullableNumbers", "User", "Subject", "Experiment");
        // Parent with a second row holding a backslash, as the upstream test inserts it
        schema.declare(Upstream.schemaAny("Parent").withContents(List.of(List.of(1, "Joe"), List.of(2, "She\\Hulk"))));
        Upstream.declareSchemaAny(schema, "DecimalPrimaryKey");
        schema.declare(TableDefinition.of(Tier.MANUAL, "Thing", """
                thing   :   int
                ---
                number=0  : int
                frac      : float
                picture = null : attach
                params = null  : longblob
                timestamp = CURRENT_TIMESTAMP : datetime
                """));
        schema.declare(TableDefinition.of(Tier.MANUAL, "Basic", "item : uuid\n---\nnumber : int"));
        schema.declare(TableDefinition.of(Tier.MANUAL, "Kinds", """
                id : int
                ---
                t : time
                dt : datetime(6)
                d : decimal(7,3)
                big : bigint unsigned
                doc = null : json
                """));
    }

    @AfterAll
    static void close() {
        connection.close();
    }

    private static Table t(String className) {
        return schema.table(className);
    }

    /** Checklist 31. */
    @Test
    void insertValidation() {
        Table user = t("User");
        assertThatThrownBy(() -> user.insert(List.of(Map.of("username", "Bob"), Map.of("user", "Alice"))))
                .isInstanceOf(DovetailException.class);
        assertThatThrownBy(() -> user.insert1(Map.of("user", "Bob"))).isInstanceOf(UnknownAttributeException.class)
                .hasMessageContaining("`user` is not in the table heading");
        assertThatThrownBy(() -> user.insert1(Map.of("username", "Robert", "spouse", "Alice")))
                .isInstanceOf(UnknownAttributeException.class).hasMessageContaining("`spouse`");
        user.insert1(Map.of("username", "Robert", "spouse", "Alice"), InsertOption.IGNORE_EXTRA_FIELDS);
        assertThat(user.restrict(Map.of("username", "Robert")).exists()).isTrue();
        assertThatThrownBy(() -> user.insert1(List.of())).hasMessage("Invalid insert argument. Incorrect number of attributes: 0 given; 1 expected");
        assertThatThrownBy(() -> user.insert(List.of(List.of()))).hasMessageContaining("Incorrect number of attributes");
        assertThatThrownBy(() -> user.insert1(List.of("First", "Second"))).hasMessageContaining("2 given; 1 expected");
        assertThatThrownBy(() -> user.insert1(3)).hasMessage("Datatype Integer cannot be inserted");
        assertThatThrownBy(() -> t("TTest").insert(List.of(Map.of("key", 100)), InsertOption.SKIP_DUPLICATES))
                .isInstanceOf(MissingAttributeException.class).hasMessageContaining("value");
        assertThatThrownBy(() -> t("TTest2").insert(List.of(List.of(50, 1), List.of(50, 2))))
                .isInstanceOf(DuplicateException.class).hasMessageContaining("'50'").hasMessageContaining("SKIP_DUPLICATES");
        Map<String, Object> experiment = Map.of("subject_id", 10, "experiment_id", 1, "experiment_date", "2020-01-01");
        assertThatThrownBy(() -> t("Experiment").insert1(experiment)).hasMessageContaining("auto-populated table");
        t("Experiment").insert1(experiment, InsertOption.ALLOW_DIRECT_INSERT);
        Map<String, Object> fetched = t("Experiment").restrict(experiment).fetch1();
        assertThat(fetched).containsEntry("username", null).containsEntry("data_path", "").containsEntry("notes", "");
        assertThat(fetched.get("entry_time")).isInstanceOf(LocalDateTime.class);
    }

    /** Rows given as immutable maps (Map.of, List.of) insert, and the caller's maps are left as they were. */
    @Test
    void immutableRowsInsertAndAreNotModified() {
        Table test2 = t("TTest2");
        test2.insert1(Map.of("key", -301, "value", 1));
        test2.insert(List.of(Map.of("key", -302, "value", 2), Map.of("key", -303, "value", 3)));
        Map<String, Object> mutable = new HashMap<>(Map.of("key", -304, "value", 4));
        test2.insert1(mutable);
        assertThat(mutable).isEqualTo(Map.of("key", -304, "value", 4));
        assertThat(test2.restrict("`key` between -304 and -301").top(Top.orderBy("key")).fetch("value")).extracting(r -> r.get("value"))
                .containsExactly(4L, 3L, 2L, 1L);
    }

    /** Checklist 32. */
    @Test
    void skipDuplicatesAndReplace() {
        Table subject = t("Subject");
        subject.insert1(Map.of("subject_id", 7, "real_id", "7", "date_of_birth", "2015-01-01", "subject_notes", ""));
        subject.insert1(Map.of("subject_id", 7, "real_id", "7", "date_of_birth", "2015-01-02", "subject_notes", ""), InsertOption.SKIP_DUPLICATES);
        assertThat(subject.restrict(Map.of("subject_id", 7)).fetch1("date_of_birth").get("date_of_birth")).isEqualTo(LocalDate.of(2015, 1, 1));
        subject.insert1(Map.of("subject_id", 7, "real_id", "7", "date_of_birth", "2015-01-02", "subject_notes", ""), InsertOption.REPLACE);
        assertThat(subject.restrict(Map.of("subject_id", 7)).fetch1("date_of_birth").get("date_of_birth")).isEqualTo(LocalDate.of(2015, 1, 2));
        // a unique index counts as a duplicate too
        subject.insert1(Map.of("subject_id", 8, "real_id", "7", "date_of_birth", "2015-01-03", "subject_notes", ""), InsertOption.SKIP_DUPLICATES);
        assertThat(subject.restrict(Map.of("subject_id", 8)).exists()).isFalse();
        assertThatThrownBy(() -> subject.insert1(Map.of("subject_id", 9), InsertOption.REPLACE, InsertOption.SKIP_DUPLICATES))
                .hasMessageContaining("choose REPLACE or SKIP_DUPLICATES");
    }

    /** Checklist 33. */
    @Test
    void insertFromAQueryRunsOnTheServer() {
        Table test2 = t("TTest2");
        test2.restrict("`key` < 10").deleteQuick();
        assertThat(test2.insert(t("TTest"))).isEqualTo(10);
        assertThat(test2.restrict("`key` < 10").count()).isEqualTo(10);
        Table subject = t("Subject");
        long before = subject.count();
        subject.insert(subject.restrict("subject_id < 2000").proj("...", "s=subject_id")
                .proj("real_id", "date_of_birth", "subject_notes", "subject_id=s+1000", "species='human'"), InsertOption.IGNORE_EXTRA_FIELDS);
        assertThat(subject.count()).isEqualTo(before + subject.restrict("subject_id < 2000").minus("subject_id > 1000 and species='human'").count());
        Table extra = t("TTestExtra");
        extra.insert(List.of(List.of(1, 2, 3)));
        assertThatThrownBy(() -> t("TTest2").insert(extra)).hasMessageContaining("Attribute extra not found");
        t("TTest2").insert(extra, InsertOption.IGNORE_EXTRA_FIELDS, InsertOption.SKIP_DUPLICATES);
        t("TTest2").insert(extra, InsertOption.IGNORE_EXTRA_FIELDS, InsertOption.SKIP_DUPLICATES);
    }

    /** Checklist 34. */
    @Test
    void update1() {
        Table thing = t("Thing");
        thing.insert1(Map.of("thing", 1, "frac", 0.5));
        Table one = thing.restrict(Map.of("thing", 1));
        assertThat(one.fetch1().get("number")).isEqualTo(0L);
        thing.update1(Map.of("thing", 1, "number", 3, "frac", 30, "timestamp", "2020-01-01 10:00:00"));
        assertThat(one.fetch1()).containsEntry("number", 3L).containsEntry("frac", 30.0)
                .containsEntry("timestamp", LocalDateTime.of(2020, 1, 1, 10, 0));
        thing.update1(Map.of("thing", 1, "picture", new Attachment("note.txt", "hello".getBytes()), "params", List.of(1L, "two")));
        assertThat(one.fetch1("picture", "params")).containsEntry("picture", new Attachment("note.txt", "hello".getBytes()));
        Map<String, Object> reset = new HashMap<>();
        reset.put("thing", 1);
        reset.put("number", null);
        reset.put("timestamp", null);
        reset.put("picture", null);
        thing.update1(reset);
        Map<String, Object> after = one.fetch1();
        assertThat(after.get("number")).isEqualTo(0L);
        assertThat((LocalDateTime) after.get("timestamp")).isAfter(LocalDateTime.of(2020, 1, 2, 0, 0));
        assertThat(after.get("picture")).isNull();
        assertThatThrownBy(() -> thing.update1(Map.of("thing", 2, "number", 1))).hasMessage("Update can only be applied to one existing entry.");
        assertThatThrownBy(() -> thing.update1(Map.of("number", 1))).hasMessage("The argument of update1 must supply all primary key values.");
        assertThatThrownBy(() -> thing.update1(Map.of("thing", 1, "numbr", 1))).hasMessage("Attribute `numbr` not found.");
        assertThatThrownBy(() -> one.update1(Map.of("thing", 1, "number", 1))).hasMessage("Update cannot be applied to a restricted table.");
    }

    /** Checklist 16 (backslash) and 29 (decimal keys, NULL numbers). */
    @Test
    void valuesRoundTrip() {
        Table parent = t("Parent");
        assertThat(parent.restrict(Map.of("name", "She\\Hulk")).fetch1("name").get("name")).isEqualTo("She\\Hulk");
        Table decimals = t("DecimalPrimaryKey");
        decimals.insert1(List.of(3.1415926));
        for (Map<String, Object> key : decimals.fetchKeys()) {
            assertThat(decimals.restrict(key).count()).isEqualTo(1);
        }
        assertThat(decimals.fetchKeys()).extracting(k -> k.get("id")).contains(new BigDecimal("3.142"));
        Table numbers = t("NullableNumbers");
        numbers.insert(List.of(List.of(1, 0.5, 0.25, 7), new Object[] {100, null, null, null}, List.of(101, Double.NaN, Double.NaN, 3)));
        Map<String, Object> nulls = numbers.restrict(Map.of("key", 100)).fetch1();
        assertThat(nulls).containsEntry("fvalue", null).containsEntry("dvalue", null).containsEntry("ivalue", null);
        assertThat(numbers.restrict(Map.of("key", 101)).fetch1()).containsEntry("dvalue", null);
        numbers.insert(List.of(List.of(101, Double.NaN, Double.NaN, 3)), InsertOption.SKIP_DUPLICATES);
        Table t3 = t("TTest3");
        t3.insert(List.of(List.of(1, "%%%"), List.of(2, "one%"), List.of(3, "one")));
        assertThat(t3.restrict("value=\"%%%\"").count()).isEqualTo(1);
        assertThat(t3.restrict(Map.of("value", "%%%")).count()).isEqualTo(1);
        assertThat(t3.restrict("value like \"o%\"").count()).isEqualTo(2);
        assertThat(t3.restrict("value like \"o%%\"").count()).isEqualTo(2);
    }

    /** Checklist 30. */
    @Test
    void uuids() {
        Table basic = t("Basic");
        UUID u = UUID.randomUUID();
        basic.insert1(Map.of("item", u, "number", 1));
        basic.insert1(Map.of("item", "00000000-0000-0000-0000-000000000001", "number", 2));
        assertThat(basic.restrict(Map.of("item", u)).fetch1().get("item")).isEqualTo(u);
        assertThat(basic.restrict(Map.of("item", u.toString())).count()).isEqualTo(1);
        assertThatThrownBy(() -> basic.insert1(Map.of("item", 0, "number", 3))).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("badly formed UUID value 0 for attribute `item`");
        assertThatThrownBy(() -> basic.insert1(Map.of("item", "abc", "number", 3))).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> basic.restrict(Map.of("item", "abc"))).hasMessage("Badly formed UUID abc in restriction by `item`");
        assertThatThrownBy(() -> basic.restrict(Map.of("item", 0))).hasMessage("Badly formed UUID 0 in restriction by `item`");
    }

    @Test
    void wrongTypesNameTheAttributeAndTheValue() {
        assertThatThrownBy(() -> t("TTest2").insert1(Map.of("key", 1000, "value", "abc"))).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("`value`").hasMessageContaining("'abc'");
        assertThatThrownBy(() -> t("Subject").insert1(Map.of("subject_id", 99, "real_id", "x", "species", "dog", "date_of_birth", "2020-01-01",
                "subject_notes", ""))).isInstanceOf(InvalidValueException.class).hasMessageContaining("`species`").hasMessageContaining("'dog'");
        assertThatThrownBy(() -> t("Experiment").insert1(Map.of("subject_id", 123456, "experiment_id", 1, "experiment_date", "2020-01-01"),
                InsertOption.ALLOW_DIRECT_INSERT)).isInstanceOf(IntegrityException.class).hasMessageContaining("#subject");
    }

    @Test
    void everyKindOfValueRoundTrips() {
        Table kinds = t("Kinds");
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", 1);
        row.put("t", Duration.ofHours(-30).minusSeconds(5));
        row.put("dt", LocalDateTime.of(2024, 2, 29, 12, 0, 0, 123_456_000));
        row.put("d", new BigDecimal("1234.500"));
        row.put("big", new java.math.BigInteger("18446744073709551615"));
        row.put("doc", Map.of("a", List.of(1, 2)));
        kinds.insert1(row);
        Map<String, Object> back = kinds.fetch1();
        assertThat(back.get("t")).isEqualTo(Duration.ofHours(-30).minusSeconds(5));
        assertThat(back.get("dt")).isEqualTo(LocalDateTime.of(2024, 2, 29, 12, 0, 0, 123_456_000));
        assertThat(back.get("d")).isEqualTo(new BigDecimal("1234.500"));
        assertThat(back.get("big")).isEqualTo(new java.math.BigInteger("18446744073709551615"));
        assertThat(back.get("doc").toString()).isEqualTo("{\"a\":[1,2]}");
        record Kind(int id, Duration t, BigDecimal d) {
        }
        assertThat(kinds.fetch1(Kind.class)).isEqualTo(new Kind(1, Duration.ofHours(-30).minusSeconds(5), new BigDecimal("1234.500")));
        kinds.insert1(new Kind2(2, "00:00:01", "2024-01-01 00:00:00", "2.5", 3, null));
        assertThat(kinds.restrict("id=2").fetch1("big").get("big")).isEqualTo(java.math.BigInteger.valueOf(3));
    }

    record Kind2(int id, String t, String dt, String d, long big, String doc) {
    }

    /** Large inserts are batched in one transaction: a bad row anywhere leaves no row behind. */
    @Test
    void aFailedBatchLeavesNoRowsBehind() {
        Table test2 = t("TTest2");
        List<List<Object>> rows = new ArrayList<>();
        for (int k = 100_000; k < 105_000; k++) {
            rows.add(List.of(k, k));
        }
        rows.add(List.of(100_000, 1)); // a duplicate in the last statement
        assertThatThrownBy(() -> test2.insert(rows)).isInstanceOf(DuplicateException.class);
        assertThat(test2.restrict("`key` >= 100000").count()).isZero();
        assertThat(connection.connection().inTransaction()).isFalse();
        assertThat(test2.insert(rows.subList(0, 5000))).isEqualTo(5000);
        assertThat(test2.restrict("`key` >= 100000").count()).isEqualTo(5000);
        assertThat(test2.restrict("`key` >= 100000").top(Top.limit(1).withOrderBy("key DESC")).fetch1().get("key")).isEqualTo(104_999L);
    }

    /** Checklist 40 (transactions). */
    @Test
    void transactions() {
        Table test2 = t("TTest2");
        connection.connection().transaction(() -> {
            test2.insert1(List.of(200_001, 1));
            return null;
        });
        assertThatThrownBy(() -> connection.connection().transaction(() -> {
            test2.insert1(List.of(200_002, 1));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        connection.connection().startTransaction();
        test2.insert1(List.of(200_003, 1));
        assertThat(connection.connection().inTransaction()).isTrue();
        connection.connection().cancelTransaction();
        assertThat(test2.restrict("`key` > 200000").fetch("key")).containsExactly(Map.of("key", 200_001L));
    }

    @Test
    void blobsRoundTrip() {
        Table thing = t("Thing");
        double[][] matrix = {{1, 2, 3}, {4, 5, 6}};
        thing.insert1(Map.of("thing", 50, "frac", 1, "params", matrix));
        NdArray back = (NdArray) thing.restrict(Map.of("thing", 50)).fetch1("params").get("params");
        assertThat(back.shape()).containsExactly(2, 3);
    }
}
