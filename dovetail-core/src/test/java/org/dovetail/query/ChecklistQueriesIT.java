package org.dovetail.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.dovetail.Dovetail;
import org.dovetail.DovetailException;
import org.dovetail.TestConfigs;
import org.dovetail.UnknownAttributeException;
import org.dovetail.schema.InsertOption;
import org.dovetail.schema.Schema;
import org.dovetail.schema.Table;
import org.dovetail.schema.Upstream;
import org.dovetail.testkit.DovetailTest;
import org.dovetail.testkit.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checklist cases 24, 25, 26 and 28 of test-schemas.md on the upstream test schemas: the tables of
 * {@code tests/schema.py} (schema_any, {@code upstream/schema_any.yaml}) with their literal contents, and {@code schema_aggr_regress}
 * from its pipeline file, each with the data of the upstream test that uses it.
 */
@DovetailTest
class ChecklistQueriesIT {
    /** {@code Language.contents} of tests/schema.py, in upstream order: (name, language). */
    private static final List<List<String>> LANGUAGES = Upstream.schemaAnyContents("Language").stream()
            .map(row -> row.stream().map(String.class::cast).toList()).toList();
    private static final List<String> USERS = Upstream.schemaAnyContents("User").stream().map(row -> (String) row.get(0)).toList();
    private static final List<Integer> SUBJECTS = Upstream.schemaAnyContents("Subject").stream().map(row -> (Integer) row.get(0))
            .toList();
    /** Ephys rows are made for these trials only, so that Trial + Ephys has rows from one side only. */
    private static final int TRIALS_WITH_EPHYS = 4;

    private static TestDatabase db;
    private static Dovetail connection;
    private static Schema any;

    @BeforeAll
    static void declare(TestDatabase database) {
        db = database;
        connection = Dovetail.connect(TestConfigs.of(db));
        any = connection.createSchema(db.schema("test1"));
        Upstream.declareSchemaAny(any, "TTest", "User", "Subject", "Language", "Experiment", "Trial", "Ephys", "Parent", "SubjectA",
                "SessionA", "SessionStatusA", "SessionDateA", "Stimulus");
        populate();
    }

    /**
     * Experiment, Trial and Ephys filled as their make methods do (5 experiments per subject, users
     * drawn from {@code [None, None] + usernames}, 10 trials each), with deterministic values; Ephys
     * for the first trials of each experiment only.
     */
    private static void populate() {
        List<Object> users = new ArrayList<>(Arrays.asList(null, null));
        users.addAll(USERS);
        List<Map<String, Object>> experiments = new ArrayList<>();
        List<Map<String, Object>> trials = new ArrayList<>();
        List<Map<String, Object>> ephys = new ArrayList<>();
        int n = 0;
        for (int subject : SUBJECTS) {
            for (int experiment = 0; experiment < 5; experiment++, n++) {
                Map<String, Object> row = new HashMap<>();
                row.put("subject_id", subject);
                row.put("experiment_id", experiment);
                row.put("experiment_date", LocalDate.of(2020, 1, 1).plusDays(n));
                row.put("username", users.get(n % users.size()));
                experiments.add(row);
                for (int trial = 0; trial < 10; trial++) {
                    trials.add(Map.of("animal", subject, "experiment_id", experiment, "trial_id", trial, "start_time", startTime(subject,
                            experiment, trial)));
                    if (trial < TRIALS_WITH_EPHYS) {
                        ephys.add(Map.of("animal", subject, "experiment_id", experiment, "trial_id", trial, "sampling_frequency", 6000,
                                "duration", duration(trial)));
                    }
                }
            }
        }
        t("Experiment").insert(experiments, InsertOption.ALLOW_DIRECT_INSERT);
        t("Trial").insert(trials, InsertOption.ALLOW_DIRECT_INSERT);
        t("Ephys").insert(ephys, InsertOption.ALLOW_DIRECT_INSERT);
    }

    private static double startTime(int subject, int experiment, int trial) {
        return subject * 1000.0 + experiment * 10 + trial + 0.25;
    }

    private static BigDecimal duration(int trial) {
        return new BigDecimal("0.125").add(BigDecimal.valueOf(trial));
    }

    @AfterAll
    static void close() {
        connection.close();
    }

