package org.dovetail.internal.heading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dovetail.heading.Attribute;
import org.dovetail.heading.ForeignKey;
import org.dovetail.heading.Heading;
import org.dovetail.heading.Index;
import org.dovetail.internal.declare.ParentTable;
import org.dovetail.schema.Tier;
import org.junit.jupiter.api.Test;

/** Heading, ForeignKey, Index and the pure parts of HeadingReader. */
class HeadingModelTest {
    private static final String TABLE = "`lab`.`_session__trial`";

    private static Attribute attr(String field, String type, String key, String comment) {
        return AttributeDecoder.decode(TABLE, new ColumnRow(field, type, "NO", key, null, "", comment), false, Optional.empty());
    }

    private static Heading heading() {
        List<Attribute> attributes = List.of(
                attr("subject_id", "int(11)", "PRI", "the subject"),
                attr("trial_uuid", "binary(16)", "PRI", ":uuid:the trial"),
                attr("notes", "varchar(255)", "", ""),
                attr("trace", "longblob", "", ""));
        return new Heading(TABLE, "Part", List.of("subject_id", "trial_uuid"), attributes,
                List.of(new Index(List.of("notes"), false, false)),
                List.of(new ForeignKey("`lab`.`subject`", Map.of("subject_id", "subject_id"))), "trials");
    }

    @Test
    void namesAndAttributes() {
        Heading h = heading();

        assertThat(h.database()).isEqualTo("lab");
        assertThat(h.tableName()).isEqualTo("_session__trial");
        assertThat(h.names()).containsExactly("subject_id", "trial_uuid", "notes", "trace");
        assertThat(h.secondaryAttributes()).containsExactly("notes", "trace");
        assertThat(h.attribute("notes").type()).isEqualTo("varchar(255)");
        assertThat(h.find("trace")).map(Attribute::isBlob).contains(true);
        assertThat(h.find("missing")).isEmpty();
        assertThat(h.tierValue()).contains(Tier.PART);
    }

    @Test
    void aMissingAttributeIsNamedWithTheTable() {
        assertThatThrownBy(() -> heading().attribute("missing"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("`missing`")
                .hasMessageContaining(TABLE);
    }

    @Test
    void asParentGivesTheKeysSqlTypesAndCommentsWithTheUuidPrefix() {
        ParentTable parent = heading().asParent();

        assertThat(parent.fullName()).isEqualTo(TABLE);
        assertThat(parent.primaryKey()).containsExactly(
                new ParentTable.KeyAttribute("subject_id", "int", "the subject"),
                new ParentTable.KeyAttribute("trial_uuid", "binary(16)", ":uuid:the trial"));
    }

    @Test
    void headingListsAreCopies() {
        List<String> key = new ArrayList<>(List.of("a"));
        Heading h = new Heading("`lab`.`t`", "Manual", key, List.of(attr("a", "int", "PRI", "")), List.of(), List.of(), "");
        key.add("b");

        assertThat(h.primaryKey()).containsExactly("a");
        assertThatThrownBy(() -> h.attributes().add(attr("b", "int", "", ""))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void headingSerialisesWithDataJointsPropertyNames() throws Exception {
        JsonNode json = new ObjectMapper().valueToTree(heading());

        assertThat(json.fieldNames()).toIterable()
                .containsExactly("full_table_name", "tier", "primary_key", "attributes", "indexes", "parents", "comment");
        JsonNode uuid = json.get("attributes").get(1);
        assertThat(uuid.get("name").asText()).isEqualTo("trial_uuid");
        assertThat(uuid.get("type").asText()).isEqualTo("uuid");
        assertThat(uuid.get("sql_type").asText()).isEqualTo("binary(16)");
        assertThat(uuid.get("in_key").asBoolean()).isTrue();
        assertThat(uuid.get("uuid").asBoolean()).isTrue();
        assertThat(uuid.get("column_type").asText()).isEqualTo("binary(16)");
        assertThat(uuid.has("default")).isTrue();
        assertThat(uuid.get("default").isNull()).isTrue();
        assertThat(uuid.has("sqlComment")).as("derived properties are not serialised").isFalse();
        assertThat(uuid.has("hidden")).isFalse();
        assertThat(json.get("attributes").get(3).get("is_blob").asBoolean()).isTrue();
        assertThat(json.get("parents").get(0).get("attr_map").get("subject_id").asText()).isEqualTo("subject_id");
        assertThat(json.get("parents").get(0).has("aliased")).isFalse();
        assertThat(json.get("database")).isNull();
    }

    @Test
    void foreignKeyKeepsColumnOrderAndKnowsWhenItRenames() {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("pre_slice", "slice");
        columns.put("pre_cell", "cell");
        columns.put("prep", "prep");
        ForeignKey renamed = new ForeignKey("`lab`.`cell`", columns);
        columns.put("extra", "extra");

        assertThat(renamed.attrMap().keySet()).containsExactly("pre_slice", "pre_cell", "prep");
        assertThat(renamed.aliased()).isTrue();
        assertThat(new ForeignKey("`lab`.`cell`", Map.of("prep", "prep")).aliased()).isFalse();
        assertThatThrownBy(() -> renamed.attrMap().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void indexColumnsAreACopy() {
        List<String> columns = new ArrayList<>(List.of("a", "b"));
        Index index = new Index(columns, true, false);
        columns.clear();

        assertThat(index.columns()).containsExactly("a", "b");
    }

    @Test
    void constraintNamesSortByTheServersNumberNotAsText() {
        List<String> names = new ArrayList<>(List.of("t_ibfk_10", "t_ibfk_2", "t_ibfk_1", "t_ibfk_11"));
        names.sort(HeadingReader::compareConstraintNames);

        assertThat(names).containsExactly("t_ibfk_1", "t_ibfk_2", "t_ibfk_10", "t_ibfk_11");
    }

    @Test
    void constraintNamesWithoutANumberSortAsText() {
        assertThat(HeadingReader.compareConstraintNames("fk_b", "fk_a")).isPositive();
        assertThat(HeadingReader.compareConstraintNames("fk_a", "fk_b")).isNegative();
        assertThat(HeadingReader.compareConstraintNames("t_ibfk_3", "t_ibfk_3")).isZero();
    }

    @Test
    void externalStoresComeFromSingleColumnKeysToExternalTables() {
        List<ForeignKey> keys = List.of(
                new ForeignKey("`lab`.`~external_raw`", Map.of("trace", "hash")),
                new ForeignKey("`lab`.`~external_shared-files`", Map.of("doc", "hash")),
                new ForeignKey("`lab`.`subject`", Map.of("subject_id", "subject_id")),
                new ForeignKey("`lab`.`~log`", Map.of("id", "id")));

        assertThat(HeadingReader.externalStores(keys)).containsExactlyInAnyOrderEntriesOf(
                Map.of("trace", "raw", "doc", "shared-files"));
    }

    @Test
    void mariaDbJsonColumnsAreFoundByTheirJsonValidCheck() {
        assertThat(HeadingReader.jsonCheckColumn("json_valid(`doc`)")).contains("doc");
        assertThat(HeadingReader.jsonCheckColumn("  JSON_VALID(`my doc`) ")).contains("my doc");
        assertThat(HeadingReader.jsonCheckColumn("json_valid(`doc`) and `n` > 0")).isEmpty();
        assertThat(HeadingReader.jsonCheckColumn("`n` > 0")).isEmpty();
    }
}
