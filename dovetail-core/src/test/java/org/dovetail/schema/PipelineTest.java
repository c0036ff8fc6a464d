package org.dovetail.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.List;
import java.util.Map;
import org.dovetail.DovetailException;
import org.junit.jupiter.api.Test;

/** Reading pipeline files (docs/pipeline-file.md), and their errors naming the entry. */
class PipelineTest {
    private static Pipeline yaml(String text) throws Exception {
        return Pipeline.fromTree(new ObjectMapper(new YAMLFactory()).readTree(text));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPipelineFileWithEveryKey() throws Exception {
        Pipeline p = yaml("""
                schemas:
                  common: common_session
                adapters:
                  graph: longblob
                tables:
                  - class: Species
                    tier: Lookup
                    definition: "species : varchar(32)"
                    contents:
                      - [mouse]
                      - {species: rat}
                  - class: Session
                    tier: manual
                    definition: |
                      -> common.Subject
                      session_idx : smallint
                    parts:
                      - class: Note
                        definition: |
                          -> master
                          note : int
                        contents: [[1, 2, 3]]
                """);
        assertThat(p.schemas()).containsExactly(Map.entry("common", "common_session"));
        assertThat(p.adapters()).containsExactly(Map.entry("graph", "longblob"));
        assertThat(p.tables()).extracting(TableDefinition::className, TableDefinition::tier)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Species", Tier.LOOKUP),
                        org.assertj.core.groups.Tuple.tuple("Session", Tier.MANUAL));
        assertThat((List<Object>) p.tables().get(0).contents()).containsExactly(List.of("mouse"), Map.of("species", "rat"));
        TableDefinition note = p.tables().get(1).parts().get(0);
        assertThat(note.tier()).isEqualTo(Tier.PART);
        assertThat(note.definition()).isEqualTo("-> master\nnote : int\n");
        assertThat((List<Object>) note.contents()).containsExactly(List.of(1, 2, 3));
    }

    @Test
    void errorsNameTheEntry() {
        assertThatThrownBy(() -> yaml("tables: []\nextra: 1")).isInstanceOf(DovetailException.class)
                .hasMessage("pipeline file: extra: unknown key (expected schemas, adapters, tables)");
        assertThatThrownBy(() -> yaml("schemas: {}")).hasMessage("pipeline file: tables: a list of tables is required");
        assertThatThrownBy(() -> yaml("tables:\n  - {class: A, tier: part, definition: 'a : int'}"))
                .hasMessageStartingWith("pipeline file: tables[0].tier: expected manual, lookup, imported or computed, got \"part\"");
        assertThatThrownBy(() -> yaml("tables:\n  - {class: A, tier: manual}"))
                .hasMessage("pipeline file: tables[0].definition: is required and must be text");
        assertThatThrownBy(() -> yaml("tables:\n  - {class: A, tier: manual, definition: 'a : int', parts: [{class: B}]}"))
                .hasMessage("pipeline file: tables[0].parts[0].definition: is required and must be text");
        assertThatThrownBy(() -> yaml("tables:\n  - {class: A, tier: lookup, definition: 'a : int', contents: [1, 2]}"))
                .hasMessageStartingWith("pipeline file: tables[0].contents: a row must be a list of values");
        assertThatThrownBy(() -> yaml("tables:\n  - {class: A, tier: manual, definition: 'a : int', colour: red}"))
                .hasMessageStartingWith("pipeline file: tables[0].colour: unknown key");
        assertThatThrownBy(() -> yaml("- a")).hasMessageStartingWith("pipeline file: the pipeline file must be a mapping");
    }
}
