package org.dovetail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.dovetail.blob.Blob;
import org.dovetail.cli.CommandRun.Result;
import org.dovetail.testkit.DovetailTest;
import org.dovetail.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dovetail migrate legacy-external} on a small legacy schema in a file store. */
@DovetailTest
class MigrateCommandIT {
    @TempDir
    Path work;

    private static Result run(String... args) {
        return CommandRun.run(Map.of(), args);
    }

    @Test
    void planRunVerifyFinalize(TestDatabase db) throws Exception {
        Path location = Files.createDirectories(work.resolve("raw"));
        Path config = Files.writeString(work.resolve("conf.json"), """
                {"database.host": "%s", "database.port": %d, "database.user": "%s", "database.password": "%s",
                 "stores": {"raw": {"protocol": "file", "location": "%s"}}}
                """.formatted(db.host(), db.port(), db.user(), db.password(), location));
        String schema = db.schema("old");
        try (var c = db.connect(); var s = c.createStatement()) {
            s.execute("CREATE DATABASE `" + schema + "`");
            s.execute("CREATE TABLE `" + schema + "`.`~external` (`hash` char(51) NOT NULL, `size` bigint unsigned NOT NULL,"
                    + " `timestamp` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP, PRIMARY KEY (`hash`)) ENGINE=InnoDB");
            s.execute("CREATE TABLE `" + schema + "`.`scan` (`id` int NOT NULL, `image` char(51) NOT NULL COMMENT ':external-raw:image: 2p',"
                    + " `note` varchar(20) NOT NULL DEFAULT '', PRIMARY KEY (`id`),"
                    + " FOREIGN KEY (`image`) REFERENCES `" + schema + "`.`~external` (`hash`)) ENGINE=InnoDB");
            for (int id = 1; id <= 3; id++) {
                byte[] blob = Blob.encode(new double[] {id, id * 2});
                String hash = Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(MessageDigest.getInstance("SHA-256").digest(blob)).substring(0, 43) + "raw";
                Files.createDirectories(location.resolve(schema));
                Files.write(location.resolve(schema).resolve(hash), blob);
                s.execute("INSERT INTO `" + schema + "`.`~external` VALUES ('" + hash + "', " + blob.length + ", NOW())");
                s.execute("INSERT INTO `" + schema + "`.`scan` VALUES (" + id + ", '" + hash + "', 'n')");
            }
        }
        String[] conf = {"--config", config.toString()};

        Result plan = run(conf[0], conf[1], "migrate", "legacy-external", "plan", schema, "--format", "json");
        assertThat(plan.code()).as(plan.err()).isZero();
        JsonNode column = new ObjectMapper().readTree(plan.out()).get(0).get("columns").get(0);
        assertThat(column.get("store").asText()).isEqualTo("raw");
        assertThat(column.get("objects").asInt()).isEqualTo(3);
        assertThat(column.get("column").get("comment").asText()).isEqualTo("image: 2p");
        assertThat(run(conf[0], conf[1], "migrate", "legacy-external", "plan", schema).out()).contains("`scan`.`image` (external-raw) -> blob@raw");

        Result migrated = run(conf[0], conf[1], "migrate", "legacy-external", "run", schema, "--relocate");
        assertThat(migrated.code()).as(migrated.out() + migrated.err()).isZero();
        assertThat(migrated.out()).contains("`scan`.`image` -> blob@raw: migrated (3 objects hashed, 0 missing, 3 references rewritten)")
                .contains("relocated: 3 objects copied (0 already in place), 3 references switched, 3 old rows and 0 legacy objects removed");
        assertThat(run(conf[0], conf[1], "migrate", "legacy-external", "run", schema).out()).contains("already migrated");

        Result verify = run(conf[0], conf[1], "migrate", "legacy-external", "verify", schema);
        assertThat(verify.code()).isZero();
        assertThat(verify.out()).contains("3 references checked, all resolve and decode");

        Result unconfirmed = run(conf[0], conf[1], "migrate", "legacy-external", "finalize", schema);
        assertThat(unconfirmed.code()).isEqualTo(3);
        assertThat(unconfirmed.out()).contains("would drop `" + schema + "`.`~external` (verify passes)");
        assertThat(unconfirmed.err()).isEqualTo("dovetail: nothing dropped: run again with --yes to drop 1 legacy table\n");
        Result dry = run(conf[0], conf[1], "migrate", "legacy-external", "finalize", schema, "--dry-run", "--format", "json");
        assertThat(dry.code()).as(dry.err()).isZero();
        JsonNode finalizePlan = new ObjectMapper().readTree(dry.out()).get(0);
        assertThat(finalizePlan.get("operation").asText()).isEqualTo("migrate");
        assertThat(finalizePlan.get("legacy_table").asBoolean()).isTrue();
        assertThat(finalizePlan.get("verify").get("references").asInt()).isEqualTo(3);
        try (var c = db.connect(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '" + schema + "' AND table_name = '~external'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("nothing dropped without --yes").isOne();
        }
        Result finalized = run(conf[0], conf[1], "migrate", "legacy-external", "finalize", schema, "--yes");
        assertThat(finalized.code()).as(finalized.err()).isZero();
        assertThat(finalized.out()).isEqualTo("`" + schema + "`.`~external`: dropped\n");
        Result gone = run(conf[0], conf[1], "migrate", "legacy-external", "finalize", schema);
        assertThat(gone.code()).as("nothing left to do needs no --yes").isZero();
        assertThat(gone.out()).isEqualTo("`" + schema + "`.`~external`: already gone, nothing to do\n");
        try (var c = db.connect(); var s = c.createStatement(); var rs = s.executeQuery("SELECT action, outcome FROM"
                + " `dovetail_admin`.`~dovetail_audit` WHERE operation = 'migrate' AND scope = '" + schema + "' ORDER BY id")) {
            List<String> records = new ArrayList<>();
            while (rs.next()) {
                records.add(rs.getString(1) + ": " + rs.getString(2));
            }
            assertThat(records).containsExactly("legacy-external run " + schema + ": OK", "legacy-external relocate " + schema + ": OK",
                    "legacy-external finalize " + schema + ": OK");
        }
        try (var c = db.connect(); var s = c.createStatement();
             var rs = s.executeQuery("SHOW CREATE TABLE `" + schema + "`.`scan`")) {
            rs.next();
            assertThat(rs.getString(2)).contains("`image` binary(16) NOT NULL COMMENT ':blob@raw:image: 2p',\n  `note`");
        }
    }

    @Test
    void aBadStoreMapIsAUsageStyleErrorNamingTheValue() {
        Result r = run("migrate", "legacy-external", "plan", "x", "--store-map", "raw");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--store-map takes LEGACY=NEW").endsWith(" [USAGE]\n");
    }
}