    private static Table t(String className) {
        return any.table(className);
    }

    /** schema_aggr_regress.yaml declared in a fresh schema, with S filled as upstream: product("ABCDF", range(10)). */
    private static Schema aggrRegress(String name) {
        Schema schema = connection.createSchema(db.schema(name));
        schema.declare(Upstream.pipeline("schema_aggr_regress"));
        List<List<Object>> s = new ArrayList<>();
        for (char r : "ABCDF".toCharArray()) {
            for (int i = 0; i < 10; i++) {
                s.add(List.of(String.valueOf(r), i));
            }
        }
        schema.table("S").insert(s);
        return schema;
    }

    // ---- case 24: aggregation regressions (test_aggr_regressions.py, test_joins_with_aggregation)

    /** #386: an aggregation restricted by its computed attribute, used as a restriction. */
    @Test
    void case24Issue386AggregationRestrictedByItsComputationRestrictsAnotherTable() {
        Schema schema = aggrRegress("aggr_regress_386");
        Table q = schema.table("Q");
        Table r = schema.table("R");
        Table s = schema.table("S");
        Query tens = r.aggr(s, "n=count(*)").restrict("n=10");
        assertThat(values(tens.fetch(), "r")).containsExactlyInAnyOrder("A", "B", "C", "D", "F");
        // Q = A B C D F G H; R's rows with 10 S rows are A B C D F
        assertThat(values(q.restrict(tens).fetch(), "r")).containsExactlyInAnyOrder("A", "B", "C", "D", "F");
        assertThat(q.restrict(tens).count()).isEqualTo(5);
        assertThat(q.minus(tens).fetch()).extracting(row -> row.get("r")).containsExactlyInAnyOrder("G", "H");
        assertThat(q.restrict(r.aggr(s, "n=count(*)").restrict("n=2")).exists()).isFalse();
    }

    /** #449: U(n) joined with an aggregation computing n: grouping stays by the aggregation's key. */
    @Test
    void case24Issue449UniversalSetJoinedWithAnAggregation() {
        Schema schema = aggrRegress("aggr_regress_449");
        Query result = U.of("n").join(schema.table("R").aggr(schema.table("S"), "n=max(s)"));
        assertThat(result.primaryKey()).containsExactly("r", "n");
        assertThat(result.fetch()).containsExactlyInAnyOrder(Map.of("r", "A", "n", 9L), Map.of("r", "B", "n", 9L),
                Map.of("r", "C", "n", 9L), Map.of("r", "D", "n", 9L), Map.of("r", "F", "n", 9L));
        assertThat(result.count()).isEqualTo(5);
    }

