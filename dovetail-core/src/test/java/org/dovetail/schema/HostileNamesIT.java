package org.dovetail.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.dovetail.Dovetail;
import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;
import org.dovetail.InvalidInputException;
import org.dovetail.TestConfigs;
import org.dovetail.testkit.DovetailTest;
import org.dovetail.testkit.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Schema names holding back-quotes, quotes, semicolons, dots and non-ASCII letters are one quoted
 * identifier in every statement: declare, insert, fetch, describe, a cascading delete and drop all
 * work on them, and nothing else on the server changes.
 */
@DovetailTest
class HostileNamesIT {
    private static Dovetail connection;
    private static TestDatabase database;

    @BeforeAll
    static void connect(TestDatabase db) {
        database = db;
        connection = Dovetail.connect(TestConfigs.builder(db).safemode(false).build());
        connection.connection().execute("CREATE DATABASE " + org.dovetail.TableName.quote(db.schema("bystander")));
        connection.connection().execute("CREATE TABLE " + org.dovetail.TableName.of(db.schema("bystander"), "kept").quoted() + " (id int PRIMARY KEY)");
    }

    @AfterAll
    static void close() {
        connection.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"q`uote", "it's", "semi;colon -- x", "dq\"x", "dot.ted", "ünï_名前", "b`) ; DROP DATABASE x; #", "pct%_"})
    void everyOperationWorksOnAHostileSchemaName(String suffix) {
        String name = database.schema(suffix);
        Schema schema = connection.createSchema(name);
        schema.declare(TableDefinition.of(Tier.MANUAL, "Subject", "subject_id : int\n---\nnote : varchar(40)\ndata = null : longblob"));
        schema.declare(TableDefinition.of(Tier.MANUAL, "Session", "-> Subject\nsession : int\n---\nwhen = null : date"));
        schema.declare(TableDefinition.of(Tier.MANUAL, "Session", "-> Subject\nsession : int\n---\nwhen = null : date")); // equal: a no-op
        Table subject = schema.table("Subject");
        Table session = schema.table("Session");
        subject.insert1(Map.of("subject_id", 1, "note", suffix, "data", List.of(1.0, 2.0)));
        subject.insert1(Map.of("subject_id", 2, "note", "b"));
        session.insert(List.of(Map.of("subject_id", 1, "session", 1), Map.of("subject_id", 2, "session", 1)));

        assertThat(subject.restrict(Map.of("note", suffix)).fetch1("subject_id").get("subject_id")).isEqualTo(1L);
        assertThat(session.join(subject).count()).isEqualTo(2);
        assertThat(subject.fullName()).isEqualTo(org.dovetail.TableName.of(name, "subject").quoted());
        assertThat(schema.tables()).hasSize(2);
        assertThat(schema.describe("Session")).contains("-> ").contains("session");
        assertThat(schema.heading("Session").primaryKey()).containsExactly("subject_id", "session");

        assertThat(subject.restrict(Map.of("subject_id", 1)).delete(plan -> plan.totalRows() == 2)).isEqualTo(1);
        assertThat(session.count()).isEqualTo(1);
        schema.table("Subject").drop(plan -> true);
        assertThat(schema.tables()).isEmpty();
        assertThat(connection.schemaExists(database.schema("bystander"))).isTrue();
        assertThat(connection.connection().queryValue("SELECT COUNT(*) FROM " + org.dovetail.TableName.of(database.schema("bystander"), "kept").quoted(),
                Long.class)).contains(0L);
    }

    @Test
    void aSchemaNameTheServerCannotHoldIsRefusedBeforeAnyStatement() {
        String tooLong = database.schema("x".repeat(70));
        assertThatThrownBy(() -> connection.createSchema(tooLong)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("has " + tooLong.length() + " characters; the server allows at most 64");
        assertThat(connection.schemaExists(tooLong.substring(0, 64))).isFalse();
        String emoji = database.schema("emoji\uD83D\uDE00");
        assertThatThrownBy(() -> connection.schemaExists(emoji)).as("refused by the rule, not by the server's collation error")
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("outside the Basic Multilingual Plane");
    }

    @Test
    void aHostileClassNameIsAnInvalidDefinition() {
        Schema schema = connection.createSchema(database.schema("classes"));
        assertThatThrownBy(() -> schema.declare(TableDefinition.of(Tier.MANUAL, "Bad`Name", "id : int")))
                .isInstanceOf(DovetailException.class)
                .satisfies(e -> assertThat(((DovetailException) e).code()).isEqualTo(ErrorCode.INVALID_DEFINITION))
                .hasMessageContaining("CamelCase");
        assertThat(schema.tables()).isEmpty();
    }
}
