package org.dovetail.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dovetail.Dovetail;
import org.dovetail.TestConfigs;
import org.dovetail.query.Query;
import org.dovetail.query.U;
import org.dovetail.testkit.DovetailTest;
import org.dovetail.testkit.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The university dataset's expected counts (test-schemas.md §5), with the data inserted through
 * {@link Table#insert} from DataJoint's CSV files (every value a string, as DataJoint reads them).
 */
@DovetailTest
class UniversityQueriesIT {
    private static Dovetail connection;
    private static Schema schema;

    @BeforeAll
    static void load(TestDatabase db) throws IOException {
        connection = Dovetail.connect(TestConfigs.of(db));
        schema = connection.createSchema(db.schema("university"));
        UniversityIT.TABLES.forEach(schema::declare);
        for (String className : List.of("Student", "Department", "StudentMajor", "Course", "Term", "CurrentTerm", "Section", "Enroll", "Grade")) {
            List<List<String>> csv = UniversityIT.Csv.parse(new String(resource("university/" + className + ".csv").readAllBytes(),
                    StandardCharsets.UTF_8));
            List<Map<String, Object>> rows = new ArrayList<>();
            for (List<String> line : csv.subList(1, csv.size())) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 0; i < line.size(); i++) {
                    row.put(csv.get(0).get(i), line.get(i));
                }
                rows.add(row);
            }
            t(className).insert(rows);
        }
    }

    @AfterAll
    static void close() {
        connection.close();
    }

    private static Table t(String className) {
        return schema.table(className);
    }

    @Test
    void tableSizes() {
        assertThat(List.of(t("Student").count(), t("StudentMajor").count(), t("Section").count(), t("Enroll").count(), t("Grade").count()))
                .containsExactly(300L, 226L, 756L, 3364L, 3027L);
    }

    @Test
    void restrictions() {
        Table student = t("Student");
        assertThat(student.restrict(Map.of("home_state", "UT")).count()).isEqualTo(7);
        assertThat(student.restrict("home_state=\"UT\"").count()).isEqualTo(7);
        Query males = student.restrict("sex=\"M\"").minus(Map.of("home_state", "UT"));
        assertThat(U.of("home_state").restrict(males).count()).isEqualTo(44);
        assertThat(U.of("sex").restrict(males).fetch()).containsExactly(Map.of("sex", "M"));
        Query states = student.restrict(List.of(Map.of("home_state", "OK"), Map.of("home_state", "NM"), Map.of("home_state", "TX")));
        assertThat(states.count()).isEqualTo(11);
        assertThat(states.fetchKeys()).isEqualTo(student.restrict("home_state in ('OK','NM','TX')").fetchKeys());
        Query born = student.restrict("date_of_birth between \"1981-01-01\" and \"1996-12-31\"");
        assertThat(born.count()).isEqualTo(170);
        assertThat(born.minus(t("Enroll").restrict("dept=\"MATH\"")).count()).isEqualTo(53);
        assertThat(student.minus(t("Enroll").restrict(t("CurrentTerm"))).count()).isEqualTo(204);
        assertThat(student.restrict(List.of(t("Enroll"), t("StudentMajor").minus(Map.of("dept", "MATH")))).restrict(Map.of("sex", "F")).count())
                .isEqualTo(158);
    }

    @Test
    void joinsAndUnion() {
        Query ungraded = t("Enroll").join(t("CurrentTerm")).minus(t("Grade"));
        assertThat(ungraded.count()).isEqualTo(34);
        assertThat(ungraded.leftJoin(t("StudentMajor").proj("...", "major=dept")).count()).isEqualTo(34);
        assertThat(ungraded.join(t("StudentMajor").proj("...", "major=dept")).count()).isEqualTo(31);
        assertThat(ungraded.restrict(t("StudentMajor").proj("...", "major=dept")).count()).isEqualTo(31);
        assertThat(t("Enroll").restrict("student_id=101").union(t("Enroll").restrict("student_id=102")).count()).isEqualTo(41);
    }

    @Test
    void aggregations() {
        Query grades = t("Grade").join(t("LetterGrade"));
        assertThat(t("Course").aggr(grades, "avg_grade=round(avg(points), 2)").count()).isEqualTo(45);
        Query gpa = t("Student").aggr(t("Course").join(t("Grade")).join(t("LetterGrade")),
                "gpa=round(sum(points*credits)/sum(credits), 2)");
        List<Map<String, Object>> rows = gpa.fetch();
        assertThat(rows).hasSize(261);
        double mean = rows.stream().mapToDouble(r -> ((Number) r.get("gpa")).doubleValue()).average().orElseThrow();
        assertThat(mean).isCloseTo(2.316, org.assertj.core.data.Offset.offset(0.001));
        Query biology = t("Section").restrict(Map.of("dept", "BIOL"));
        Query empty = biology.aggr(t("Enroll"), true, "n=count(student_id)").restrict("n=0");
        assertThat(empty.count()).isEqualTo(17);
        assertThat(empty.exists()).isTrue();
        Set<Object> depts = new HashSet<>();
        empty.fetch("dept").forEach(r -> depts.add(r.get("dept")));
        assertThat(depts).hasSize(1);
        // fails on MariaDB in DataJoint-Python (ONLY_FULL_GROUP_BY); Dovetail groups by the selected attributes too
        assertThat(biology.aggr(t("Grade"), true, "...", "n=count(student_id)").restrict("n>1").count()).isEqualTo(168);
    }

    private static InputStream resource(String path) throws IOException {
        InputStream in = UniversityQueriesIT.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IOException("missing test resource " + path);
        }
        return in;
    }
}
