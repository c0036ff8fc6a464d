package org.dovetail.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.dovetail.Dovetail;
import org.dovetail.TestConfigs;
import org.dovetail.testkit.DovetailTest;
import org.dovetail.testkit.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** DataJoint's university test schema ({@code tests/schema_university.py}), declared and loaded with its data. */
@DovetailTest
class UniversityIT {
    static final List<TableDefinition> TABLES = List.of(
            TableDefinition.of(Tier.MANUAL, "Student", """
                    student_id : int unsigned   # university-wide ID number
                    ---
                    first_name      : varchar(40)
                    last_name       : varchar(40)
                    sex             : enum('F', 'M', 'U')
                    date_of_birth   : date
                    home_address    : varchar(120) # mailing street address
                    home_city       : varchar(60)  # mailing address
                    home_state      : char(2)      # US state acronym: e.g. OH
                    home_zip        : char(10)     # zipcode e.g. 93979-4979
                    home_phone      : varchar(20)  # e.g. 414.657.6883x0881
                    """),
            TableDefinition.of(Tier.MANUAL, "Department", """
                    dept : varchar(6)   # abbreviated department name, e.g. BIOL
                    ---
                    dept_name    : varchar(200)  # full department name
                    dept_address : varchar(200)  # mailing address
                    dept_phone   : varchar(20)
                    """),
            TableDefinition.of(Tier.MANUAL, "StudentMajor", """
                    -> Student
                    ---
                    -> Department
                    declare_date :  date  # when student declared her major
                    """),
            TableDefinition.of(Tier.MANUAL, "Course", """
                    -> Department
                    course  : int unsigned   # course number, e.g. 1010
                    ---
                    course_name :  varchar(200)  # e.g. "Neurobiology of Sensation and Movement."
                    credits     :  decimal(3,1)  # number of credits earned by completing the course
                    """),
            TableDefinition.of(Tier.MANUAL, "Term", """
                    term_year : year
                    term      : enum('Spring', 'Summer', 'Fall')
                    """),
            TableDefinition.of(Tier.MANUAL, "Section", """
                    -> Course
                    -> Term
                    section : char(1)
                    ---
                    auditorium   :  varchar(12)
                    """),
            TableDefinition.of(Tier.MANUAL, "CurrentTerm", """
                    omega=0 : tinyint
                    ---
                    -> Term
                    """),
            TableDefinition.of(Tier.MANUAL, "Enroll", """
                    -> Student
                    -> Section
                    """),
            TableDefinition.of(Tier.LOOKUP, "LetterGrade", """
                    grade : char(2)
                    ---
                    points : decimal(3,2)
                    """).withContents(List.of(List.of("A", 4.00), List.of("A-", 3.67), List.of("B+", 3.33), List.of("B", 3.00),
                    List.of("B-", 2.67), List.of("C+", 2.33), List.of("C", 2.00), List.of("C-", 1.67), List.of("D+", 1.33),
                    List.of("D", 1.00), List.of("F", 0.00))),
            TableDefinition.of(Tier.MANUAL, "Grade", """
                    -> Enroll
                    ---
                    -> LetterGrade
                    """));
    private static final List<String> DATA = List.of("Student", "Department", "StudentMajor", "Course", "Term", "CurrentTerm",
            "Section", "Enroll", "Grade");
    private static Dovetail connection;
    private static Schema schema;

    @BeforeAll
    static void declare(TestDatabase db) throws IOException {
        connection = Dovetail.connect(TestConfigs.of(db));
        schema = connection.createSchema(db.schema("university"));
        TABLES.forEach(schema::declare);
        for (String className : DATA) {
            load(className);
        }
    }

    @AfterAll
    static void close() {
        connection.close();
    }

