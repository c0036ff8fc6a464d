package org.dovetail.internal.heading;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dovetail.heading.Attribute;
import org.dovetail.heading.ForeignKey;
import org.dovetail.heading.Heading;
import org.dovetail.heading.Index;
import org.junit.jupiter.api.Test;

/** Describe: heading → definition text, by DataJoint 0.14's describe() (spec: declaration and headings §8). */
class DescribeTest {

    /** Builds a heading from SHOW FULL COLUMNS-like rows, as HeadingReader does. */
    private static final class Table {
        private final String fullName;
        private final List<Attribute> attributes = new ArrayList<>();
        private final List<Index> indexes = new ArrayList<>();
        private final List<ForeignKey> parents = new ArrayList<>();
        private String comment = "";

        Table(String fullName) {
            this.fullName = fullName;
        }

        Table comment(String text) {
            comment = text;
            return this;
        }

        Table key(String field, String type, String comment) {
            return column(new ColumnRow(field, type, "NO", "PRI", null, "", comment));
        }

        Table attr(String field, String type, String nullable, String defaultValue, String comment) {
            return column(new ColumnRow(field, type, nullable, "", defaultValue, "", comment));
        }

        Table column(ColumnRow row) {
            attributes.add(AttributeDecoder.decode(fullName, row, false, Optional.empty()));
            return this;
        }

        Table index(boolean unique, boolean nullable, String... columns) {
            indexes.add(new Index(List.of(columns), unique, nullable));
            return this;
        }

        Table parent(String table, String... childParentPairs) {
            Map<String, String> map = new LinkedHashMap<>();
            for (int i = 0; i < childParentPairs.length; i += 2) {
                map.put(childParentPairs[i], childParentPairs[i + 1]);
            }
            parents.add(new ForeignKey(table, map));
            return this;
        }

        Heading heading() {
            return new Heading(fullName, null, attributes.stream().filter(Attribute::inKey).map(Attribute::name).toList(),
                    attributes, indexes, parents, comment);
        }

        String describe() {
            return Describe.definition(heading());
        }
    }

    /** DataJoint's attribute line, {@code "%-20s : %-28s %s\n"}. */
    private static String line(String name, String type, String comment) {
        return String.format("%-20s : %-28s %s", name, type, comment.isEmpty() ? "" : "# " + comment) + "\n";
    }

    @Test
    void theExperimentExampleOfTheSpec() {
        Table experiment = new Table("`lab`.`_experiment`")
                .comment("information about experiments")
                .key("subject_id", "int(11)", "unique subject id")
                .key("experiment_id", "smallint(6)", "experiment number for this subject")
                .attr("experiment_date", "date", "NO", null, "date when experiment was started")
                .attr("username", "varchar(12)", "YES", null, "")
                .attr("data_path", "varchar(255)", "NO", "", "file path to recorded data")
                .attr("notes", "varchar(2048)", "NO", "", "e.g. purpose of experiment")
                .attr("entry_time", "timestamp", "NO", "current_timestamp()", "automatic timestamp")
                .index(false, true, "username")
                .parent("`lab`.`#subject`", "subject_id", "subject_id")
                .parent("`lab`.`#user`", "username", "username");

        assertThat(experiment.describe()).isEqualTo("""
                # information about experiments
                -> Subject
                experiment_id        : smallint                     # experiment number for this subject
                ---
                experiment_date      : date                         # date when experiment was started
                -> [nullable] User
                data_path=""         : varchar(255)                 # file path to recorded data
                notes=""             : varchar(2048)                # e.g. purpose of experiment
                entry_time=CURRENT_TIMESTAMP : timestamp                    # automatic timestamp
                """);
    }

    @Test
    void attributeLinesKeepTrailingBlanksWithoutAComment() {
        String text = new Table("`lab`.`t`").key("id", "int(11)", "").describe();

        assertThat(text).isEqualTo("id                   : int                          \n");
    }

    @Test
    void renamedUniqueNullableForeignKeyAndALeftOverIndex() {
        Table t = new Table("`lab`.`#first_entry`")
                .key("subject_id", "int(11)", "")
                .attr("first", "varchar(12)", "YES", null, "")
                .attr("first_date", "date", "NO", null, "")
                .attr("value", "int(11)", "NO", null, "")
                .index(true, true, "first")
                .index(false, false, "first_date", "value")
                .parent("`lab`.`subject`", "subject_id", "subject_id")
                .parent("`lab`.`#user`", "first", "username");

        assertThat(t.describe()).isEqualTo("-> Subject\n---\n-> [unique, nullable] User.proj(first=\"username\")\n"
                + line("first_date", "date", "") + line("value", "int", "") + "INDEX (first_date, value)\n");
    }

    @Test
    void foreignKeyOptionsAreUniqueOnlyWhenTheIndexIsNotNullable() {
        Table t = new Table("`lab`.`badge`")
                .key("badge_id", "int(11)", "")
                .attr("username", "varchar(12)", "NO", null, "")
                .index(true, false, "username")
                .parent("`lab`.`#user`", "username", "username");

        assertThat(t.describe()).isEqualTo(line("badge_id", "int", "") + "---\n-> [unique] User\n");
    }

