package org.dovetail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.dovetail.Dovetail;
import org.dovetail.blob.BlobJson;
import org.dovetail.cli.CommandRun.Result;
import org.dovetail.connection.Connection;
import org.dovetail.schema.Schema;
import org.dovetail.schema.TableDefinition;
import org.dovetail.schema.Tier;
import org.dovetail.testing.ConnectedTest;
import org.dovetail.testkit.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every blob of blob-vectors.json (DataJoint-Python 0.14.9's bytes) stored verbatim, fetched with
 * {@code dovetail fetch} and inserted again with {@code dovetail insert}: the bytes stored the
 * second time are the bytes stored the first time.
 */
@ConnectedTest
class BlobVectorsCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Blobs written by DataJoint-Python 0.11 that Dovetail (like 0.14) reads but writes as 0.14
     * does: the same value, other bytes. legacy_dict and legacy_small_compressed are compressed
     * although short (0.11 had no 1000-byte floor); legacy_dict and legacy_int carry the mYm
     * header where 0.14 writes dj0 (and the other way round for the dict's struct).
     */
    static final Set<String> REWRITTEN_AS_0_14 = Set.of("legacy_dict", "legacy_int", "legacy_small_compressed");
    /** A MATLAB sparse matrix: readable, but neither DataJoint nor Dovetail writes sparse matrices. */
    static final Set<String> READ_ONLY = Set.of("matlab_sparse");
    /** Not readable without options the command line does not have (32-bit MATLAB) or not valid blobs at all. */
    static final Set<String> UNREADABLE = Set.of("matlab_32bit_struct", "python_struct_nofields_stray_nul", "unknown_code", "not_a_blob");

    private static TestDatabase db;
    private static String lab;
    private static Map<String, byte[]> vectors;

    @TempDir
    Path work;

    @BeforeAll
    static void store(TestDatabase database, Dovetail dj) throws SQLException, IOException {
        db = database;
        lab = db.schema("vectors");
        Schema schema = dj.createSchema(lab);
        for (String table : List.of("Stored", "ViaJsonl", "ViaCsv", "ReadOnly", "Unreadable")) {
            schema.declare(TableDefinition.of(Tier.MANUAL, table, "id : varchar(64)\n---\nvalue : longblob"));
        }
        vectors = new LinkedHashMap<>();
        try (InputStream in = BlobVectorsCliIT.class.getResourceAsStream("/vectors/blob-vectors.json")) {
            for (JsonNode v : JSON.readTree(in).get("vectors")) {
                vectors.put(v.get("id").asText(), HexFormat.of().parseHex(v.get("hex").asText()));
            }
        }
        assertThat(vectors).hasSize(117);
        try (java.sql.Connection jdbc = db.connect()) {
            for (Map.Entry<String, byte[]> v : vectors.entrySet()) {
                String table = READ_ONLY.contains(v.getKey()) ? "read_only" : UNREADABLE.contains(v.getKey()) ? "unreadable" : "stored";
                try (PreparedStatement ps = jdbc.prepareStatement("INSERT INTO `" + lab + "`.`" + table + "` (id, value) VALUES (?, ?)")) {
                    ps.setString(1, v.getKey());
                    ps.setBytes(2, v.getValue());
                    ps.executeUpdate();
                }
            }
        }
    }

    private static Result run(String... args) {
        return CommandRun.run(CommandRun.env(db), args);
    }

    private static Map<String, byte[]> bytesOf(String table) throws SQLException {
        Map<String, byte[]> rows = new LinkedHashMap<>();
        try (java.sql.Connection jdbc = db.connect();
             ResultSet rs = jdbc.createStatement().executeQuery("SELECT id, value FROM `" + lab + "`.`" + table + "` ORDER BY id")) {
            while (rs.next()) {
                rows.put(rs.getString(1), rs.getBytes(2));
            }
        }
        return rows;
    }

    /** The ids whose bytes differ, after checking that every row came back and decodes to the same tree. */
    private static Set<String> rewritten(Map<String, byte[]> original, Map<String, byte[]> copy) {
        assertThat(copy.keySet()).isEqualTo(original.keySet());
        Set<String> differ = new TreeSet<>();
        for (String id : original.keySet()) {
            assertThat(BlobJson.decodeToJson(copy.get(id))).as(id).isEqualTo(BlobJson.decodeToJson(original.get(id)));
            if (!java.util.Arrays.equals(copy.get(id), original.get(id))) {
                differ.add(id);
            }
        }
        return differ;
    }

    @Test
    void everyVectorSurvivesFetchThenInsertAsJsonLines() throws Exception {
        Result fetched = run("fetch", lab + ".Stored", "--format", "jsonl");
        assertThat(fetched.code()).as(fetched.err()).isZero();
        List<String> lines = fetched.out().lines().toList();
        assertThat(lines).hasSize(112);
        for (String line : lines) {
            JsonNode value = JSON.readTree(line).get("value");
            assertThat(value.isObject() && value.has("t")).as(line).isTrue();
        }
        Path file = Files.writeString(work.resolve("vectors.jsonl"), fetched.out());
        Result inserted = run("insert", lab + ".ViaJsonl", "--file", file.toString());
        assertThat(inserted.code()).as(inserted.err()).isZero();
        assertThat(rewritten(bytesOf("stored"), bytesOf("via_jsonl"))).isEqualTo(new TreeSet<>(REWRITTEN_AS_0_14));
    }

    @Test
    void everyVectorSurvivesFetchThenInsertAsCsv() throws Exception {
        Result fetched = run("fetch", lab + ".Stored", "--format", "csv");
        assertThat(fetched.code()).as(fetched.err()).isZero();
        Path file = Files.writeString(work.resolve("vectors.csv"), fetched.out());
        Result inserted = run("insert", lab + ".ViaCsv", "--file", file.toString());
        assertThat(inserted.code()).as(inserted.err()).isZero();
        assertThat(rewritten(bytesOf("stored"), bytesOf("via_csv"))).isEqualTo(new TreeSet<>(REWRITTEN_AS_0_14));
    }

    @Test
    void everyFormatPrintsTheCanonicalTree() throws Exception {
        Map<String, JsonNode> trees = new LinkedHashMap<>();
        for (String line : run("fetch", lab + ".Stored", "--format", "jsonl").out().lines().toList()) {
            JsonNode row = JSON.readTree(line);
            trees.put(row.get("id").asText(), row.get("value"));
        }
        Map<String, byte[]> stored = bytesOf("stored");
        for (Map.Entry<String, JsonNode> tree : trees.entrySet()) {
            assertThat(tree.getValue()).as(tree.getKey()).isEqualTo(JSON.readTree(BlobJson.decodeToJson(stored.get(tree.getKey()))));
        }
        JsonNode array = JSON.readTree(run("fetch", lab + ".Stored", "--format", "json").out());
        assertThat(array).hasSize(trees.size());
        for (JsonNode row : array) {
            assertThat(row.get("value")).as(row.get("id").asText()).isEqualTo(trees.get(row.get("id").asText()));
        }
        // scalars at the top level keep their type: a date is not a string, an int not a float
        assertThat(trees.get("int_one").toString()).isEqualTo("{\"t\":\"int\",\"v\":1}");
        assertThat(trees.get("float_seven").toString()).isEqualTo("{\"t\":\"float\",\"v\":7.0}");
        assertThat(trees.get("float_nan").toString()).isEqualTo("{\"t\":\"float\",\"v\":\"NaN\"}");
        assertThat(trees.get("str_test").get("t").asText()).isEqualTo("str");
        assertThat(trees.get("date").toString()).isEqualTo("{\"t\":\"date\",\"v\":\"2024-01-02\"}");
        assertThat(trees.get("datetime").get("t").asText()).isEqualTo("datetime");
        assertThat(trees.get("time").get("t").asText()).isEqualTo("time");
        assertThat(trees.get("uuid").get("t").asText()).isEqualTo("uuid");
        assertThat(trees.get("decimal_upstream").get("t").asText()).isEqualTo("decimal");
        String csv = run("fetch", lab + ".Stored", "--where", "id = 'int_one'", "--format", "csv").out();
        assertThat(csv).isEqualTo("id,value\nint_one,\"{\"\"t\"\":\"\"int\"\",\"\"v\"\":1}\"\n");
        assertThat(run("fetch", lab + ".Stored", "--where", "id = 'int_one'", "--format", "table").out()).contains("=BLOB=");
    }

    @Test
    void aSparseMatrixPrintsButCannotBeWrittenBack() throws Exception {
        Result fetched = run("fetch", lab + ".ReadOnly", "--format", "jsonl");
        assertThat(fetched.code()).as(fetched.err()).isZero();
        assertThat(JSON.readTree(fetched.out()).get("value").get("t").asText()).isEqualTo("sparse");
        Path file = Files.writeString(work.resolve("sparse.jsonl"), fetched.out());
        Result inserted = run("insert", lab + ".ViaJsonl", "--file", file.toString());
        assertThat(inserted.code()).isEqualTo(1);
        assertThat(inserted.err()).contains("`value`").contains("sparse matrices cannot be encoded").doesNotContain("canonical JSON tree");
    }

    @Test
    void anUnreadableBlobIsAnErrorNamingTheAttribute() {
        List<String> messages = new ArrayList<>();
        for (String id : UNREADABLE) {
            Result fetched = run("fetch", lab + ".Unreadable", "--where", "id = '" + id + "'", "--format", "jsonl");
            assertThat(fetched.code()).as(id).isEqualTo(1);
            assertThat(fetched.out()).as(id).isEmpty();
            assertThat(fetched.err().lines()).as(id).hasSize(1);
            messages.add(fetched.err());
        }
        assertThat(messages).allMatch(m -> m.contains("`value`") && m.contains("invalid blob"));
    }
}