    @Test
    void showCreateTableIsWhatDataJointDeclares() throws IOException {
        String expected = new String(resource("university/show-create-table.sql").readAllBytes(), StandardCharsets.UTF_8);
        List<String> actual = new ArrayList<>();
        for (TableDefinition t : TABLES) {
            String table = schema.find(t.className()).orElseThrow().tableName();
            actual.add(connection.connection().query("SHOW CREATE TABLE " + schema.fullName(table), r -> r.getString(2)).get(0) + ";\n");
        }
        assertThat(String.join("\n", actual)).isEqualTo(expected);
    }

    @Test
    void theUpstreamDataLoads() {
        assertThat(count("student")).isEqualTo(300);
        assertThat(count("student_major")).isEqualTo(226);
        assertThat(count("section")).isEqualTo(756);
        assertThat(count("enroll")).isEqualTo(3364);
        assertThat(count("grade")).isEqualTo(3027);
        assertThat(count("#letter_grade")).isEqualTo(11);
    }

    @Test
    void describeDeclaresTheSameTables() {
        for (TableDefinition t : TABLES) {
            TableDefinition again = TableDefinition.of(t.tier(), t.className(), schema.describe(t.className()));
            assertThat(schema.declare(again).className()).isEqualTo(t.className()); // a no-op: same definition
        }
        assertThat(schema.describe("Section")).isEqualTo("-> Course\n-> Term\n"
                + "section              : char(1)" + " ".repeat(22) + "\n---\n"
                + "auditorium           : varchar(12)" + " ".repeat(18) + "\n");
        assertThat(schema.describe("CurrentTerm")).isEqualTo(
                "omega=0              : tinyint" + " ".repeat(22) + "\n---\n-> Term\n");
    }

    @Test
    void lookupContentsAreInsertedOnceAndValuesKept() {
        schema.declare(TABLES.get(8));
        assertThat(count("#letter_grade")).isEqualTo(11);
        assertThat(connection.connection().queryValue("SELECT points FROM " + schema.fullName("#letter_grade") + " WHERE grade='A-'",
                String.class)).contains("3.67");
    }

    @Test
    void tablesAreListedWithTiersAndClassNames() {
        assertThat(schema.tables()).extracting(TableInfo::className).containsExactlyInAnyOrder("Student", "Department",
                "StudentMajor", "Course", "Term", "Section", "CurrentTerm", "Enroll", "LetterGrade", "Grade");
        assertThat(schema.table("LetterGrade").tier()).contains(Tier.LOOKUP);
    }

    private static long count(String table) {
        return connection.connection().queryValue("SELECT COUNT(*) FROM " + schema.fullName(table), Long.class).orElseThrow();
    }

    private static void load(String className) throws IOException {
        List<List<String>> rows = Csv.parse(new String(resource("university/" + className + ".csv").readAllBytes(),
                StandardCharsets.UTF_8));
        List<String> header = rows.get(0);
        String table = schema.find(className).orElseThrow().fullName();
        String sql = "INSERT INTO " + table + " (" + String.join(",", header.stream().map(h -> "`" + h + "`").toList())
                + ") VALUES (" + String.join(",", header.stream().map(h -> "?").toList()) + ")";
        connection.connection().withJdbc(jdbc -> {
            try (var ps = jdbc.prepareStatement(sql)) {
                for (List<String> row : rows.subList(1, rows.size())) {
                    for (int i = 0; i < row.size(); i++) {
                        ps.setString(i + 1, row.get(i));
                    }
                    ps.addBatch();
                }
                return ps.executeBatch().length;
            }
        });
    }

    private static InputStream resource(String path) throws IOException {
        InputStream in = UniversityIT.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IOException("missing test resource " + path);
        }
        return in;
    }

    /** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks. */
    static final class Csv {
        static List<List<String>> parse(String text) {
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    row.add(field.toString());
                    field.setLength(0);
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    row.add(field.toString());
                    field.setLength(0);
                    rows.add(row);
                    row = new ArrayList<>();
                } else {
                    field.append(c);
                }
            }
            if (field.length() > 0 || !row.isEmpty()) {
                row.add(field.toString());
                rows.add(row);
            }
            return rows;
        }
    }
}
