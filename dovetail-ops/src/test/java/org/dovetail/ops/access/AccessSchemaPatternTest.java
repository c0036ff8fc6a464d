package org.dovetail.ops.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AccessSchemaPatternTest {
    @Test
    void aPrefixIsEscapedAndGetsTheUnderscoreSuffix() {
        assertThat(SchemaPattern.forPrefix("common").pattern()).isEqualTo("common\\_%");
        assertThat(SchemaPattern.forPrefix("my_lab").pattern()).isEqualTo("my\\_lab\\_%");
        assertThat(SchemaPattern.forPrefix("100%").pattern()).isEqualTo("100\\%\\_%");
        assertThat(SchemaPattern.forPrefix("a\\b").pattern()).isEqualTo("a\\\\b\\_%");
        assertThat(SchemaPattern.forPrefix("we`ird").sql()).isEqualTo("`we``ird\\_%`.*");
    }

    @Test
    void escapedCharactersMatchOnlyThemselves() {
        SchemaPattern myLab = SchemaPattern.forPrefix("my_lab");
        assertThat(myLab.matches("my_lab_session")).isTrue();
        assertThat(myLab.matches("myXlab_session")).isFalse();
        assertThat(myLab.matches("my_lab")).isFalse();
        assertThat(SchemaPattern.forPrefix("100%").matches("100%_x")).isTrue();
        assertThat(SchemaPattern.forPrefix("100%").matches("1000_x")).isFalse();
        assertThat(SchemaPattern.forPrefix("a\\b").matches("a\\b_x")).isTrue();
        assertThat(SchemaPattern.exact("lab_x").matches("lab_x")).isTrue();
        assertThat(SchemaPattern.exact("lab_x").matches("labYx")).isFalse();
    }

    @Test
    void wildcardsAndSystemSchemas() {
        assertThat(SchemaPattern.EVERYTHING.matches("mysql")).isTrue();
        assertThat(SchemaPattern.EVERYTHING.isEverything()).isTrue();
        assertThat(new SchemaPattern("%%").isEverything()).isTrue();
        assertThat(SchemaPattern.forPrefix("performance").matches("performance_schema")).isTrue();
        assertThat(ServerState.systemSchemasMatching(SchemaPattern.forPrefix("performance"))).containsExactly("performance_schema");
        assertThat(ServerState.systemSchemasMatching(SchemaPattern.forPrefix("common"))).isEmpty();
        assertThat(new SchemaPattern("m_sql").matches("mysql")).isTrue();
    }

    @Test
    void overlapIsDecidedForAnyTwoPatterns() {
        assertThat(SchemaPattern.EVERYTHING.overlaps(SchemaPattern.forPrefix("common"))).isTrue();
        assertThat(SchemaPattern.forPrefix("common").overlaps(SchemaPattern.forPrefix("lfp"))).isFalse();
        assertThat(SchemaPattern.forPrefix("lab").overlaps(SchemaPattern.forPrefix("lab_x"))).isTrue();
        assertThat(SchemaPattern.forPrefix("lab").overlaps(SchemaPattern.forPrefix("labx"))).isFalse();
        assertThat(new SchemaPattern("a%c").overlaps(new SchemaPattern("ab%"))).isTrue();
        assertThat(new SchemaPattern("a_").overlaps(new SchemaPattern("abc%"))).isFalse();
        assertThat(new SchemaPattern("%x").overlaps(new SchemaPattern("%y"))).isFalse();
    }

    @Test
    void coverageAndSpecificity() {
        assertThat(SchemaPattern.forPrefix("lab").covers(SchemaPattern.forPrefix("lab_x"))).isTrue();
        assertThat(SchemaPattern.forPrefix("lab").covers(SchemaPattern.exact("lab_x"))).isTrue();
        assertThat(SchemaPattern.forPrefix("lab").covers(SchemaPattern.forPrefix("lab"))).isTrue();
        assertThat(SchemaPattern.forPrefix("lab_x").covers(SchemaPattern.forPrefix("lab"))).isFalse();
        assertThat(SchemaPattern.forPrefix("lab").covers(SchemaPattern.forPrefix("labx"))).isFalse();
        assertThat(SchemaPattern.EVERYTHING.covers(SchemaPattern.forPrefix("x"))).isTrue();
        assertThat(SchemaPattern.forPrefix("common").specificity()).isGreaterThan(SchemaPattern.EVERYTHING.specificity());
        assertThat(SchemaPattern.exact("common_x").specificity()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void prefixesFollowSpyglass() {
        assertThat(SchemaPattern.prefixOf("common_session")).isEqualTo("common");
        assertThat(SchemaPattern.prefixOf("john_doe_x")).isEqualTo("john");
        assertThat(SchemaPattern.prefixOf("scratch")).isEqualTo("scratch");
    }

    @Test
    void badPrefixesAreRejectedByName() {
        assertThatThrownBy(() -> SchemaPattern.forPrefix("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> SchemaPattern.forPrefix("a\nb")).hasMessageContaining("control character");
        assertThatThrownBy(() -> SchemaPattern.forPrefix("x".repeat(63))).hasMessageContaining("longer than 62");
        assertThatThrownBy(() -> SchemaPattern.forPrefix("emoji\uD83D\uDE00")).isInstanceOf(AccessManagementException.class)
                .hasMessageContaining("outside the Basic Multilingual Plane");
        assertThatThrownBy(() -> SchemaPattern.exact("emoji\uD83D\uDE00")).hasMessageContaining("outside the Basic Multilingual Plane");
        assertThat(SchemaPattern.forPrefix("b`) ; #").sql()).isEqualTo("`b``) ; #\\_%`.*");
    }
}