    /** #484: U().aggr over a table and over another U().aggr. */
    @Test
    void case24Issue484NestedUniversalAggregations() {
        Schema schema = aggrRegress("aggr_regress_484");
        Table s = schema.table("S");
        Query max = U.of().aggr(s, "n=max(s)");
        assertThat(max.fetch("n")).containsExactly(Map.of("n", 9L));
        assertThat(max.fetch1("n").get("n")).isEqualTo(9L);
        Query avg = U.of().aggr(s, "n=avg(s)");
        Query nested = U.of().aggr(avg, "m=max(n)");
        List<Map<String, Object>> rows = nested.fetch();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).keySet()).containsExactly("m");
        assertThat(new BigDecimal(rows.get(0).get("m").toString())).isEqualByComparingTo("4.5");
    }

    /** #558: a projection adding a constant does not change the number of rows of an antijoin or a restriction. */
    @Test
    void case24Issue558ProjectionOfAntijoinAndOfRestrictionKeepsTheRows() {
        Schema schema = aggrRegress("aggr_regress_558");
        Table a = schema.table("A");
        Table b = schema.table("B");
        Table x = schema.table("X");
        Query q = a.minus(b).proj("id2=3");
        assertThat(a.minus(b).count()).isEqualTo(5);
        assertThat(q.count()).isEqualTo(a.minus(b).count());
        assertThat(values(q.fetch(), "id")).containsExactlyInAnyOrder(5L, 6L, 7L, 8L, 9L);
        assertThat(q.fetch()).allSatisfy(row -> assertThat(row.get("id2")).isEqualTo(3L));
        Map<String, Object> d = Map.of("id", 3, "id2", 5);
        assertThat(x.restrict(d).count()).isEqualTo(1);
        assertThat(x.restrict(d).proj("id2=3").count()).isEqualTo(x.restrict(d).count());
        assertThat(x.restrict(d).proj("id2=3").fetch()).containsExactly(Map.of("id", 3L, "id2", 3L));
    }

    /** #898, #899: an aggregation with a restricted group joined with a table, in either order, and restricted after the join. */
    @Test
    void case24JoinsWithAggregations() {
        Table subjectA = t("SubjectA");
        Table sessionA = t("SessionA");
        Table statusA = t("SessionStatusA");
        Table dateA = t("SessionDateA");
        Query subjects = subjectA.aggr(statusA.restrict("status=\"trained_1a\" or status=\"trained_1b\""),
                "date_trained=min(date(session_start_time))");
        assertThat(subjects.fetch()).containsExactly(Map.of("subject_id", "mouse1", "date_trained", LocalDate.of(2020, 12, 2)));
        assertThat(dateA.join(subjects).count()).isEqualTo(4);
        assertThat(subjects.join(dateA).count()).isEqualTo(4);
        assertThat(dateA.join(subjects).fetch()).hasSize(4)
                .allSatisfy(row -> assertThat(row.get("date_trained")).isEqualTo(LocalDate.of(2020, 12, 2)));

        Query subjQuery = subjectA.aggr(sessionA.join(statusA).restrict("status=\"trained_1a\" or status=\"trained_1b\""),
                "date_trained=min(date(session_start_time))");
        Query sessionDates = dateA.join(subjQuery.restrict("date_trained<\"2020-12-21\"")).restrict("session_date<date_trained");
        assertThat(sessionDates.count()).isEqualTo(1);
        assertThat(sessionDates.fetch()).containsExactly(
                Map.of("subject_id", "mouse1", "session_date", LocalDate.of(2020, 12, 1), "date_trained", LocalDate.of(2020, 12, 2)));
    }

    // ---- case 25: universal sets (test_relation_u.py, test_fetch.py::test_dj_u_distinct)

    @Test
    void case25DistinctLanguages() {
        Table language = t("Language");
        Query rel = U.of("language").restrict(language);
        assertThat(rel.names()).containsExactly("language");
        assertThat(rel.primaryKey()).containsExactly("language");
        assertThat(rel.count()).isEqualTo(4);
        assertThat(values(rel.fetch("language"), "language")).containsExactlyInAnyOrder("English", "Ukrainian", "German", "Japanese");
        assertThat(values(rel.top(Top.orderBy("language")).fetch(), "language")).containsExactly("English", "German", "Japanese",
                "Ukrainian");
        // restricting a table by U of its own attribute is no restriction: the same SQL
        assertThat(language.restrict(U.of("language")).sql()).isEqualTo(language.sql());
        assertThat(language.restrict(U.of("language")).count()).isEqualTo(6);
    }

    @Test
    void case25AggregationsOverLanguage() {
        Table language = t("Language");
        assertThat(U.of().aggr(language, "n=count(*)").fetch1("n").get("n")).isEqualTo(6L);
        assertThat(U.of().aggr(language, "n=count(*)").fetch1().get("n")).isEqualTo((long) language.fetch().size());
        Query rel = U.of("language").aggr(language, "number_of_speakers=count(*)");
        assertThat(rel.count()).isEqualTo(4);
        assertThat(rel.restrict("language=\"English\"").fetch1("number_of_speakers").get("number_of_speakers")).isEqualTo(3L);
        assertThat(rel.fetch()).containsExactlyInAnyOrder(Map.of("language", "English", "number_of_speakers", 3L),
                Map.of("language", "Ukrainian", "number_of_speakers", 1L), Map.of("language", "German", "number_of_speakers", 1L),
                Map.of("language", "Japanese", "number_of_speakers", 1L));
    }

    @Test
    void case25DistinctStimulusCombinationsInOrder() {
        Table stimulus = t("Stimulus");
        stimulus.insert(List.of(List.of(1, 2, 3), List.of(2, 2, 3), List.of(3, 3, 2), List.of(4, 5, 5)));
        try {
            Query result = U.of("contrast", "brightness").restrict(stimulus);
            assertThat(result.primaryKey()).containsExactly("contrast", "brightness");
            assertThat(result.top(Top.orderBy("contrast", "brightness")).fetch()).containsExactly(
                    Map.of("contrast", 2L, "brightness", 3L), Map.of("contrast", 3L, "brightness", 2L), Map.of("contrast", 5L, "brightness", 5L));
            assertThat(result.count()).isEqualTo(3);
        } finally {
            stimulus.deleteQuick();
        }
    }

    @Test
    void case25ArgmaxOfTTest() {
        Table test = t("TTest");
        Query mx = test.join(U.of().aggr(test, "mx=max(value)")).restrict("mx=value");
        assertThat(mx.fetch()).containsExactly(Map.of("key", 9L, "value", 18L, "mx", 18L));
        assertThat(mx.fetch("value").get(0).get("value")).isEqualTo(values(test.fetch("value"), "value").stream()
                .map(v -> (Long) v).max(Comparator.naturalOrder()).orElseThrow());
    }

    /** Issue #342 and case 20: U attributes joined to a query extend its primary key. */
    @Test
    void case25UniversalSetJoinsExtendThePrimaryKey() {
        Table trial = t("Trial");
        Query rel = trial.join(U.of("start_time"));
        assertThat(trial.primaryKey()).containsExactly("animal", "experiment_id", "trial_id");
        assertThat(rel.primaryKey()).containsExactly("animal", "experiment_id", "trial_id", "start_time");
        assertThat(rel.restrict("trial_id>3").primaryKey()).isEqualTo(rel.primaryKey());
        assertThat(U.of("start_time").restrict(trial).primaryKey()).containsExactly("start_time");
        assertThat(U.of("start_time").restrict(trial).count()).isEqualTo(trial.count());
        Table experiment = t("Experiment");
        assertThat(experiment.join(U.of("experiment_date")).primaryKey()).containsExactly("subject_id", "experiment_id", "experiment_date");
        assertThat(U.of("experiment_date").join(experiment).primaryKey()).containsExactly("subject_id", "experiment_id", "experiment_date");
        assertThat(experiment.primaryKey()).containsExactly("subject_id", "experiment_id");
        assertThatThrownBy(() -> U.of("color").restrict(t("Language"))).isInstanceOf(DovetailException.class)
                .hasMessage("Attribute `color` not found");
    }

    // ---- case 26: union (test_relational_operand.py::test_outer_union_fail, test_aggr_regressions.py::test_union_join)

    @Test
    void case26TrialPlusEphysIsTheOuterUnion() {
        Table trial = t("Trial");
        Table ephys = t("Ephys");
        Query union = trial.union(ephys);
        assertThat(union.names()).containsExactly("animal", "experiment_id", "trial_id", "start_time", "sampling_frequency", "duration");
        assertThat(Set.copyOf(union.names())).isEqualTo(Stream.concat(trial.names().stream(), ephys.names().stream())
                .collect(Collectors.toSet()));
        assertThat(union.primaryKey()).containsExactly("animal", "experiment_id", "trial_id");
        List<Map<String, Object>> rows = union.fetch();
        assertThat(rows).hasSize(SUBJECTS.size() * 5 * 10);
        assertThat(union.count()).isEqualTo(trial.count()).isEqualTo(200);
        assertThat(ephys.count()).isEqualTo(SUBJECTS.size() * 5 * TRIALS_WITH_EPHYS);
        for (Map<String, Object> row : rows) {
            int subject = ((Number) row.get("animal")).intValue();
            int experiment = ((Number) row.get("experiment_id")).intValue();
            int trialId = ((Number) row.get("trial_id")).intValue();
            assertThat(row.get("start_time")).as("%s", row).isEqualTo(startTime(subject, experiment, trialId));
            if (trialId < TRIALS_WITH_EPHYS) {
                assertThat(row.get("sampling_frequency")).as("%s", row).isEqualTo(6000.0);
                assertThat(row.get("duration")).as("%s", row).isEqualTo(duration(trialId).setScale(3));
            } else {
                assertThat(row.get("sampling_frequency")).as("%s", row).isNull();
                assertThat(row.get("duration")).as("%s", row).isNull();
            }
        }
        // the other operand order has the same rows
        assertThat(ephys.union(trial).fetch()).containsExactlyInAnyOrderElementsOf(rows);
        assertThat(union.restrict("sampling_frequency is null").count()).isEqualTo(trial.count() - ephys.count());
    }

    @Test
    void case26UnionOfRestrictionsJoinedWithItsParent() {
        Schema schema = aggrRegress("aggr_regress_with_abx");
        Table a = schema.table("A");
        Table b = schema.table("B");
        a.insert(List.of(List.of(100), List.of(200), List.of(300), List.of(400), List.of(500), List.of(600)));
        b.insert(List.of(List.of(100, 11), List.of(200, 22), List.of(300, 33), List.of(400, 44)));
        Query q1 = b.restrict("id < 300");
        Query q2 = b.restrict("id > 300");
        List<Map<String, Object>> expected = List.of(Map.of("id", 0L, "id2", 5L), Map.of("id", 1L, "id2", 6L), Map.of("id", 2L, "id2", 7L),
                Map.of("id", 3L, "id2", 8L), Map.of("id", 4L, "id2", 9L), Map.of("id", 100L, "id2", 11L), Map.of("id", 200L, "id2", 22L),
                Map.of("id", 400L, "id2", 44L));
        Query joined = q1.union(q2).join(a);
        assertThat(joined.names()).containsExactly("id", "id2");
        assertThat(joined.fetch()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(joined.top(Top.orderBy("KEY")).fetch()).containsExactlyElementsOf(expected);
        assertThat(joined.count()).isEqualTo(8);
        assertThat(a.join(q1.union(q2)).fetch()).containsExactlyInAnyOrderElementsOf(expected);
    }

    // ---- case 28: fetch forms (test_fetch.py on Language, User, Subject, Parent)

    /** Language contents sorted by name then language, each ascending or descending. */
    private static List<List<String>> sorted(boolean nameDesc, boolean languageDesc) {
        Comparator<List<String>> byName = Comparator.comparing(l -> l.get(0));
        Comparator<List<String>> byLanguage = Comparator.comparing(l -> l.get(1));
        List<List<String>> result = new ArrayList<>(LANGUAGES);
        result.sort((nameDesc ? byName.reversed() : byName).thenComparing(languageDesc ? byLanguage.reversed() : byLanguage));
        return result;
    }

    /** Language contents in the order {@code ("language", "name DESC")}. */
    private static List<List<String>> byLanguageThenNameDesc() {
        List<List<String>> result = new ArrayList<>(LANGUAGES);
        result.sort(Comparator.<List<String>, String>comparing(l -> l.get(1)).thenComparing(l -> l.get(0), Comparator.reverseOrder()));
        return result;
    }

    private static List<List<String>> pairs(List<Map<String, Object>> rows) {
        return rows.stream().map(r -> List.of((String) r.get("name"), (String) r.get("language"))).toList();
    }

    @Test
    void case28OrderByEveryDirection() {
        Table language = t("Language");
        for (String nameOrder : List.of("ASC", "DESC")) {
            for (String languageOrder : List.of("ASC", "DESC")) {
                List<Map<String, Object>> rows = language.top(Top.orderBy("name " + nameOrder, "language " + languageOrder)).fetch();
                assertThat(pairs(rows)).as(nameOrder + "/" + languageOrder)
                        .containsExactlyElementsOf(sorted(nameOrder.equals("DESC"), languageOrder.equals("DESC")));
            }
        }
        assertThat(pairs(language.top(Top.orderBy("language", "name DESC")).fetch())).containsExactlyElementsOf(byLanguageThenNameDesc());
        // explicitly: English by name descending, then German, Japanese, Ukrainian
        assertThat(pairs(language.top(Top.orderBy("language", "name DESC")).fetch())).containsExactly(List.of("Fabian", "English"),
                List.of("Edgar", "English"), List.of("Dimitri", "English"), List.of("Fabian", "German"), List.of("Edgar", "Japanese"),
                List.of("Dimitri", "Ukrainian"));
    }

    @Test
    void case28LimitAndOffset() {
        Table language = t("Language");
        List<Map<String, Object>> four = language.top(Top.limit(4)).fetch();
        assertThat(four).hasSize(4);
        // without an order, the limit applies in primary-key order
        assertThat(pairs(four)).containsExactlyElementsOf(sorted(false, false).subList(0, 4));
        List<List<String>> order = byLanguageThenNameDesc();
        assertThat(pairs(language.top(Top.limit(4).withOrderBy("language", "name DESC")).fetch()))
                .containsExactlyElementsOf(order.subList(0, 4));
        assertThat(pairs(language.top(Top.limit(4).withOrderBy("language", "name DESC").offset(1)).fetch()))
                .containsExactlyElementsOf(order.subList(1, 5));
        assertThat(pairs(language.top(Top.limit(4).withOrderBy("language", "name DESC").offset(2)).fetch()))
                .containsExactlyElementsOf(order.subList(2, 6));
        assertThat(language.fetch()).hasSize((int) language.count()).hasSize(6);
    }

    /** head(5) and tail(4) of User * Language: the first/last rows in primary-key order. */
    @Test
    void case28HeadAndTailOfUserTimesLanguage() {
        Query query = t("User").join(t("Language"));
        assertThat(query.primaryKey()).containsExactly("username", "name", "language");
        assertThat(query.count()).isEqualTo(USERS.size() * LANGUAGES.size());
        List<List<String>> languages = sorted(false, false);
        List<Map<String, Object>> head = query.top(Top.limit(5)).fetch();
        assertThat(head).hasSize(5);
        assertThat(head).allSatisfy(row -> assertThat(row.keySet()).containsExactly("username", "name", "language"));
        assertThat(head.stream().map(r -> List.of(r.get("username"), r.get("name"), r.get("language"))).toList())
                .containsExactlyElementsOf(languages.subList(0, 5).stream().map(l -> List.<Object>of("Cathryn", l.get(0), l.get(1))).toList());
        List<Map<String, Object>> tail = new ArrayList<>(query.top(Top.limit(4).withOrderBy("KEY DESC")).fetch());
        Collections.reverse(tail);
        assertThat(tail).hasSize(4);
        assertThat(tail.stream().map(r -> List.of(r.get("username"), r.get("name"), r.get("language"))).toList())
                .containsExactlyElementsOf(languages.subList(2, 6).stream().map(l -> List.<Object>of("Shan", l.get(0), l.get(1))).toList());
    }

    /** fetch of attributes and of KEY in one order give the same rows in the same order; so does streaming. */
    @Test
    void case28AttributesAndKeysInTheSameOrder() {
        Query ordered = t("Language").top(Top.orderBy("language", "name DESC"));
        List<Map<String, Object>> attributes = ordered.fetch("name", "language");
        List<Map<String, Object>> keys = ordered.fetch("KEY");
        assertThat(pairs(attributes)).containsExactlyElementsOf(byLanguageThenNameDesc());
        assertThat(pairs(keys)).containsExactlyElementsOf(byLanguageThenNameDesc());
        assertThat(keys).allSatisfy(k -> assertThat(k.keySet()).containsExactly("name", "language"));
        assertThat(pairs(ordered.fetchKeys())).containsExactlyElementsOf(byLanguageThenNameDesc());
        assertThat(pairs(ordered.fetch("language", "name"))).containsExactlyElementsOf(byLanguageThenNameDesc());
        try (Stream<Map<String, Object>> rows = ordered.stream()) {
            assertThat(pairs(rows.toList())).containsExactlyElementsOf(byLanguageThenNameDesc());
        }
    }

    @Test
    void case28Fetch1AndFetchErrors() {
        Table language = t("Language");
        assertThatThrownBy(language::fetch1).isInstanceOf(DovetailException.class);
        assertThatThrownBy(() -> language.fetch1("name")).isInstanceOf(DovetailException.class);
        assertThatThrownBy(() -> language.fetch((String) null)).isInstanceOf(DovetailException.class);
        assertThatThrownBy(() -> language.restrict("lang = \"ENGLISH\"")).isInstanceOf(UnknownAttributeException.class)
                .hasMessage("Attribute `lang` is not found in query.");
        Query edgar = language.restrict(Map.of("name", "Edgar", "language", "Japanese"));
        assertThat(edgar.fetch1()).isEqualTo(Map.of("name", "Edgar", "language", "Japanese"));
        assertThat(edgar.fetch1("name")).isEqualTo(Map.of("name", "Edgar"));
        assertThat(edgar.fetch1("language")).isEqualTo(Map.of("language", "Japanese"));
        assertThat(edgar.fetch1("KEY")).isEqualTo(Map.of("name", "Edgar", "language", "Japanese"));
    }

    @Test
    void case28SubjectAndParentFetchForms() {
        Table subject = t("Subject");
        List<Map<String, Object>> two = subject.fetch("species", "date_of_birth");
        assertThat(two).hasSize(4).allSatisfy(row -> assertThat(row.keySet()).containsExactly("species", "date_of_birth"));
        assertThat(two).contains(Map.of("species", "monkey", "date_of_birth", LocalDate.of(2008, 6, 30)));
        Query ten = subject.restrict("subject_id=10");
        assertThat(ten.fetch1("subject_id").get("subject_id")).isEqualTo(10L);
        Map<String, Object> idAndSpecies = ten.fetch1("subject_id", "species");
        assertThat(new ArrayList<>(idAndSpecies.values())).containsExactly(10L, "monkey");
        assertThat(ten.fetch1("KEY")).isEqualTo(Map.of("subject_id", 10L)).isEqualTo(ten.fetchKeys().get(0));
        // proj() and KEY give the same keys
        Comparator<Map<String, Object>> bySubject = Comparator.comparing(m -> (Long) m.get("subject_id"));
        List<Map<String, Object>> projected = new ArrayList<>(subject.proj().fetch());
        List<Map<String, Object>> keys = new ArrayList<>(subject.fetchKeys());
        projected.sort(bySubject);
        keys.sort(bySubject);
        assertThat(projected).isEqualTo(keys);
        assertThat(keys).extracting(k -> k.get("subject_id")).containsExactly(10L, 1551L, 1552L, 1553L);
        // #914
        assertThat(t("Parent").top(Top.orderBy("name")).fetch("KEY")).containsExactly(Map.of("parent_id", 1L));
    }

    /**
     * #914 beyond Parent's single row: fetching keys (or some attributes) in the order of an attribute
     * that is not fetched keeps that order; a projection dropping the order attribute keeps the top's rows.
     */
    @Test
    void case28FetchOrderedByAnAttributeThatIsNotFetched() {
        Table subject = t("Subject");
        assertThat(values(subject.top(Top.orderBy("date_of_birth")).fetch("KEY"), "subject_id")).containsExactly(10L, 1551L, 1552L, 1553L);
        assertThat(values(subject.top(Top.orderBy("date_of_birth DESC")).fetchKeys(), "subject_id"))
                .containsExactly(1553L, 1552L, 1551L, 10L);
        assertThat(subject.top(Top.orderBy("date_of_birth DESC")).fetch("KEY")).allSatisfy(k -> assertThat(k.keySet()).containsExactly("subject_id"));
        // real_id order: "1551" < "1552" < "1553" < "Curious George"
        assertThat(values(subject.top(Top.limit(2).withOrderBy("real_id")).fetch("KEY"), "subject_id")).containsExactly(1551L, 1552L);
        assertThat(subject.top(Top.limit(1).withOrderBy("real_id DESC")).fetch1("species")).isEqualTo(Map.of("species", "monkey"));
        assertThat(values(t("Language").top(Top.orderBy("language", "name DESC")).fetch("name"), "name"))
                .containsExactly("Fabian", "Edgar", "Dimitri", "Fabian", "Edgar", "Dimitri");
        // as a query: the projection keeps the rows the top chose
        Query youngestTwo = subject.top(Top.limit(2).withOrderBy("date_of_birth DESC")).proj();
        assertThat(youngestTwo.names()).containsExactly("subject_id");
        assertThat(values(youngestTwo.fetch(), "subject_id")).containsExactlyInAnyOrder(1553L, 1552L);
        assertThat(youngestTwo.count()).isEqualTo(2);
        assertThat(values(subject.top(Top.limit(2).withOrderBy("date_of_birth")).proj("born=date_of_birth", "real_id").fetch(), "real_id"))
                .containsExactlyInAnyOrder("Curious George", "1551");
    }

    private static List<Object> values(List<Map<String, Object>> rows, String name) {
        return rows.stream().map(r -> r.get(name)).toList();
    }
}
