package org.dovetail.internal.declare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Stream;
import org.dovetail.InvalidDefinitionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every malformed definition is rejected with the table, the line and the problem named. */
class MalformedDefinitionTest {
    private static final String TABLE = "`lab`.`bad`";

    static Stream<Arguments> malformed() {
        return Stream.of(
                bad("Bad_name : int", 1, "attribute name must start with a lowercase letter"),
                bad("id : int\n---\nnameX : int", 3, "only lowercase letters"),
                bad("id int", 1, "expected \":\" and a type"),
                bad("id : int\n---\nb -> Subject", 3, "must start with \"->\""),
                bad("-> [nullable] Subject\nid : int", 1, "primary dependencies cannot be nullable"),
                bad("id : int\n---\n-> [optional] User", 3, "Invalid foreign key option \"OPTIONAL\""),
                bad("id : int\n---\n-> [nullable, unique, fast] User", 3, "Invalid foreign key option \"FAST\""),
                bad("id : int\n---\n-> [nullable User", 3, "missing their closing \"]\""),
                bad("id : int\n---\n-> [nul-lable] User", 3, "foreign key options must be words"),
                bad("id : int\n---\n->", 3, "referenced table is missing"),
                bad("id : int\n---\n-> Nobody", 3, "Foreign key reference Nobody could not be resolved"),
                bad("id : int\n---\n-> Subject & 'subject_id=1'", 3, "is not supported"),
                bad("id : int\n---\n-> Subject * User", 3, "is not supported"),
                bad("id : int\n---\n-> User.proj(first=\"nobody\")", 3, "not a primary-key attribute"),
                bad("id : int\n---\n-> User.proj(first=\"username\", second=\"username+1\")", 3, "is not a rename"),
                bad("id : int\n---\n-> User.proj(first=username)", 3, "is not a rename"),
                bad("id : int\n---\n-> User.proj(a=\"username\", a=\"username\")", 3, "named twice"),
                bad("id : int\n---\ndescription : text", 3, "Unsupported attribute type text"),
                bad("id : int\n---\ncar_count : tinyinteger", 3, "Unsupported attribute type tinyinteger"),
                bad("id : int\n---\nx : int foo", 3, "Unsupported attribute type int foo"),
                bad("id : int\n---\nx : varchar", 3, "Unsupported attribute type varchar"),
                bad("id : int\n---\nx : geometry", 3, "Unsupported attribute type geometry"),
                bad("id : int\n---\nindex: int", 3, "an index line is"),
                bad("id : int\n---\nindex_value : int", 3, "attribute names may not start with \"index\""),
                bad("id : int\n---\nx : int\nindex ()", 4, "at least one attribute"),
                bad("id : int\n---\nx : int\nindex (y)", 4, "`y`, which is not an attribute"),
                bad("id = null : int", 1, "primary key attributes cannot be nullable"),
                bad("id : int\n---\nimg = 5 : longblob", 3, "can only be null"),
                bad("id : int\n---\nimg = \"\" : attach", 3, "can only be null"),
                bad("id : int\n---\nimg = 0 : blob@store", 3, "can only be null"),
                bad("id : longblob", 1, "not allowed in the primary key"),
                bad("id : json", 1, "not allowed in the primary key"),
                bad("id : attach", 1, "not allowed in the primary key"),
                bad("id : blob@store", 1, "not allowed in the primary key"),
                bad("id : <bytes>", 1, "not allowed in the primary key"),
                bad("id : int\n---\nx : int # :colon", 3, "must not start with a colon"),
                bad("# :colon comment\nid : int", 1, "Table comment must not start with a colon"),
                bad("# a \"quoted\" comment\nid : int", 1, "must not contain a double quote"),
                bad("id : int\n---\nx = 1 int", 3, "missing \":\" between the default value and the type"),
                bad("id : int\n---\nx : ", 3, "missing type"),
                bad("id : int\n---\nx : 5", 3, "missing type"),
                bad("id : int\n---\nx : <graph", 3, "missing its closing"),
                bad("id : int\n---\nx : <graph> extra", 3, "unexpected text after the adapted type"),
                bad("id : int\n---\nx : <nothing>", 3, "Attribute adapter 'nothing' is not defined"),
                bad("id : int\n---\nx : <bad>", 3, "Invalid attribute type whatever in attribute adapter 'bad'"),
                bad("id : int\n---\nx : blob@", 3, "Unsupported attribute type blob@"),
                bad("id : int\n---\nx : blob@9store", 3, "Unsupported attribute type blob@9store"),
                bad("---\nx : int", 0, "Table must have a primary key"),
                bad("# only a comment", 0, "Table must have a primary key"),
                bad("", 0, "Table must have a primary key"),
                bad("id : int\n---\n-> User.proj(first=\"username\"", 3, "is not supported"));
    }

    private static Arguments bad(String definition, int line, String problem) {
        return Arguments.of(definition, line, problem);
    }

    @ParameterizedTest(name = "[{index}] line {1}: {2}")
    @MethodSource("malformed")
    void isRejectedNamingTheLineAndTheProblem(String definition, int line, String problem) {
        TestContext context = TestContext.test1().adapter("bytes", "longblob").adapter("bad", "whatever");
        InvalidDefinitionException e = catchThrowableOfType(InvalidDefinitionException.class,
                () -> DefinitionCompiler.compile(TABLE, definition, context));
        assertThat(e).as("no error for %s", definition).isNotNull();
        assertThat(e.table()).isEqualTo(TABLE);
        assertThat(e.lineNumber()).isEqualTo(line);
        assertThat(e.problem()).contains(problem);
        assertThat(e.getMessage()).startsWith("Invalid definition of " + TABLE).contains(problem);
        if (line > 0) {
            assertThat(e.line()).isEqualTo(definition.split("\n")[line - 1].strip());
            assertThat(e.getMessage()).contains("line " + line + " \"" + e.line() + "\"");
        }
    }

    @Test
    void thereAreAtLeastFortyOfThem() {
        assertThat(malformed().count()).isGreaterThanOrEqualTo(40);
    }

    @Test
    void tooLongTableNames() {
        String name = "`lab`.`" + "x".repeat(65) + "`";
        InvalidDefinitionException e = catchThrowableOfType(InvalidDefinitionException.class,
                () -> DefinitionCompiler.compile(name, "id : int", TestContext.of()));
        assertThat(e.problem()).isEqualTo("Table name `" + "x".repeat(65) + "` exceeds the max length of 64");
    }

    @Test
    void featureSwitches() {
        InvalidDefinitionException filepath = catchThrowableOfType(InvalidDefinitionException.class,
                () -> DefinitionCompiler.compile(TABLE, "id : int\n---\nf : filepath@repo", TestContext.of().withoutFilepath()));
        assertThat(filepath.problem()).contains("filepath data type is disabled").contains("DJ_SUPPORT_FILEPATH_MANAGEMENT");
        InvalidDefinitionException adapted = catchThrowableOfType(InvalidDefinitionException.class,
                () -> DefinitionCompiler.compile(TABLE, "id : int\n---\nf : <graph>", TestContext.of().withoutAdaptedTypes()));
        assertThat(adapted.problem()).contains("Support for Adapted Attribute types is disabled");
    }

    @Test
    void acceptedLookalikes() {
        CompiledTable t = DefinitionCompiler.compile(TABLE, "id : int\n---\ncar_count : integer\nmy_index : int\nunique_x : int\n",
                TestContext.of());
        assertThat(t.attributeSql()).containsExactly("`id` int NOT NULL", "`car_count` integer NOT NULL",
                "`my_index` int NOT NULL", "`unique_x` int NOT NULL");
    }
}
