package org.dovetail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.dovetail.cli.CommandRun.Result;
import org.dovetail.testkit.DovetailTest;
import org.dovetail.testkit.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** {@code tables}, {@code describe}, {@code heading}, {@code declare} and {@code diagram}, in-process against the test database. */
@DovetailTest
class TableCommandsIT {
    private static final String PIPELINE = """
            tables:
              - class: Species
                tier: lookup
                definition: |
                  species : varchar(32)
                contents: [[mouse], [rat]]
              - class: Subject
                tier: manual
                definition: |
                  # an animal
                  subject_id : int
                  ---
                  -> Species
                  dob = null : date   # date of birth
              - class: Session
                tier: manual
                definition: |
                  -> Subject
                  session : smallint
                  ---
                  -> [nullable] Subject.proj(partner="subject_id")
                parts:
                  - class: Probe
                    definition: |
                      -> master
                      probe : tinyint
            """;
    private static TestDatabase db;
    private static String lab;

    @TempDir
    static Path work;

    @BeforeAll
    static void declare(TestDatabase database) throws Exception {
        db = database;
        lab = db.schema("lab");
        Path file = Files.writeString(work.resolve("pipeline.yaml"), PIPELINE);
        Result r = run("declare", lab, "--file", file.toString(), "--format", "csv");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("class,tier,table,status\nSpecies,Lookup,#species,declared\nSubject,Manual,subject,declared\n"
                + "Session,Manual,session,declared\nSession.Probe,Part,session__probe,declared\n");
        assertThat(r.err()).isEqualTo("dovetail: created schema `" + lab + "`\n");   // a test schema: no prefix warning
    }

    @Test
    void declaringOutsideSharedOwnAndTestSchemasWarnsOnStderrOnceAndTheLibraryLogsIt() throws Exception {
        String elsewhere = "x" + db.schemaPrefix() + "elsewhere";     // outside the kit's test prefix
        Logger declaration = (Logger) LoggerFactory.getLogger("org.dovetail.schema.prefix");
        // the command's logging configuration leaves the library's copy out of stderr; here it is caught to see it is logged
        assertThat(declaration.getLevel()).isEqualTo(ch.qos.logback.classic.Level.OFF);
        declaration.setLevel(ch.qos.logback.classic.Level.WARN);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        declaration.addAppender(logged);
        declaration.setAdditive(false);
        try {
            Path file = Files.writeString(work.resolve("one-table.yaml"), "tables:\n  - class: Note\n    tier: manual\n"
                    + "    definition: |\n      note_id : int\n");
            Result r = run("declare", elsewhere, "--file", file.toString(), "--format", "csv");
            assertThat(r.code()).as(r.err()).isZero();
            String warning = "Schema prefix not in shared modules: " + elsewhere + " (new tables belong in a shared module";
            assertThat(r.err()).startsWith("dovetail: created schema `" + elsewhere + "`\ndovetail: warning: " + warning);
            assertThat(r.err().split(java.util.regex.Pattern.quote(warning), -1)).hasSize(2);
            assertThat(logged.list).singleElement().satisfies(e -> {
                assertThat(e.getLevel()).isEqualTo(ch.qos.logback.classic.Level.WARN);
                assertThat(e.getFormattedMessage()).startsWith(warning);
            });
        } finally {
            declaration.detachAppender(logged);
            declaration.setAdditive(true);
            declaration.setLevel(ch.qos.logback.classic.Level.OFF);
            try (var c = db.connect(); var s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS `" + elsewhere + "`");
            }
        }
    }

    private static Result run(String... args) {
        return CommandRun.run(CommandRun.env(db), args);
    }

