package org.dovetail.internal.heading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;
import org.dovetail.heading.Attribute;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SHOW FULL COLUMNS rows → attributes, by DataJoint 0.14's rules (spec: declaration and headings §7). */
class HeadingDecodingTest {
    private static final String TABLE = "`lab`.`session`";

    /** A NOT NULL secondary column without default, extra or comment. */
    private static ColumnRow column(String field, String type) {
        return new ColumnRow(field, type, "NO", "", null, "", "");
    }

    private static Attribute decode(ColumnRow row) {
        return AttributeDecoder.decode(TABLE, row, false, Optional.empty());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "int(11)                | int",
            "int(10) unsigned       | int unsigned",
            "tinyint(3) unsigned    | tinyint unsigned",
            "bigint(20) unsigned    | bigint unsigned",
            "tinyint(1)             | tinyint",
            "smallint(6)            | smallint",
            "int                    | int",
            "float(7,3)             | float(7,3)",
            "double                 | double",
            "decimal(5,2) unsigned  | decimal(5,2) unsigned",
            "varchar(40)            | varchar(40)",
            "char(1)                | char(1)",
            "year(4)                | year(4)",
            "datetime(3)            | datetime(3)",
            "enum('mouse','monkey') | enum('mouse','monkey')",
            "longblob               | longblob",
    })
    void displayWidthsAreStrippedFromIntegerAndFloatTypesOnly(String columnType, String type) {
        Attribute a = decode(column("x", columnType));

        assertThat(a.type()).isEqualTo(type);
        assertThat(a.sqlType()).isEqualTo(type);
        assertThat(a.columnType()).isEqualTo(columnType);
    }

    @Test
    void onlyTheFirstDisplayWidthIsStripped() {
        // DataJoint's re.sub(r"\(\d+\)", "", type, count=1)
        assertThat(decode(column("x", "int(10) unsigned zerofill")).type()).isEqualTo("int unsigned zerofill");
        assertThat(decode(column("x", "float(12)")).type()).isEqualTo("float");
    }

    @ParameterizedTest(name = "{0}: numeric={1} string={2} blob={3}")
    @CsvSource(delimiter = '|', value = {
            "int(11)              | true  | false | false",
            "bigint(20) unsigned  | true  | false | false",
            "decimal(8,3)         | true  | false | false",
            "float                | true  | false | false",
            "double               | true  | false | false",
            "varchar(255)         | false | true  | false",
            "char(8)              | false | true  | false",
            "enum('a','b')        | false | true  | false",
            "date                 | false | true  | false",
            "datetime(6)          | false | true  | false",
            "timestamp            | false | true  | false",
            "time                 | false | true  | false",
            "year(4)              | false | true  | false",
            "tinyblob             | false | false | true",
            "blob                 | false | false | true",
            "mediumblob           | false | false | true",
            "longblob             | false | false | true",
            "binary(16)           | false | false | false",
            "longtext             | false | false | false",
    })
    void categoriesComeFromTheSqlType(String columnType, boolean numeric, boolean string, boolean blob) {
        Attribute a = decode(column("x", columnType));

        assertThat(a.numeric()).as("numeric").isEqualTo(numeric);
        assertThat(a.string()).as("string").isEqualTo(string);
        assertThat(a.isBlob()).as("is_blob").isEqualTo(blob);
        assertThat(a.isAttachment() || a.isFilepath() || a.isExternal() || a.uuid() || a.json()).isFalse();
        assertThat(a.store()).isNull();
        assertThat(a.adapter()).isNull();
    }

    @Test
    void uuidCommentMakesAUuidStoredAsBinary16() {
        Attribute a = decode(new ColumnRow("session_uuid", "binary(16)", "NO", "PRI", null, "", ":uuid:the session"));

        assertThat(a.type()).isEqualTo("uuid");
        assertThat(a.sqlType()).isEqualTo("binary(16)");
        assertThat(a.uuid()).isTrue();
        assertThat(a.inKey()).isTrue();
        assertThat(a.comment()).isEqualTo("the session");
        assertThat(a.sqlComment()).isEqualTo(":uuid:the session");
        assertThat(a.numeric()).isFalse();
        assertThat(a.string()).isFalse();
        assertThat(a.isBlob()).isFalse();
        assertThat(a.isExternal()).isFalse();
    }

    @Test
    void internalAttachIsAnAttachmentNotABlob() {
        Attribute a = decode(new ColumnRow("report", "longblob", "NO", "", null, "", ":attach:"));

        assertThat(a.type()).isEqualTo("attach");
        assertThat(a.sqlType()).isEqualTo("attach");
        assertThat(a.comment()).isEmpty();
        assertThat(a.isAttachment()).isTrue();
        assertThat(a.isBlob()).as("DataJoint sets is_blob only for blob categories").isFalse();
        assertThat(a.isExternal()).isFalse();
        assertThat(a.store()).isNull();
    }

    @Test
    void externalBlobNamesItsStore() {
        Attribute a = decode(new ColumnRow("trace", "binary(16)", "NO", "", null, "", ":blob@raw-data:external trace"));

        assertThat(a.type()).isEqualTo("blob@raw-data");
        assertThat(a.isBlob()).isTrue();
        assertThat(a.isExternal()).isTrue();
        assertThat(a.store()).isEqualTo("raw-data");
        assertThat(a.isAttachment()).isFalse();
        assertThat(a.isFilepath()).isFalse();
        assertThat(a.uuid()).isFalse();
        assertThat(a.comment()).isEqualTo("external trace");
        assertThat(a.sqlComment()).isEqualTo("external trace");
    }

    @Test
    void externalAttachmentAndFilepath() {
        Attribute attach = decode(new ColumnRow("doc", "binary(16)", "YES", "", null, "", ":attach@files:"));
        Attribute path = decode(new ColumnRow("movie", "binary(16)", "NO", "", null, "", ":filepath@stage:a movie"));

        assertThat(attach.isAttachment()).isTrue();
        assertThat(attach.isExternal()).isTrue();
        assertThat(attach.store()).isEqualTo("files");
        assertThat(attach.isBlob()).isFalse();
        assertThat(attach.defaultValue()).isEqualTo("null");

        assertThat(path.type()).isEqualTo("filepath@stage");
        assertThat(path.isFilepath()).isTrue();
        assertThat(path.isExternal()).isTrue();
        assertThat(path.store()).isEqualTo("stage");
        assertThat(path.isAttachment()).isFalse();
        assertThat(path.isBlob()).isFalse();
    }

    @Test
    void adaptedTypeKeepsItsNameAndStoredColumnType() {
        Attribute a = decode(new ColumnRow("graph", "longblob", "NO", "", null, "", ":<graph>:a graph"));

        assertThat(a.type()).isEqualTo("<graph>");
        assertThat(a.adapter()).isEqualTo("graph");
        assertThat(a.columnType()).isEqualTo("longblob");
        assertThat(a.comment()).isEqualTo("a graph");
        assertThat(a.isExternal()).isFalse();
        assertThat(a.store()).isNull();
    }

    @Test
    void adaptedTypeOnAnExternalStoreTakesTheStoreFromItsForeignKey() {
        Attribute a = AttributeDecoder.decode(TABLE, new ColumnRow("graph", "binary(16)", "NO", "", null, "", ":<graph>:"),
                false, Optional.of("shared"));

        assertThat(a.adapter()).isEqualTo("graph");
        assertThat(a.isExternal()).isTrue();
        assertThat(a.store()).isEqualTo("shared");
    }

    @Test
    void colonsAfterTheSpecialTypeStayInTheComment() {
        Attribute a = decode(new ColumnRow("id", "binary(16)", "NO", "", null, "", ":uuid:time: 10:30"));

        assertThat(a.comment()).isEqualTo("time: 10:30");
    }

    @Test
    void aCommentWithoutTheSpecialPrefixIsKept() {
        Attribute a = decode(new ColumnRow("n", "int(11)", "NO", "", null, "", "number: of things"));

        assertThat(a.type()).isEqualTo("int");
        assertThat(a.comment()).isEqualTo("number: of things");
    }

    @Test
    void aNullCommentIsEmpty() {
        assertThat(decode(new ColumnRow("n", "int", "NO", "", null, null, null)).comment()).isEmpty();
    }

    @Test
    void unknownSpecialTypeIsAnInvalidDefinitionNamingColumnAndTable() {
        assertThatThrownBy(() -> decode(new ColumnRow("n", "int", "NO", "", null, "", ":int:a number")))
                .isInstanceOf(DovetailException.class)
                .hasMessageContaining("Unknown attribute type `int`")
                .hasMessageContaining("`n`")
                .hasMessageContaining(TABLE)
                .extracting(e -> ((DovetailException) e).code()).isEqualTo(ErrorCode.INVALID_DEFINITION);
    }

    @Test
    void legacyExternalTypeAsksForMigration() {
        assertThatThrownBy(() -> decode(new ColumnRow("raw", "binary(16)", "NO", "", null, "", ":external-raw:")))
                .isInstanceOf(DovetailException.class)
                .hasMessageContaining("Legacy datatype `external-raw`")
                .hasMessageContaining("`raw`")
                .hasMessageContaining(TABLE)
                .hasMessageContaining("0.12")
                .extracting(e -> ((DovetailException) e).code()).isEqualTo(ErrorCode.INVALID_DEFINITION);
    }

    @ParameterizedTest(name = "{1} {2}")
    @CsvSource(delimiter = '|', value = {
            "longblob   | ''                  | internal blob",
            "blob       | ''                  | plain blob",
            "binary(16) | ':blob@raw:'        | external blob",
            "longblob   | ':attach:'          | attachment",
            "binary(16) | ':attach@raw:'      | external attachment",
            "binary(16) | ':filepath@stage:'  | filepath",
    })
    void serialisedAndFileAttributesAreNotAllowedInThePrimaryKey(String type, String comment, String what) {
        ColumnRow row = new ColumnRow("payload", type, "NO", "PRI", null, "", comment);

        assertThatThrownBy(() -> decode(row))
                .as(what)
                .isInstanceOf(DovetailException.class)
                .hasMessageContaining("not allowed in the primary key")
                .hasMessageContaining("`payload`")
                .hasMessageContaining(TABLE)
                .extracting(e -> ((DovetailException) e).code()).isEqualTo(ErrorCode.INVALID_DEFINITION);
    }

    @Test
    void jsonIsNotAllowedInThePrimaryKeyEither() {
        ColumnRow mysqlJson = new ColumnRow("doc", "json", "NO", "PRI", null, "", "");
        ColumnRow mariaDbJson = new ColumnRow("doc", "longtext", "NO", "PRI", null, "", "");

        assertThatThrownBy(() -> decode(mysqlJson))
                .isInstanceOf(DovetailException.class)
                .hasMessageContaining("Json, Blob, attachment, or filepath attributes are not allowed in the primary key")
                .hasMessageContaining("`doc`");
        assertThatThrownBy(() -> AttributeDecoder.decode(TABLE, mariaDbJson, true, Optional.empty()))
                .isInstanceOf(DovetailException.class)
                .hasMessageContaining("`doc` of " + TABLE);
    }

    @Test
    void uuidAndOrdinaryColumnsMayBeInThePrimaryKey() {
        assertThat(decode(new ColumnRow("id", "binary(16)", "NO", "PRI", null, "", ":uuid:")).inKey()).isTrue();
        assertThat(decode(new ColumnRow("name", "varchar(16)", "NO", "PRI", null, "", "")).inKey()).isTrue();
        assertThat(decode(new ColumnRow("name", "varchar(16)", "NO", "MUL", null, "", "")).inKey()).isFalse();
        assertThat(decode(new ColumnRow("name", "varchar(16)", "NO", "UNI", null, "", "")).inKey()).isFalse();
    }

    @Test
    void jsonColumnOfMySqlIsJson() {
        Attribute a = decode(column("doc", "json"));

        assertThat(a.json()).isTrue();
        assertThat(a.type()).isEqualTo("json");
        assertThat(a.string()).isFalse();
        assertThat(a.numeric()).isFalse();
    }

    @Test
    void longtextWithAJsonCheckIsJsonOfTypeJsonButKeepsItsColumnType() {
        Attribute json = AttributeDecoder.decode(TABLE, column("doc", "longtext"), true, Optional.empty());
        Attribute text = decode(column("doc", "longtext"));

        assertThat(json.json()).isTrue();
        assertThat(json.type()).isEqualTo("json");
        assertThat(json.sqlType()).isEqualTo("json");
        assertThat(json.columnType()).isEqualTo("longtext");
        assertThat(text.json()).isFalse();
        assertThat(text.type()).isEqualTo("longtext");
    }

    @ParameterizedTest(name = "{0} default [{1}] -> [{2}]")
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
            "varchar(16)          | mouse                 | \"mouse\"",
            "varchar(16)          | ''                    | \"\"",
            "enum('a','b')        | a                     | \"a\"",
            "date                 | 2020-01-01            | \"2020-01-01\"",
            "time                 | 12:00:00              | \"12:00:00\"",
            "int(11)              | 0                     | 0",
            "decimal(5,2)         | 1.50                  | 1.50",
            "double               | -1e+30                | -1e+30",
            "timestamp            | CURRENT_TIMESTAMP     | CURRENT_TIMESTAMP",
            "timestamp            | current_timestamp()   | CURRENT_TIMESTAMP",
            "datetime(3)          | current_timestamp(3)  | CURRENT_TIMESTAMP(3)",
            "datetime(3)          | CURRENT_TIMESTAMP(3)  | CURRENT_TIMESTAMP(3)",
            "varchar(32)          | NONE                  | NONE",
            "int(11)              | NONE                  | NONE",
    })
    void defaultsAreQuotedForStringTypesAndCurrentTimestampIsNormalised(String type, String raw, String expected) {
        Attribute a = decode(new ColumnRow("x", type, "NO", "", raw, "", ""));

        assertThat(a.defaultValue()).isEqualTo(expected);
        assertThat(a.nullable()).isFalse();
    }

    @Test
    void aStringThatOnlyStartsWithCurrentTimestampIsAnOrdinaryStringDefault() {
        Attribute a = decode(new ColumnRow("x", "varchar(40)", "NO", "", "current_timestamp is late", "", ""));

        assertThat(a.defaultValue()).isEqualTo("\"current_timestamp is late\"");
    }

    @Test
    void nullableAttributesAlwaysDefaultToNull() {
        assertThat(decode(new ColumnRow("x", "varchar(8)", "YES", "", null, "", "")).defaultValue()).isEqualTo("null");
        assertThat(decode(new ColumnRow("x", "int(11)", "YES", "", "5", "", "")).defaultValue()).isEqualTo("null");
        assertThat(decode(new ColumnRow("x", "int(11)", "yes", "", null, "", "")).nullable()).isTrue();
    }

    @Test
    void autoIncrementIsReadFromExtraIgnoringCase() {
        assertThat(decode(new ColumnRow("id", "int(10) unsigned", "NO", "PRI", null, "auto_increment", "")).autoincrement()).isTrue();
        assertThat(decode(new ColumnRow("id", "int(10) unsigned", "NO", "PRI", null, "AUTO_INCREMENT", "")).autoincrement()).isTrue();
        assertThat(decode(new ColumnRow("t", "timestamp", "NO", "", "CURRENT_TIMESTAMP", "DEFAULT_GENERATED", "")).autoincrement())
                .isFalse();
        assertThat(decode(new ColumnRow("n", "int", "NO", "", null, null, "")).autoincrement()).isFalse();
    }

    @Test
    void hiddenAttributesStartWithAnUnderscore() {
        assertThat(decode(column("_abc_timestamp", "timestamp")).isHidden()).isTrue();
        assertThat(decode(column("abc_", "int")).isHidden()).isFalse();
    }
}