    @Test
    void twoRenamedForeignKeysToTheSameParent() {
        Table synapse = new Table("`lab`.`global_synapse`")
                .comment("a synapse within the slice")
                .key("pre_slice", "int(11)", "")
                .key("pre_cell", "int(11)", "")
                .key("post_slice", "int(11)", "")
                .key("post_cell", "int(11)", "")
                .index(false, false, "post_slice", "post_cell")
                .parent("`lab`.`cell`", "pre_slice", "slice", "pre_cell", "cell")
                .parent("`lab`.`cell`", "post_slice", "slice", "post_cell", "cell");

        assertThat(synapse.describe()).isEqualTo("""
                # a synapse within the slice
                -> Cell.proj(pre_slice="slice",pre_cell="cell")
                -> Cell.proj(post_slice="slice",post_cell="cell")
                """);
    }

    @Test
    void foreignKeysSharingColumnsArePrintedWhenTheirLastColumnIsSeen() {
        Table t = new Table("`lab`.`__connection`")
                .key("prep", "int(11)", "")
                .key("slice", "int(11)", "")
                .key("cell", "int(11)", "")
                .key("input", "int(11)", "")
                .index(false, false, "prep", "slice", "input")
                .parent("`lab`.`cell`", "prep", "prep", "slice", "slice", "cell", "cell")
                .parent("`lab`.`cell`", "prep", "prep", "slice", "slice", "input", "cell");

        assertThat(t.describe()).isEqualTo("-> Cell\n-> Cell.proj(input=\"cell\")\n");
    }

    @Test
    void parentsAreNamedByClassInTheSameSchemaAndByFullNameElsewhere() {
        Table t = new Table("`lab`.`_recording`")
                .key("subject_id", "int(11)", "")
                .key("session_idx", "smallint(5) unsigned", "")
                .key("probe", "tinyint(3) unsigned", "")
                .attr("rig", "varchar(16)", "NO", null, "")
                .parent("`lab`.`_session__probe`", "subject_id", "subject_id", "session_idx", "session_idx", "probe", "probe")
                .parent("`equipment`.`#rig`", "rig", "rig");

        assertThat(t.describe()).isEqualTo("-> Session.Probe\n---\n-> `equipment`.`#rig`\n");
    }

    @Test
    void aParentNameFunctionChoosesTheReference() {
        Heading h = new Table("`lab`.`_recording`")
                .key("subject_id", "int(11)", "")
                .parent("`lab`.`#subject`", "subject_id", "subject_id")
                .heading();

        assertThat(Describe.definition(h, fullName -> "lab." + fullName)).isEqualTo("-> lab.`lab`.`#subject`\n");
        assertThat(Describe.sameSchemaClassNames("other").apply("`lab`.`#subject`")).isEqualTo("`lab`.`#subject`");
        assertThat(Describe.sameSchemaClassNames("lab").apply("`lab`.`#outfit_launch__outfit_piece`"))
                .isEqualTo("OutfitLaunch.OutfitPiece");
    }

    @Test
    void boolIsDescribedAsBoolButOtherTinyintsAsTinyint() {
        Table t = new Table("`lab`.`flags`")
                .key("id", "tinyint(4)", "")
                .attr("ok", "tinyint(1)", "NO", "1", "is it ok")
                .attr("level", "tinyint(3) unsigned", "NO", null, "");

        assertThat(t.describe()).isEqualTo(line("id", "tinyint", "") + "---\n" + line("ok=1", "bool", "is it ok")
                + line("level", "tinyint unsigned", ""));
    }

    @Test
    void autoIncrementAndSpecialTypesArePrintedAsDataJointTypes() {
        Table t = new Table("`lab`.`item`")
                .column(new ColumnRow("id", "int(10) unsigned", "NO", "PRI", null, "auto_increment", "item id"))
                .attr("uid", "binary(16)", "NO", null, ":uuid:")
                .attr("doc", "longblob", "YES", null, ":attach:the document")
                .attr("trace", "binary(16)", "YES", null, ":blob@raw:")
                .attr("tag", "enum('a','b')", "NO", "a", "");

        assertThat(t.describe()).isEqualTo(line("id", "int unsigned auto_increment", "item id") + "---\n"
                + line("uid", "uuid", "") + line("doc=null", "attach", "the document") + line("trace=null", "blob@raw", "")
                + line("tag=\"a\"", "enum('a','b')", ""));
    }

    @Test
    void theDividerComesBeforeTheFirstSecondaryAttributeOnly() {
        String text = new Table("`lab`.`t`")
                .key("a", "int(11)", "")
                .attr("b", "int(11)", "NO", null, "")
                .attr("c", "int(11)", "NO", null, "")
                .describe();

        assertThat(text.split("---\n", -1)).hasSize(2);
        assertThat(text).startsWith(line("a", "int", "") + "---\n");
    }

    @Test
    void indexesNotAbsorbedByAForeignKeyArePrintedOnceEach() {
        Table t = new Table("`lab`.`t`")
                .key("a", "int(11)", "")
                .attr("b", "int(11)", "NO", null, "")
                .attr("c", "int(11)", "NO", null, "")
                .index(true, false, "b", "c")
                .index(true, false, "b", "c")
                .index(false, false, "c");

        assertThat(t.describe()).endsWith(line("c", "int", "") + "UNIQUE INDEX (b, c)\nINDEX (c)\n");
    }

    @Test
    void anIndexInAnotherColumnOrderThanTheForeignKeyIsNotAbsorbed() {
        Table t = new Table("`lab`.`t`")
                .key("id", "int(11)", "")
                .attr("x", "int(11)", "NO", null, "")
                .attr("y", "int(11)", "NO", null, "")
                .index(true, false, "y", "x")
                .parent("`lab`.`point`", "x", "x", "y", "y");

        assertThat(t.describe()).isEqualTo(line("id", "int", "") + "---\n-> Point\nUNIQUE INDEX (y, x)\n");
    }
}
