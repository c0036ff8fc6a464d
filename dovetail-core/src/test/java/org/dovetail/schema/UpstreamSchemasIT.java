package org.dovetail.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dovetail.Dovetail;
import org.dovetail.TestConfigs;
import org.dovetail.testkit.DovetailTest;
import org.dovetail.testkit.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every definition of DataJoint-Python's test schemas (test-schemas.md §2, as pipeline files in
 * {@code upstream/}) declares; the SHOW CREATE TABLE text of characteristic tables is exactly the
 * expected one; and describe() of every table declares the same table again.
 */
@DovetailTest
class UpstreamSchemasIT {
    private static final List<String> SCHEMAS = List.of("schema_any", "schema_simple", "schema_advanced", "schema_uuid", "schema_external",
            "schema_adapted", "schema_aggr_regress", "schema_privileges");
    private static TestDatabase db;
    private static Dovetail connection;
    private static final Map<String, Schema> declared = new LinkedHashMap<>();

    @BeforeAll
    static void declareAll(TestDatabase database) {
        db = database;
        connection = Dovetail.connect(TestConfigs.builder(db).filepathManagement(true).adaptedTypes(true).build());
        for (String name : SCHEMAS) {
            Schema schema = connection.createSchema(db.schema(name));
            schema.declare(Upstream.pipeline(name));
            declared.put(name, schema);
        }
    }

    @AfterAll
    static void close() {
        connection.close();
    }

    @Test
    void listTablesOfSchemaSimpleIsDataJointsWithPartsAfterTheirMasters() {
        // test-schemas.md case 10
        List<TableInfo> tables = declared.get("schema_simple").tables();
        assertThat(tables).extracting(TableInfo::tableName).containsExactlyInAnyOrder("reserved_word", "#l", "#a", "__d", "__b",
                "__b__c", "__e", "__e__f", "__e__g", "__e__h", "__e__m", "__g", "#outfit_launch", "#outfit_launch__outfit_piece",
                "#i_j", "#j_i", "#t_test_update", "#data_a", "#data_b", "f", "#argmax_test", "#website", "profile",
                "profile__website", "#select_p_k", "#key_p_k");
        List<String> names = tables.stream().map(TableInfo::tableName).toList();
        for (String part : List.of("__b__c", "#outfit_launch__outfit_piece", "profile__website")) {
            String master = part.substring(0, part.lastIndexOf("__"));
            assertThat(names.indexOf(part)).as(part).isEqualTo(names.indexOf(master) + 1);
        }
        assertThat(names.subList(names.indexOf("__e"), names.indexOf("__e") + 5))
                .containsExactlyInAnyOrder("__e", "__e__f", "__e__g", "__e__h", "__e__m");
        assertThat(names.indexOf("__e__h")).isLessThan(names.indexOf("__e__m"));
        assertThat(names.indexOf("__e")).isLessThan(names.indexOf("__g"));
    }

    @Test
    void showCreateTableOfCharacteristicTablesIsExact() throws IOException {
        Map<String, String> expected = expectedShowCreateTable();
        assertThat(expected).hasSize(20);
        for (var entry : expected.entrySet()) {
            String[] name = entry.getKey().split("\\.", 2);
            assertThat(showCreateTable(declared.get(name[0]), name[1])).as(entry.getKey()).isEqualTo(entry.getValue());
        }
    }

    @Test
    void describeOfProjectedForeignKeys() {
        Schema advanced = declared.get("schema_advanced");
        assertThat(advanced.describe("GlobalSynapse")).isEqualTo("""
                # a synapse within the slice
                -> Cell.proj(pre_slice="slice",pre_cell="cell")
                -> Cell.proj(post_slice="slice",post_cell="cell")
                """);
        assertThat(advanced.describe("LocalSynapse")).isEqualTo("""
                # a synapse within the slice
                -> Cell.proj(presynaptic="cell")
                -> Cell.proj(postsynaptic="cell")
                """);
        assertThat(advanced.describe("Parent")).isEqualTo("-> Person\n" + line("parent_sex", "enum('M','F')") + "---\n"
                + "-> Person.proj(parent=\"person_id\")\n");
        assertThat(advanced.describe("Subject")).isEqualTo(line("subject", "int") + "---\n-> [unique, nullable] Person\n");
        assertThat(declared.get("schema_simple").describe("E.F")).isEqualTo("-> E\n" + line("id_f", "int") + "---\n-> B.C\n");
        assertThat(declared.get("schema_simple").describe("E.M")).isEqualTo("# test force_masters revisit\n-> E\n" + line("id_m", "int")
                + "---\n-> E.H\n");
    }

    static List<String> schemas() {
        return SCHEMAS;
    }

    @ParameterizedTest
    @MethodSource("schemas")
    void describeDeclaresTheSameTables(String name) {
        Schema original = declared.get(name);
        Pipeline pipeline = Upstream.pipeline(name);
        Schema copy = connection.createSchema(db.schema(name + "_rt"));
        for (var adapter : pipeline.adapters().entrySet()) {
            copy = copy.withAdapter(adapter.getKey(), adapter.getValue());
        }
        List<TableInfo> tables = original.tables();
        for (TableInfo table : tables) {
            if (table.tier() == Tier.PART) {
                continue;
            }
            TableDefinition definition = TableDefinition.of(table.tier(), table.className(), original.describe(table.className()));
            for (TableInfo part : tables) {
                if (part.tier() == Tier.PART && part.className().startsWith(table.className() + ".")) {
                    definition = definition.withPart(part.className().substring(table.className().length() + 1),
                            original.describe(part.className()));
                }
            }
            copy.declare(definition);
        }
        List<String> differences = new ArrayList<>();
        for (TableInfo table : tables) {
            String before = showCreateTable(original, table.tableName()).replace(original.name(), "SCHEMA");
            String after = showCreateTable(copy, table.tableName()).replace(copy.name(), "SCHEMA");
            if (!before.equals(after)) {
                differences.add(table.className() + ":\n" + before + "\n" + after);
            }
        }
        assertThat(differences).isEmpty();
        assertThat(copy.tables()).extracting(TableInfo::tableName).containsExactlyElementsOf(tables.stream().map(TableInfo::tableName).toList());
    }

    /** An attribute line of describe() without comment, trailing blanks kept as DataJoint prints them. */
    private static String line(String name, String type) {
        return String.format("%-20s : %-28s \n", name, type);
    }

    /** {@code schema.table} → SHOW CREATE TABLE, from {@code upstream/show-create-table.sql}. */
    private static Map<String, String> expectedShowCreateTable() throws IOException {
        Map<String, String> expected = new LinkedHashMap<>();
        String text;
        try (InputStream in = UpstreamSchemasIT.class.getResourceAsStream("/upstream/show-create-table.sql")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String block : text.split("\n\n")) {
            String[] lines = block.strip().split("\n", 2);
            if (lines.length < 2) {
                continue;
            }
            expected.put(lines[0].substring(3).strip(), lines[1]);
        }
        return expected;
    }

    private static String showCreateTable(Schema schema, String table) {
        return connection.connection().query("SHOW CREATE TABLE " + schema.fullName(table), r -> r.getString(2)).get(0);
    }
}
