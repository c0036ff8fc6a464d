package org.dovetail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TableNameTest {
    @ParameterizedTest
    @ValueSource(strings = {"lab", "we`ird", "``", "a``b`", "o'brien", "x\"y", "x; DROP DATABASE mysql; --", "ünïcødé_名前",
        "#subject", "~external_raw", "_session__trial", "` OR 1=1 #", "a.b", "`a`.`b`"})
    void quotingAndParsingRoundTripEveryName(String name) {
        TableName full = TableName.of(name, name);
        assertThat(TableName.parse(full.quoted())).isEqualTo(full);
        assertThat(TableName.unquote(TableName.quote(name))).isEqualTo(name);
        String quoted = TableName.quote(name);
        String inside = quoted.substring(1, quoted.length() - 1);
        assertThat(inside.replace("``", "")).as("no lone back-quote can end the identifier early").doesNotContain("`");
    }

    @Test
    void aQuotedNameIsExactlyWhatTheServerExpects() {
        assertThat(TableName.of("lab", "#subject").quoted()).isEqualTo("`lab`.`#subject`");
        assertThat(TableName.of("we`ird", "t").quoted()).isEqualTo("`we``ird`.`t`");
        assertThat(TableName.quote("a`b")).isEqualTo("`a``b`");
    }

    @ParameterizedTest
    @ValueSource(strings = {"lab.subject", "`lab`", "`lab`.`sub", "`lab`.`a`b`", "`lab`.``", "`lab`. `x`", "`lab`.`x`;", " `lab`.`x`", ""})
    void textThatIsNotOneFullNameIsRefusedNamingIt(String text) {
        assertThatThrownBy(() -> TableName.parse(text)).isInstanceOf(InvalidInputException.class)
                .hasMessage("Not a full table name `schema`.`table`: " + text);
        assertThat(TableName.isFullName(text)).isFalse();
    }

    @Test
    void namesTheServerCannotHoldAreRefusedBeforeAnySql() {
        String long65 = "a".repeat(65);
        assertThat(TableName.of(long65, "t").schema()).as("a value may hold it; the server refuses it").isEqualTo(long65);
        assertThatThrownBy(() -> TableName.checkIdentifier("schema", long65)).isInstanceOf(InvalidInputException.class)
                .hasMessage("The schema name `" + long65 + "` has 65 characters; the server allows at most 64");
        assertThat(TableName.checkIdentifier("schema", "é".repeat(64))).hasSize(64);
        assertThatThrownBy(() -> TableName.of("lab", "")).hasMessage("A table name cannot be empty");
        assertThatThrownBy(() -> TableName.of("lab", "a\0b")).hasMessageContaining("contains a NUL character");
        assertThatThrownBy(() -> TableName.checkIdentifier("table", "emoji\uD83D\uDE00")).hasMessageContaining("outside the Basic Multilingual Plane");
        assertThatThrownBy(() -> TableName.checkIdentifier("schema", "lab ")).hasMessageContaining("ends with a space");
        assertThat(new InvalidInputException("x").code()).isEqualTo(ErrorCode.INVALID_INPUT);
    }
}
