package org.dovetail.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.dovetail.Dovetail;
import org.dovetail.TestConfigs;
import org.dovetail.heading.Heading;
import org.dovetail.internal.heading.Describe;
import org.dovetail.internal.heading.HeadingReader;
import org.dovetail.testkit.DovetailTest;
import org.dovetail.testkit.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fixture package DataJoint-Python 0.14.9 wrote ({@code fixture-014}): its dump loads into the
 * test database, every table's heading and describe() match what Python reported, and declaring
 * the described definitions under another schema name gives the same SHOW CREATE TABLE text.
 */
@DovetailTest
class Fixture014IT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WRITER_SCHEMA = "dvt_fixture";
    private static JsonNode ddl;
    private static String loaded;
    private static String redeclared;
    private static Dovetail connection;

    @BeforeAll
    static void loadAndRedeclare(TestDatabase db) throws Exception {
        loaded = db.schema("fixture");
        redeclared = db.schema("again");
        try (var c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE `" + loaded + "`");
        }
        String dump = new String(resource("fixture-014/schema.sql").readAllBytes(), StandardCharsets.UTF_8);
        try (var c = DriverManager.getConnection(db.jdbcUrl() + loaded + "?allowMultiQueries=true", db.user(), db.password());
                Statement s = c.createStatement()) {
            s.execute(dump);
        }
        connection = Dovetail.connect(TestConfigs.builder(db).filepathManagement(true).adaptedTypes(true).build());
        redeclare();
    }

    @AfterAll
    static void close() {
        connection.close();
    }

    /**
     * Declares every user table of the fixture in a new schema, in the fixture's order, from
     * Dovetail's describe() of the loaded table (which equals Python's, see describeMatchesWhatPythonWrote).
     */
    private static void redeclare() {
        Schema schema = connection.createSchema(redeclared).withAdapter("point", "varchar(64)");
        for (String name : userTables()) {
            if (name.contains(".")) {
                continue; // declared with its master
            }
            TableDefinition definition = TableDefinition.of(Tier.valueOf(ddl.path("tables").path(name).path("tier").asText()
                    .toUpperCase(java.util.Locale.ROOT)), name, describeLoaded(name));
            for (String part : userTables()) {
                if (part.startsWith(name + ".")) {
                    definition = definition.withPart(part.substring(name.length() + 1), describeLoaded(part));
                }
            }
            schema.declare(definition);
        }
    }

    private static String describeLoaded(String name) {
        return Describe.definition(HeadingReader.read(connection.connection(), loaded, ddl.path("tables").path(name).path("table").asText()));
    }

    static List<String> userTables() {
        List<String> names = new ArrayList<>();
        ddl.path("order").forEach(n -> {
            if (!n.asText().startsWith("~")) {
                names.add(n.asText());
            }
        });
        return names;
    }

    static Stream<String> allTables() {
        List<String> names = new ArrayList<>();
        ddl.path("order").forEach(n -> names.add(n.asText()));
        return names.stream();
    }

    @ParameterizedTest
    @MethodSource("userTables")
    void headingMatchesWhatPythonRead(String name) throws IOException {
        JsonNode table = ddl.path("tables").path(name);
        Heading heading = HeadingReader.read(connection.connection(), loaded, table.path("table").asText());
        ObjectNode actual = JSON.valueToTree(heading);
        ObjectNode expected = (ObjectNode) JSON.readTree(table.path("heading").toString()
                .replace("`" + WRITER_SCHEMA + "`", "`" + loaded + "`"));
        for (int i = 0; i < actual.path("attributes").size(); i++) {
            ObjectNode a = (ObjectNode) actual.path("attributes").get(i);
            ObjectNode e = (ObjectNode) expected.path("attributes").get(i);
            a.remove("column_type");
            if (e != null && !e.path("adapter").isNull()) {
                // Python records the adapter object's class (PointAdapter); Dovetail the adapter's name.
                assertThat(a.path("adapter").asText()).isEqualTo("point");
                a.put("adapter", e.path("adapter").asText());
            }
        }
        assertThat(actual).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("userTables")
    void describeMatchesWhatPythonWrote(String name) {
        JsonNode table = ddl.path("tables").path(name);
        Heading heading = HeadingReader.read(connection.connection(), loaded, table.path("table").asText());
        assertThat(Describe.definition(heading)).isEqualTo(withBoolDescribedAsBool(table.path("describe").asText(), heading));
    }

    /** The one deliberate divergence (docs/compatibility.md): Python describes a bool column as tinyint. */
    private static String withBoolDescribedAsBool(String pythonDescribe, Heading heading) {
        StringBuilder out = new StringBuilder();
        for (String line : pythonDescribe.split("(?<=\n)")) {
            String name = line.split("[=\\s]", 2)[0];
            boolean isBool = heading.find(name).map(a -> "tinyint(1)".equals(a.columnType())).orElse(false);
            out.append(isBool ? line.replace(": tinyint ", ": bool    ") : line);
        }
        return out.toString();
    }

    @ParameterizedTest
    @MethodSource("allTables")
    void redeclaredTablesHaveTheSameShowCreateTable(String name) {
        JsonNode table = ddl.path("tables").path(name);
        String expected = normalise(table.path("show_create_table").asText(), WRITER_SCHEMA);
        String actual = normalise(showCreateTable(redeclared, table.path("table").asText()), redeclared);
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void redeclaringTheSameDefinitionsIsANoOp() {
        int before = connection.connection().queryValue("SELECT COUNT(*) FROM `" + redeclared + "`.`~log`", Integer.class).orElseThrow();
        redeclare();
        int after = connection.connection().queryValue("SELECT COUNT(*) FROM `" + redeclared + "`.`~log`", Integer.class).orElseThrow();
        assertThat(after).isEqualTo(before);
    }

    @Test
    void describedDefinitionsDeclareTheLoadedTablesAgain() {
        Schema schema = connection.schema(loaded).withAdapter("point", "varchar(64)");
        for (TableInfo table : schema.tables()) {
            if (table.tier() != Tier.PART) {
                TableDefinition definition = TableDefinition.of(table.tier(), table.className(), schema.describe(table.className()));
                for (TableInfo part : schema.tables()) {
                    if (part.className().startsWith(table.className() + ".")) {
                        definition = definition.withPart(part.className().substring(table.className().length() + 1),
                                schema.describe(part.className()));
                    }
                }
                assertThat(schema.declare(definition).fullName()).isEqualTo(table.fullName());
            }
        }
    }

    @Test
    void theLogRecordsCreationAndEveryDeclaration() {
        List<String> events = connection.connection().query("SELECT event FROM `" + redeclared + "`.`~log` ORDER BY id", r -> r.getString(1));
        assertThat(events.get(0)).isEqualTo("created");
        assertThat(events).contains("Declared `" + redeclared + "`.`_recording__channel`");
        assertThat(events.stream().filter(e -> e.startsWith("Declared")).count()).isEqualTo(userTables().size());
        assertThat(connection.connection().query("SELECT DISTINCT version FROM `" + redeclared + "`.`~log`", r -> r.getString(1)))
                .containsExactly("0.14.9java");
    }

    @Test
    void tablesAreListedWithTiersAndClassNames() {
        Map<String, String> byClass = new LinkedHashMap<>();
        connection.schema(loaded).tables().forEach(t -> byClass.put(t.className(), t.tier().displayName()));
        Map<String, String> expected = new LinkedHashMap<>();
        userTables().forEach(n -> expected.put(n, ddl.path("tables").path(n).path("tier").asText()));
        assertThat(byClass).containsExactlyInAnyOrderEntriesOf(expected);
    }

    private static String showCreateTable(String schema, String table) {
        return connection.connection().query("SHOW CREATE TABLE `" + schema + "`.`" + table + "`", r -> r.getString(2)).get(0);
    }

    /** The schema name (in ~log's comment) and AUTO_INCREMENT counters depend on the writer, not the declaration. */
    private static String normalise(String showCreateTable, String schema) {
        return showCreateTable.replace("`" + schema + "`", "`S`").replaceAll(" AUTO_INCREMENT=\\d+", "");
    }

    private static InputStream resource(String path) throws IOException {
        InputStream in = Fixture014IT.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IOException("missing test resource " + path);
        }
        return in;
    }

    static {
        // the parameter sources read the package before any @BeforeAll runs
        try {
            ddl = JSON.readTree(resource("fixture-014/ddl.json"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
