package org.dovetail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.dovetail.TableName;
import org.dovetail.cli.CommandRun.Result;
import org.dovetail.ops.AuditLog;
import org.dovetail.testkit.DovetailTest;
import org.dovetail.testkit.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile names through the CLI: schema names holding back-quotes, quotes, semicolons, comment
 * markers, dots and non-ASCII letters go through declare, insert, fetch, describe, heading,
 * tables, delete and drop as one correctly quoted identifier; names the server cannot hold are
 * one clear error before anything is created; the access commands quote module prefixes into
 * exactly the intended grant pattern and refuse user names they cannot write safely. After every
 * run a bystander schema, its table and its row, and the list of schemas on the server, are
 * exactly as expected.
 */
@DovetailTest
class HostileNamesCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REFUSED_USER = ": quotes, backticks and backslashes are not allowed [ACCESS_MANAGEMENT]\n";
    private static TestDatabase db;
    private static String bystander;
    /** Every schema the server should have: those at the start and those the tests declared. */
    private static Set<String> expectedSchemas;
    /** The access test's prefix for modules and accounts: the class's prefix without its underscore. */
    private static String accessPrefix;
    private static boolean rolesMadeHere;
    /** A config whose team prefix is the class's, so that declaring in its schemas is not warned about. */
    private static Path config;

    @TempDir
    static Path work;

    static Stream<String> suffixes() {
        return Stream.of("q`uote", "it's", "semi;colon -- x", "dq\"x", "ünï_名前", "b`) ; DROP DATABASE x; #", "pct%_", "dot.ted",
                "``", "back\\slash");
    }

    @BeforeAll
    static void setUp(TestDatabase database) throws Exception {
        db = database;
        bystander = db.schema("bystander");
        accessPrefix = db.schemaPrefix().substring(0, db.schemaPrefix().length() - 1);
        execute("CREATE DATABASE " + TableName.quote(bystander));
        execute("CREATE TABLE " + TableName.of(bystander, "kept").quoted() + " (id int PRIMARY KEY)");
        execute("INSERT INTO " + TableName.of(bystander, "kept").quoted() + " VALUES (7)");
        expectedSchemas = new TreeSet<>(schemas());
        config = Files.writeString(work.resolve("dj_local_conf.json"), JSON.writeValueAsString(
                Map.of("custom", Map.of("database.prefix", accessPrefix))));
    }

    @AfterEach
    void bystanderIsUntouched() throws SQLException {
        assertServerAsExpected();
    }

    @AfterAll
    static void tearDown() throws SQLException {
        if (!rolesMadeHere) {
            return;
        }
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            List<String> drops = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT User FROM mysql.user WHERE Host = '%' AND User LIKE ?")) {
                p.setString(1, accessPrefix.replace("_", "\\_") + "%");
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        drops.add("DROP USER " + TableName.quote(rs.getString(1)) + "@'%'");
                    }
                }
            }
            for (String schema : schemas()) {
                if (schema.startsWith(accessPrefix) && !schema.startsWith(db.schemaPrefix())) {
                    drops.add("DROP DATABASE " + TableName.quote(schema));
                }
            }
            for (String role : List.of("dj_guest", "dj_collab", "dj_user", "dj_admin")) {
                drops.add("DROP ROLE IF EXISTS " + role);
            }
            for (String sql : drops) {
                s.execute(sql);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("suffixes")
    void everyDataCommandTakesAHostileSchemaName(String suffix) throws Exception {
        String schema = db.schema(suffix);
        String downstream = db.schema(suffix + "2");
        Path pipeline = pipeline(Map.of("tables", List.of(
                table("Species", "lookup", "species : varchar(32)", Map.of("contents", List.of(List.of("mouse"), List.of("rat")))),
                table("Stimulus", "lookup", "stimulus : varchar(16)", Map.of("contents", List.of(List.of("tone"), List.of("light")))),
                table("Subject", "manual", "subject_id : int\n---\n-> Species\nnote : varchar(60)\ndata = null : longblob", Map.of()),
                table("Session", "manual", "-> Subject\nsession : smallint\n---\nwhen = null : date", Map.of("parts",
                        List.of(Map.of("class", "Trial", "definition", "-> master\ntrial : tinyint\n---\n-> Stimulus")))))));

        Result declared = run("declare", schema, "--file", pipeline.toString(), "--format", "csv");
        expectedSchemas.add(schema);
        assertOk(declared);
        assertThat(declared.out()).isEqualTo("class,tier,table,status\nSpecies,Lookup,#species,declared\nStimulus,Lookup,#stimulus,declared\n"
                + "Subject,Manual,subject,declared\n"
                + "Session,Manual,session,declared\nSession.Trial,Part,session__trial,declared\n");
        assertThat(declared.err()).isEqualTo("dovetail: created schema " + TableName.quote(schema) + "\n");
        assertServerAsExpected();
        Result again = run("declare", schema, "--file", pipeline.toString(), "--format", "csv");
        assertOk(again);
        assertThat(again.out()).doesNotContain("declared").contains("Subject,Manual,subject,exists");

        // a second schema refers to the first by an alias and by the full table name
        Path refers = pipeline(Map.of("schemas", Map.of("up", schema), "tables", List.of(
                table("Analysis", "manual", "-> up.Session\nrun : int", Map.of()),
                table("Remark", "manual", "-> " + TableName.of(schema, "subject").quoted() + "\nremark : int", Map.of()))));
        Result declaredDownstream = run("declare", downstream, "--file", refers.toString(), "--format", "csv");
        expectedSchemas.add(downstream);
        assertOk(declaredDownstream);
        Result echo = run("describe", arg(downstream, "Remark"));
        assertOk(echo);
        assertThat(echo.out()).as("describe writes the parent's full name quoted").contains("-> " + TableName.of(schema, "subject").quoted());
        Path echoed = pipeline(Map.of("tables", List.of(table("Echo", "manual", echo.out(), Map.of()))));
        Result declaredEcho = run("declare", downstream, "--file", echoed.toString(), "--format", "csv");
        assertOk(declaredEcho);
        assertThat(declaredEcho.out()).as("describe's definition declares the same table again").endsWith("Echo,Manual,echo,declared\n");

        // the diagram of the second schema names the first schema's tables, escaped for each format
        Result diagram = run("diagram", downstream, "--format", "json");
        assertOk(diagram);
        assertThat(diagram.json().get("nodes")).extracting(n -> n.get("table").asText())
                .contains(TableName.of(schema, "session").quoted(), TableName.of(downstream, "analysis").quoted());
        assertThat(diagram.json().get("nodes")).extracting(n -> n.get("label").asText()).contains(schema + ".Session", "Analysis");
        Result svg = run("diagram", downstream, "--format", "svg");
        assertOk(svg);
        var texts = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.out().getBytes(StandardCharsets.UTF_8))).getElementsByTagName("text");
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < texts.getLength(); i++) {
            labels.add(texts.item(i).getTextContent());
        }
        assertThat(labels).contains(schema + ".Session", "Analysis");
        Result dot = run("diagram", downstream, "--format", "dot");
        assertOk(dot);
        assertThat(dot.out()).contains("[label=\"" + (schema + ".Session").replace("\"", "\\\"") + "\"");

        Path subjects = Files.writeString(work.resolve("subjects.jsonl"), JSON.writeValueAsString(Map.of("subject_id", 1, "species",
                "mouse", "note", suffix, "data", Map.of("t", "array", "dtype", "float64", "shape", List.of(2), "data", List.of(0.5, 1.5))))
                + "\n" + JSON.writeValueAsString(row("subject_id", 2, "species", "rat", "note", "plain", "data", null)) + "\n");
        Result inserted = run("insert", arg(schema, "Subject"), "--file", subjects.toString(), "--format", "json");
        assertOk(inserted);
        assertThat(inserted.json().get("rows").asLong()).isEqualTo(2);
        Path sessions = Files.writeString(work.resolve("sessions.csv"), "subject_id,session,when\n1,1,2024-01-02\n1,2,2024-01-03\n2,1,2024-01-04\n");
        assertOk(run("insert", arg(schema, "Session"), "--file", sessions.toString()));
        Path trials = Files.writeString(work.resolve("trials.csv"), "subject_id,session,trial,stimulus\n1,1,1,tone\n1,1,2,light\n");
        assertOk(run("insert", arg(schema, "Session.Trial"), "--file", trials.toString()));
        Path analyses = Files.writeString(work.resolve("analyses.jsonl"), "{\"subject_id\": 1, \"session\": 1, \"run\": 1}\n");
        assertOk(run("insert", arg(downstream, "Analysis"), "--file", analyses.toString()));
        assertServerAsExpected();

        Result jsonl = run("fetch", arg(schema, "Subject"), "--where", "subject_id = 1", "--format", "jsonl");
        assertOk(jsonl);
        JsonNode row = JSON.readTree(jsonl.out());
        assertThat(row.get("note").asText()).isEqualTo(suffix);
        assertThat(row.get("data").get("data").toString()).isEqualTo("[0.5,1.5]");
        Result quoted = run("fetch", TableName.quote(schema) + ".Subject", "--where", "subject_id = 1", "--format", "jsonl");
        assertOk(quoted);
        assertThat(quoted.out()).as("the back-quoted schema is the same table").isEqualTo(jsonl.out());
        Result json = run("fetch", arg(schema, "Session"), "--format", "json");
        assertOk(json);
        assertThat(json.json()).hasSize(3);
        Result csv = run("fetch", arg(schema, "Subject"), "--attrs", "KEY,note", "--where", "subject_id = 2", "--format", "csv");
        assertOk(csv);
        assertThat(csv.out()).isEqualTo("subject_id,note\n2,plain\n");
        Result table = run("fetch", arg(schema, "Subject"), "--format", "table");
        assertOk(table);
        assertThat(table.out()).contains("=BLOB=").contains("plain");
        Result part = run("fetch", arg(schema, "Session.Trial"), "--order-by", "KEY", "--format", "csv");
        assertThat(part.out()).isEqualTo("subject_id,session,trial,stimulus\n1,1,1,tone\n1,1,2,light\n");

        Result described = run("describe", arg(schema, "Session"), "--format", "json");
        assertOk(described);
        assertThat(described.json().get("table").asText()).isEqualTo(TableName.of(schema, "session").quoted());
        assertThat(described.json().get("definition").asText()).contains("-> Subject").contains("session");
        Result heading = run("heading", arg(schema, "Session"), "--format", "json");
        assertOk(heading);
        assertThat(heading.json().get("primary_key").toString()).isEqualTo("[\"subject_id\",\"session\"]");
        Result headingCsv = run("heading", arg(schema, "Subject"), "--format", "csv");
        assertOk(headingCsv);
        assertThat(headingCsv.out()).contains("\nsubject_id,int,PK,").contains("\nspecies,varchar(32),,").contains("\nnote,varchar(60),,");
        Result tables = run("tables", schema, "--format", "csv");
        assertOk(tables);
        assertThat(tables.out()).isEqualTo("class,tier,table\nSpecies,Lookup,#species\nStimulus,Lookup,#stimulus\n"
                + "Subject,Manual,subject\nSession,Manual,session\nSession.Trial,Part,session__trial\n");

        // the part is known as a part of its master: a cascade that reaches it without its master stops
        Result orphan = run("delete", arg(schema, "Stimulus"), "--where", "stimulus = 'tone'", "--yes");
        assertThat(orphan.code()).as(orphan.err()).isEqualTo(1);
        assertThat(orphan.err()).isEqualTo("dovetail: error: Attempt to delete part table " + TableName.of(schema, "session__trial").quoted()
                + " before deleting from its master " + TableName.of(schema, "session").quoted() + " first. [INVALID_OPERATION]\n");
        Result dropOrphan = run("drop", arg(schema, "Stimulus"), "--yes");
        assertThat(dropOrphan.code()).isEqualTo(1);
        assertThat(dropOrphan.err()).isEqualTo("dovetail: error: Attempt to drop part table " + TableName.of(schema, "session__trial").quoted()
                + " before dropping its master. Drop " + TableName.of(schema, "session").quoted() + " first. [INVALID_OPERATION]\n");
        Result dropPart = run("drop", arg(schema, "Session.Trial"), "--yes");
        assertThat(dropPart.code()).isEqualTo(1);
        assertThat(dropPart.err()).contains("Cannot drop a Part directly");
        assertThat(count(schema, "session__trial")).isEqualTo(2);
        assertThat(count(schema, "#stimulus")).isEqualTo(2);

        Result plan = run("delete", arg(schema, "Subject"), "--where", "subject_id = 1", "--format", "json");
        assertThat(plan.code()).as(plan.err()).isEqualTo(3);
        Map<String, Long> planned = rowCounts(plan.json(), "rows");
        assertThat(planned.keySet().iterator().next()).isEqualTo(TableName.of(schema, "subject").quoted());
        assertThat(planned).containsExactlyInAnyOrderEntriesOf(Map.of(
                TableName.of(schema, "subject").quoted(), 1L,
                TableName.of(schema, "session").quoted(), 2L,
                TableName.of(schema, "session__trial").quoted(), 2L,
                TableName.of(downstream, "analysis").quoted(), 1L));
        assertThat(count(schema, "subject")).as("nothing deleted without --yes").isEqualTo(2);
        Result deleted = run("delete", arg(schema, "Subject"), "--where", "subject_id = 1", "--yes", "--format", "json");
        assertOk(deleted);
        assertThat(count(schema, "subject")).isEqualTo(1);
        assertThat(count(schema, "session")).isEqualTo(1);
        assertThat(count(schema, "session__trial")).isZero();
        assertThat(count(downstream, "analysis")).isZero();
        // --force-masters deletes the master of a reached part, with the master's other parts
        Path more = Files.writeString(work.resolve("more.csv"), "subject_id,session,trial,stimulus\n2,1,3,tone\n");
        assertOk(run("insert", arg(schema, "Session.Trial"), "--file", more.toString()));
        Result forced = run("delete", arg(schema, "Stimulus"), "--where", "stimulus = 'tone'", "--force-masters", "--yes", "--format", "json");
        assertOk(forced);
        assertThat(rowCounts(forced.json(), "deleted")).containsEntry(TableName.of(schema, "session").quoted(), 1L)
                .containsEntry(TableName.of(schema, "#stimulus").quoted(), 1L);
        assertThat(count(schema, "session")).isZero();
        assertThat(count(schema, "#stimulus")).isEqualTo(1);
        assertServerAsExpected();

        Result dropPlan = run("drop", arg(schema, "Subject"), "--format", "json");
        assertThat(dropPlan.code()).as(dropPlan.err()).isEqualTo(3);
        assertThat(rowCounts(dropPlan.json(), "rows")).containsKeys(TableName.of(schema, "subject").quoted(),
                TableName.of(downstream, "remark").quoted());
        assertThat(count(schema, "subject")).isEqualTo(1);
        Result dropped = run("drop", arg(schema, "Subject"), "--yes", "--format", "csv");
        assertOk(dropped);
        Result left = run("tables", schema, "--format", "csv");
        assertThat(left.out()).isEqualTo("class,tier,table\nSpecies,Lookup,#species\nStimulus,Lookup,#stimulus\n");
        assertThat(run("tables", downstream, "--format", "csv").out()).isEqualTo("class,tier,table\n");
    }

    @Test
    void aSchemaNameWithADotIsWrittenInBackQuotesOnTheCommandLine() throws Exception {
        String schema = db.schema("lab.v2");
        Path pipeline = pipeline(Map.of("tables", List.of(table("Subject", "manual", "subject_id : int", Map.of()))));
        expectedSchemas.add(schema);
        assertOk(run("declare", schema, "--file", pipeline.toString()));
        String quoted = "`" + schema + "`.Subject";
        Path rows = Files.writeString(work.resolve("dotted.jsonl"), "{\"subject_id\": 4}\n");
        assertOk(run("insert", quoted, "--file", rows.toString()));
        assertThat(run("fetch", quoted, "--format", "csv").out()).isEqualTo("subject_id\n4\n");
        assertThat(run("describe", quoted).out()).contains("subject_id");

        for (String command : List.of("fetch", "describe", "heading", "insert", "delete", "drop")) {
            List<String> args = new ArrayList<>(List.of(command, schema + ".Subject"));
            if (command.equals("insert")) {
                args.addAll(List.of("--file", rows.toString()));
            }
            Result plain = run(args.toArray(String[]::new));
            assertThat(plain.code()).as(command).isEqualTo(1);
            assertThat(plain.err().lines()).as(command).hasSize(1);
            assertThat(plain.err()).as(command).startsWith("dovetail: error: Database `" + db.schema("lab") + "` has not yet been declared.")
                    .contains("write a schema name that holds a dot in back-quotes").endsWith(" [MISSING_SCHEMA]\n");
        }
        Result unclosed = run("fetch", "`" + schema + ".Subject");
        assertThat(unclosed.code()).isEqualTo(2);
        assertThat(unclosed.err()).contains("back-quote");
        assertThat(count(schema, "subject")).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Kept`; DROP DATABASE x; #", "Kept' OR '1'='1", "Kept\" --", "Ünï", "Kept.Part`", "kept"})
    void aHostileClassNameIsAMissingTableAndTouchesNothing(String className) {
        String argument = bystander + "." + className;
        for (String command : List.of("fetch", "describe", "heading", "delete", "drop")) {
            boolean changes = command.equals("delete") || command.equals("drop");
            Result r = changes ? run(command, argument, "--yes") : run(command, argument);
            assertThat(r.code()).as(command + " " + r.err()).isEqualTo(1);
            assertThat(r.err().lines()).as(command).hasSize(1);
            assertThat(r.err()).as(command).startsWith("dovetail: error: ").contains(className).doesNotContain("SQL syntax");
        }
    }

    @Test
    void aSchemaNameTheServerCannotHoldIsOneClearErrorAndCreatesNothing() throws Exception {
        Path pipeline = pipeline(Map.of("tables", List.of(table("Subject", "manual", "subject_id : int", Map.of()))));
        Path rows = Files.writeString(work.resolve("long.jsonl"), "{\"subject_id\": 1}\n");
        String tooLong = db.schema("x".repeat(65 - db.schemaPrefix().length()));
        String wide = db.schema("名".repeat(60));
        for (String name : List.of(tooLong, wide, db.schema("q`" + "y".repeat(60) + "; DROP DATABASE x"))) {
            int length = name.codePointCount(0, name.length());
            String message = "dovetail: error: The schema name " + TableName.quote(name) + " has " + length
                    + " characters; the server allows at most 64 [INVALID_INPUT]\n";
            for (String[] args : List.of(new String[] {"declare", name, "--file", pipeline.toString()},
                    new String[] {"tables", name}, new String[] {"fetch", name + ".Subject"},
                    new String[] {"insert", name + ".Subject", "--file", rows.toString()}, new String[] {"describe", name + ".Subject"},
                    new String[] {"heading", name + ".Subject"}, new String[] {"delete", name + ".Subject", "--yes"},
                    new String[] {"drop", name + ".Subject", "--yes"})) {
                Result r = run(args);
                assertThat(r.code()).as(String.join(" ", args)).isEqualTo(1);
                assertThat(r.err()).as(String.join(" ", args)).isEqualTo(message);
            }
            assertServerAsExpected();
        }
        Result emoji = run("declare", db.schema("emoji\uD83D\uDE00"), "--file", pipeline.toString());
        assertThat(emoji.code()).isEqualTo(1);
        assertThat(emoji.err()).contains("outside the Basic Multilingual Plane").endsWith("[INVALID_INPUT]\n");
        Result space = run("declare", db.schema("space "), "--file", pipeline.toString());
        assertThat(space.err()).contains("ends with a space").endsWith("[INVALID_INPUT]\n");
    }

    @Test
    void accessCommandsQuoteHostileModulesExactlyAndRefuseUserNamesTheyCannotWrite() throws Exception {
        Assumptions.assumeTrue(count("SELECT COUNT(*) FROM mysql.user WHERE User LIKE 'dj\\_%'") == 0,
                "the server already has dj_* roles: not touching them");
        List<String> modules = suffixes().map(s -> accessPrefix + s).toList();
        List<String> args = new ArrayList<>(List.of("access", "init-roles", "--yes", "--format", "json"));
        modules.subList(0, modules.size() - 1).forEach(m -> args.addAll(List.of("--module", m)));
        rolesMadeHere = true;
        Result init = run(args.toArray(String[]::new));
        assertOk(init);
        expectedSchemas.add(AuditLog.DEFAULT_SCHEMA); // the first apply on the server creates the audit log
        assertThat(init.json().get("succeeded").asBoolean()).isTrue();
        String last = modules.get(modules.size() - 1);
        Result addModuleSql = run("access", "add-module", last, "--sql");
        assertOk(addModuleSql);
        assertThat(addModuleSql.out()).contains("GRANT ALL PRIVILEGES ON " + grantTarget(last) + " TO `dj_user`;\n");
        assertOk(run("access", "add-module", last, "--yes"));

        Map<String, String> userGrants = grants("`dj_user`");
        Set<String> allPrivileges = new TreeSet<>();
        userGrants.forEach((on, privileges) -> {
            if (privileges.equals("ALL PRIVILEGES")) {
                allPrivileges.add(on);
            }
        });
        assertThat(allPrivileges).as("dj_user writes exactly the modules")
                .containsExactlyInAnyOrderElementsOf(modules.stream().map(HostileNamesCliIT::grantTarget).toList());
        for (String role : List.of("`dj_guest`", "`dj_collab`")) {
            Map<String, String> roleGrants = grants(role);
            assertThat(roleGrants.remove("*.*")).as(role).isEqualTo("USAGE");
            for (String module : modules) {
                assertThat(roleGrants).as(role).containsEntry(grantTarget(module), "SELECT");
            }
            assertThat(roleGrants.values()).as(role + " only reads").containsOnly("SELECT");
            assertThat(roleGrants).as(role).doesNotContainKey("`%`.*");
        }
        assertServerAsExpected();

        // user names: the ones that cannot be a plain string literal are refused, naming the rule
        for (String suffix : List.of("q`uote", "it's", "dq\"x", "b`) ; DROP DATABASE x; #", "back\\slash")) {
            String name = accessPrefix + suffix;
            Result refused = run("access", "add-user", name, "--role", "user");
            assertThat(refused.code()).as(name).isEqualTo(1);
            assertThat(refused.err()).as(name).startsWith("dovetail: error: The user name \"" + name + "\" contains ")
                    .endsWith(REFUSED_USER);
            for (String command : List.of("show", "reset-password")) {
                Result other = run("access", command, name);
                assertThat(other.code()).as(command + " " + name).isEqualTo(1);
                assertThat(other.err()).as(command + " " + name).endsWith(REFUSED_USER);
            }
        }
        assertThat(accounts()).isEmpty();

        // the others are accounts of exactly that name, owning exactly their own prefix
        Map<String, String> passwords = new LinkedHashMap<>();
        for (String suffix : List.of("semi;colon -- x", "ünï_名前", "pct%_", "dot.ted")) {
            String name = accessPrefix + suffix;
            Result added = run("access", "add-user", name, "--role", "user", "--no-expire", "--yes", "--format", "json");
            assertOk(added);
            assertThat(added.json().get("succeeded").asBoolean()).as(added.out()).isTrue();
            passwords.put(name, added.json().get("password").asText());
            Map<String, String> own = grants(TableName.quote(name) + "@'%'");
            assertThat(own).as(name).containsEntry(grantTarget(name), "ALL PRIVILEGES");
            assertThat(own.keySet()).as(name + ": its own prefix and nothing broader")
                    .containsExactlyInAnyOrder("*.*", grantTarget(name));
            Result show = run("access", "show", name, "--format", "csv");
            assertOk(show);
            assertThat(show.out()).contains("direct," + grantTarget(name) + ",ALL PRIVILEGES,true");
            assertThat(run("access", "show", name, "--sql").out()).contains("SHOW GRANTS FOR '" + name + "'@'%'");
        }
        assertThat(accounts()).containsExactlyInAnyOrderElementsOf(passwords.keySet());
        Result check = run("access", "check", "--format", "json");
        assertThat(check.code()).as(check.err()).isIn(0, 1);
        assertThat(check.err()).isEmpty();

        // the grants work as quoted: the module's schemas are writable, look-alikes are not
        String name = accessPrefix + "pct%_";
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), name, passwords.get(name)); Statement s = c.createStatement()) {
            for (String module : modules) {
                s.execute("CREATE DATABASE " + TableName.quote(module + "_w"));
            }
            s.execute("CREATE DATABASE " + TableName.quote(name + "_own"));
            for (String lookAlike : List.of(accessPrefix + "pctX_Y_w", accessPrefix + "q``uote_w", accessPrefix + "quote_w",
                    accessPrefix + "pct%_Xw", name + "X")) {
                try {
                    s.execute("CREATE DATABASE " + TableName.quote(lookAlike));
                    throw new AssertionError("created " + lookAlike + ": a grant is broader than its pattern");
                } catch (SQLException e) {
                    assertThat(e.getMessage()).as(lookAlike).contains("Access denied");
                }
            }
            try {
                s.execute("DROP DATABASE " + TableName.quote(bystander));
                throw new AssertionError("dropped the bystander");
            } catch (SQLException e) {
                assertThat(e.getMessage()).contains("Access denied");
            }
        }
        modules.forEach(m -> expectedSchemas.add(m + "_w"));
        expectedSchemas.add(name + "_own");
        assertServerAsExpected();
    }

    @Test
    void accessNamesTheServerCannotHoldAreOneClearError() throws Exception {
        Result longModule = run("access", "add-module", "m".repeat(63), "--sql");
        assertThat(longModule.code()).isEqualTo(1);
        assertThat(longModule.err()).isEqualTo("dovetail: error: The prefix \"" + "m".repeat(63)
                + "\" is longer than 62 characters [ACCESS_MANAGEMENT]\n");
        Result longUser = run("access", "add-user", "u".repeat(81), "--role", "user", "--sql");
        assertThat(longUser.code()).isEqualTo(1);
        assertThat(longUser.err()).contains("has 81 characters").endsWith("[ACCESS_MANAGEMENT]\n");
        Result control = run("access", "add-module", "a\nb", "--sql");
        assertThat(control.code()).isEqualTo(1);
        assertThat(control.err()).contains("contains a control character").endsWith("[ACCESS_MANAGEMENT]\n");
        String emoji = accessPrefix + "emoji\uD83D\uDE00";
        Result emojiModule = run("access", "add-module", emoji);
        assertThat(emojiModule.code()).isEqualTo(1);
        assertThat(emojiModule.out()).as("refused before any statement").isEmpty();
        assertThat(emojiModule.err()).isEqualTo("dovetail: error: The prefix \"" + emoji + "\" contains a character outside the Basic"
                + " Multilingual Plane, which the server does not allow in names [ACCESS_MANAGEMENT]\n");
        for (String[] args : List.of(new String[] {"access", "add-user", emoji, "--role", "user"}, new String[] {"access", "show", emoji},
                new String[] {"access", "reset-password", emoji})) {
            Result r = run(args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(1);
            assertThat(r.err()).as(String.join(" ", args)).isEqualTo("dovetail: error: The user name \"" + emoji + "\" contains a character"
                    + " outside the Basic Multilingual Plane, which the server does not allow in account names [ACCESS_MANAGEMENT]\n");
        }
        assertThat(accounts()).doesNotContain(emoji);
    }

    // ---- helpers

    private static Result run(String... args) {
        Map<String, String> env = CommandRun.env(db);
        List<String> withConfig = new ArrayList<>(List.of("--config", config.toString()));
        withConfig.addAll(List.of(args));
        return CommandRun.run(env, withConfig.toArray(String[]::new));
    }

    private static void assertOk(Result r) {
        assertThat(r.code()).as(r.err() + r.out()).isZero();
    }

    /** The CLI argument for a class of a schema: {@code schema.Class}, the schema back-quoted when it holds a dot. */
    private static String arg(String schema, String className) {
        return (schema.contains(".") ? TableName.quote(schema) : schema) + "." + className;
    }

    /** {@code `prefix\_%`.*} with {@code \}, {@code _} and {@code %} of the prefix escaped, as SHOW GRANTS writes it. */
    private static String grantTarget(String prefix) {
        StringBuilder pattern = new StringBuilder();
        for (char c : prefix.toCharArray()) {
            if (c == '\\' || c == '_' || c == '%') {
                pattern.append('\\');
            }
            pattern.append(c);
        }
        return TableName.quote(pattern + "\\_%") + ".*";
    }

    /** A row with nulls allowed: name, value, name, value, ... */
    private static Map<String, Object> row(Object... namesAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            row.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return row;
    }

    private static Map<String, Object> table(String className, String tier, String definition, Map<String, Object> more) {
        Map<String, Object> table = new LinkedHashMap<>(Map.of("class", className, "tier", tier, "definition", definition));
        table.putAll(more);
        return table;
    }

    private static Path pipeline(Map<String, Object> tree) throws Exception {
        return Files.writeString(Files.createTempFile(work, "pipeline", ".json"), JSON.writeValueAsString(tree));
    }

    /** table → rows of a delete or drop plan printed as JSON, in plan order. */
    private static Map<String, Long> rowCounts(JsonNode plan, String column) {
        Map<String, Long> counts = new LinkedHashMap<>();
        plan.forEach(r -> counts.put(r.get("table").asText(), r.get(column).asLong()));
        return counts;
    }

    /** {@code ON target} → privileges of each line of SHOW GRANTS FOR grantee. */
    private static Map<String, String> grants(String grantee) throws SQLException {
        Map<String, String> grants = new HashMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW GRANTS FOR " + grantee)) {
            while (rs.next()) {
                String line = rs.getString(1);
                int on = line.indexOf(" ON ");
                int to = line.lastIndexOf(" TO ");
                if (line.startsWith("GRANT ") && on > 0 && to > on) {
                    grants.put(line.substring(on + 4, to), line.substring(6, on));
                }
            }
        }
        return grants;
    }

    private static List<String> accounts() throws SQLException {
        List<String> users = new ArrayList<>();
        try (Connection c = db.connect(); PreparedStatement p = c.prepareStatement("SELECT User FROM mysql.user WHERE User LIKE ?")) {
            p.setString(1, accessPrefix.replace("_", "\\_") + "%");
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    users.add(rs.getString(1));
                }
            }
        }
        return users;
    }

    private static long count(String schema, String table) throws SQLException {
        return count("SELECT COUNT(*) FROM " + TableName.of(schema, table).quoted());
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static List<String> schemas() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT schema_name FROM information_schema.schemata")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /** The server has exactly the expected schemas, and the bystander's table and row are as made. */
    private static void assertServerAsExpected() throws SQLException {
        assertThat(new TreeSet<>(schemas())).isEqualTo(expectedSchemas);
        List<String> tables = new ArrayList<>();
        try (Connection c = db.connect(); PreparedStatement p = c.prepareStatement(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = ?")) {
            p.setString(1, bystander);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
        }
        assertThat(tables).containsExactly("kept");
        assertThat(count("SELECT COUNT(*) FROM " + TableName.of(bystander, "kept").quoted() + " WHERE id = 7")).isEqualTo(1);
        assertThat(count(bystander, "kept")).isEqualTo(1);
    }
}
