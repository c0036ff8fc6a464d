package org.dovetail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.dovetail.cli.CommandRun.Result;
import org.dovetail.testkit.DovetailTest;
import org.dovetail.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dovetail backup create|list|verify|restore} end to end: summaries, JSON reports and exit codes. */
@DovetailTest
class BackupCliIT {
    @TempDir
    Path work;

    @Test
    void createListVerifyRestoreWithTheirExitCodes(TestDatabase db) throws Exception {
        Path location = Files.createDirectories(work.resolve("raw"));
        Path config = Files.writeString(work.resolve("conf.json"), """
                {"database.host": "%s", "database.port": %d, "database.user": "%s", "database.password": "%s",
                 "stores": {"raw": {"protocol": "file", "location": "%s"}}}
                """.formatted(db.host(), db.port(), db.user(), db.password(), location));
        String schema = db.schema("lab");
        try (var c = db.connect(); var s = c.createStatement()) {
            s.execute("CREATE DATABASE `" + schema + "`");
            s.execute("CREATE TABLE `" + schema + "`.`subject` (`subject_id` int NOT NULL, `name` varchar(20) NOT NULL,"
                    + " `weight` double DEFAULT NULL, `born` date DEFAULT NULL, PRIMARY KEY (`subject_id`)) ENGINE=InnoDB");
            s.execute("INSERT INTO `" + schema + "`.`subject` VALUES (1, 'mouse ''a''', 21.5, '2024-01-02'), (2, 'rat', NULL, NULL)");
            s.execute("CREATE VIEW `" + schema + "`.`heavy` AS SELECT subject_id FROM `" + schema + "`.`subject` WHERE weight > 20");
        }
        String target = work.resolve("backups").toString();
        String[] conf = {"--config", config.toString()};

        Result usage = CommandRun.run(Map.of(), conf[0], conf[1], "backup", "create", "--to", target);
        assertThat(usage.code()).as(usage.err()).isEqualTo(2);
        assertThat(usage.err()).contains("--schemas PATTERN... or --all");

        Result dry = CommandRun.run(Map.of(), conf[0], conf[1], "backup", "create", "--schemas", schema, "--to", target, "--dry-run");
        assertThat(dry.code()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("Back up 1 schema to ").contains(schema + ": 1 tables");
        assertThat(Files.exists(Path.of(target).resolve("backup-" + LocalDate.now(ZoneOffset.UTC).toString().replace("-", ""))))
                .as("a dry run writes nothing").isFalse();

        Result made = CommandRun.run(Map.of(), conf[0], conf[1], "backup", "create", "--schemas", schema, "--to", target,
                "--threads", "1", "--format", "json");
        assertThat(made.code()).as(made.err()).isZero();
        JsonNode report = made.json();
        String set = report.get("set").asText();
        assertThat(report.get("status").asText()).isEqualTo("complete");
        assertThat(report.get("summary").asText()).startsWith(set + " complete: 1 schema, 1 tables, 2 rows");

        Result list = CommandRun.run(Map.of(), conf[0], conf[1], "backup", "list", target);
        assertThat(list.code()).as(list.err()).isZero();
        assertThat(list.out()).contains(set).contains("complete");

        Result verify = CommandRun.run(Map.of(), conf[0], conf[1], "backup", "verify", target, "--restore-test");
        assertThat(verify.code()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).startsWith(set + " verified: ").contains("1 tables restored and compared");

        String copy = db.schema("lab_copy");
        Result restore = CommandRun.run(Map.of(), conf[0], conf[1], "backup", "restore", target, set, "--as", schema + "=" + copy);
        assertThat(restore.code()).as(restore.out() + restore.err()).isZero();
        assertThat(restore.out()).startsWith("restored " + set + ": 1 schema (" + schema + " -> " + copy + "), 2 rows");
        try (var c = db.connect(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT name FROM `" + copy + "`.`heavy` JOIN `" + copy + "`.`subject` USING (subject_id)")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("mouse 'a'");
        }

        Result refused = CommandRun.run(Map.of(), conf[0], conf[1], "backup", "restore", target, set, "--as", schema + "=" + copy);
        assertThat(refused.code()).isEqualTo(3);
        assertThat(refused.out()).contains("exists and holds 2 tables");

        Result withoutYes = CommandRun.run(Map.of(), conf[0], conf[1], "backup", "restore", target, set, "--as", schema + "=" + copy,
                "--replace");
        assertThat(withoutYes.code()).isEqualTo(3);
        assertThat(withoutYes.err()).contains("run again with --yes");

        Result replaced = CommandRun.run(Map.of(), conf[0], conf[1], "backup", "restore", target, set, "--as", schema + "=" + copy,
                "--replace", "--yes", "--format", "json");
        assertThat(replaced.code()).as(replaced.out() + replaced.err()).isZero();
        assertThat(replaced.json().get("problems")).isEmpty();

        Result missing = CommandRun.run(Map.of(), conf[0], conf[1], "backup", "verify", target, "backup-19990101");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("has no backup set backup-19990101");
    }
}