    @Test
    void declaringAgainFindsEveryTableAndReadsStdinAndJson() throws Exception {
        String json = new ObjectMapper().writeValueAsString(new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readTree(PIPELINE));
        Result r = CommandRun.runWithInput(CommandRun.env(db), json, "declare", lab, "-f", "-", "--format", "jsonl");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines()).hasSize(4).allMatch(l -> l.endsWith("\"status\":\"exists\"}"));
        assertThat(r.err()).isEmpty();
    }

    @Test
    void tablesListsClassesTiersAndNamesInDependencyOrder() throws Exception {
        Result r = run("tables", lab, "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode rows = new ObjectMapper().readTree(r.out());
        assertThat(rows).extracting(n -> n.get("class").asText()).containsExactly("Species", "Subject", "Session", "Session.Probe");
        assertThat(rows.get(0).get("tier").asText()).isEqualTo("Lookup");
        assertThat(run("tables", lab).out()).contains("| Session.Probe | Part   |");
    }

    @Test
    void describePrintsTheDefinition() throws Exception {
        Result r = run("describe", lab + ".Session");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("-> Subject\nsession              : smallint                     \n---\n"
                + "-> [nullable] Subject.proj(partner=\"subject_id\")\n");
        JsonNode json = new ObjectMapper().readTree(run("describe", lab + ".Session.Probe", "--format", "json").out());
        assertThat(json.get("table").asText()).isEqualTo("`" + lab + "`.`session__probe`");
        assertThat(json.get("definition").asText()).startsWith("-> Session\n");
    }

    @Test
    void headingAsJsonHasDataJointsPropertyNames() throws Exception {
        Result r = run("heading", lab + ".Subject", "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode heading = new ObjectMapper().readTree(r.out());
        assertThat(heading.get("full_table_name").asText()).isEqualTo("`" + lab + "`.`subject`");
        assertThat(heading.get("primary_key")).extracting(JsonNode::asText).containsExactly("subject_id");
        assertThat(heading.get("attributes")).extracting(a -> a.get("name").asText()).containsExactly("subject_id", "species", "dob");
        assertThat(heading.get("parents").get(0).get("attr_map").get("species").asText()).isEqualTo("species");
        assertThat(heading.get("comment").asText()).isEqualTo("an animal");
        assertThat(run("heading", lab + ".Subject", "--format", "csv").out())
                .isEqualTo("attribute,type,key,nullable,default,comment\nsubject_id,int,PK,,,\nspecies,varchar(32),,,,\n"
                        + "dob,date,,yes,null,date of birth\n");
    }

    @Test
    void diagramInEveryFormat() throws Exception {
        Result mermaid = run("diagram", lab);
        assertThat(mermaid.code()).as(mermaid.err()).isZero();
        assertThat(mermaid.out()).startsWith("flowchart TD\n").contains("[\"Session.Probe\"]:::part", "linkStyle");
        assertThat(run("diagram", lab, "--format", "mermaid").out()).isEqualTo(mermaid.out());
        assertThat(run("diagram", lab, "--format", "dot").out()).startsWith("digraph dependencies {").contains("style=dashed");
        String svg = run("diagram", lab, "--format", "svg").out();
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getElementsByTagName("text").getLength()).isEqualTo(4);
        JsonNode json = new ObjectMapper().readTree(run("diagram", lab, "--format", "json").out());
        assertThat(json.get("nodes")).extracting(n -> n.get("label").asText()).containsExactly("Species", "Subject", "Session", "Session.Probe");
        assertThat(json.get("links")).hasSize(4);
        Result csv = run("diagram", lab, "--format", "csv");
        assertThat(csv.code()).isEqualTo(2);
        assertThat(csv.err()).isEqualTo("dovetail: error: --format csv does not apply to a diagram; use mermaid, dot, svg or json [USAGE]\n");
        assertThat(run("tables", lab, "--format", "svg").err()).contains("is a diagram format");
    }

    @Test
    void errorsAreOneLine() throws Exception {
        Result noDot = run("describe", lab);
        assertThat(noDot.code()).isEqualTo(2);
        assertThat(noDot.err()).startsWith("Name the table as SCHEMA.ClassName (e.g. lab.Session, lab.Session.Trial, or `lab.v2`.Session for a schema"
                + " name with a dot), got \""
                + lab + "\"\nUsage: dovetail describe");
        Result missingTable = run("describe", lab + ".Nothing");
        assertThat(missingTable.code()).isEqualTo(1);
        assertThat(missingTable.err()).isEqualTo("dovetail: error: Schema `" + lab + "` has no table of class Nothing [MISSING_TABLE]\n");
        Result missingSchema = run("tables", db.schema("nowhere"));
        assertThat(missingSchema.code()).isEqualTo(1);
        assertThat(missingSchema.err().lines()).hasSize(1).allMatch(l -> l.endsWith(" [MISSING_SCHEMA]"));
        Result missingFile = run("declare", lab, "--file", work.resolve("none.yaml").toString());
        assertThat(missingFile.err()).isEqualTo("dovetail: error: Cannot read the pipeline file " + work.resolve("none.yaml") + ": no such file [IO]\n");
        Path bad = Files.writeString(work.resolve("bad.yaml"), "tables:\n  - {class: X, tier: manual}\n");
        Result badFile = run("declare", lab, "--file", bad.toString());
        assertThat(badFile.code()).isEqualTo(1);
        assertThat(badFile.err()).isEqualTo("dovetail: error: pipeline file: tables[0].definition: is required and must be text [INVALID_INPUT]\n");
        Path invalid = Files.writeString(work.resolve("invalid.yaml"), "tables:\n  - {class: X, tier: manual, definition: 'Bad : int'}\n");
        Result invalidDefinition = run("declare", lab, "--file", invalid.toString());
        assertThat(invalidDefinition.code()).isEqualTo(1);
        assertThat(invalidDefinition.err()).startsWith("dovetail: error: Invalid definition of `" + lab + "`.`x`, line 1 \"Bad : int\"").endsWith(" [INVALID_DEFINITION]\n");
        assertThat(run("declare", lab).code()).isEqualTo(2);
    }

    @Test
    void helpOnEveryNewCommand() {
        for (String command : List.of("tables", "describe", "heading", "declare", "diagram")) {
            Result r = run(command, "--help");
            assertThat(r.code()).as(command).isZero();
            assertThat(r.out()).as(command).startsWith("Usage: dovetail " + command);
        }
    }
}
