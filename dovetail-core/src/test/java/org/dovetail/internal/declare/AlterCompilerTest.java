package org.dovetail.internal.declare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.dovetail.InvalidDefinitionException;
import org.junit.jupiter.api.Test;

/** DataJoint's ALTER TABLE clauses, against the example verified in the spec (§10). */
class AlterCompilerTest {
    private static final String T = "`db`.`t`";
    private static final TestContext CONTEXT = TestContext.of().table("P", "`db`.`p`", "pid", "int", "");

    private static CompiledTable compile(String definition) {
        return DefinitionCompiler.compile(T, definition, CONTEXT);
    }

    @Test
    void theVerifiedExample() {
        CompiledTable old = compile("id : int\n---\na : int # first\nb=null : varchar(10)\nc : float");
        CompiledTable now = compile("# new comment\nid : int\n---\nb=null : varchar(20)\na : int # first\nd=5 : int # new one\n"
                + "e : float # {c} renamed");
        assertThat(AlterCompiler.clauses(T, now, old)).containsExactly(
                "MODIFY `b` varchar(20) DEFAULT NULL AFTER `id`",
                "MODIFY `a` int NOT NULL COMMENT \"first\" AFTER `b`",
                "ADD `d` int NOT NULL DEFAULT \"5\" COMMENT \"new one\" AFTER `a`",
                "CHANGE `c` `e` float NOT NULL COMMENT \"{c} renamed\" AFTER `d`",
                "COMMENT=\"new comment\"");
        assertThat(AlterCompiler.alterTableSql(T, AlterCompiler.clauses(T, compile("id : int\n---\nx : int"),
                compile("id : int\n---\nx : int\ny : int"))))
                .isEqualTo("ALTER TABLE `db`.`t`\n\tDROP `y`");
    }

    @Test
    void unchangedDefinitionsNeedNoClauses() {
        CompiledTable t = compile("# c\n-> P\nid : int\n---\na=null : int # x");
        assertThat(AlterCompiler.clauses(T, t, compile("# c\n-> P\nid:int\n---\na = null :int   # x"))).isEmpty();
    }

    @Test
    void aTypeChangeInPlaceIsAModifyWithoutAfter() {
        assertThat(AlterCompiler.clauses(T, compile("id : int\n---\na : int\nb : bigint"), compile("id : int\n---\na : int\nb : int")))
                .containsExactly("MODIFY `b` bigint NOT NULL");
    }

    @Test
    void keysForeignKeysAndIndexesCannotChange() {
        CompiledTable old = compile("-> P\nid : int\n---\na : int\nindex (a)");
        assertThatThrownBy(() -> AlterCompiler.clauses(T, compile("-> P\nid : int\nid2 : int\n---\na : int\nindex (a)"), old))
                .isInstanceOf(InvalidDefinitionException.class).hasMessageContaining("cannot change the primary key");
        assertThatThrownBy(() -> AlterCompiler.clauses(T, compile("-> P\nid : bigint\n---\na : int\nindex (a)"), old))
                .hasMessageContaining("cannot change the primary key");
        assertThatThrownBy(() -> AlterCompiler.clauses(T, compile("id : int\n---\n-> P\na : int\nindex (a)"), old))
                .hasMessageContaining("cannot change the primary key");
        assertThatThrownBy(() -> AlterCompiler.clauses(T, compile("-> P\nid : int\n---\na : int"), old))
                .hasMessageContaining("cannot change indexes");
        CompiledTable withFk = compile("id : int\n---\n-> [nullable] P\n");
        assertThatThrownBy(() -> AlterCompiler.clauses(T, compile("id : int\n---\npid=null : int"), withFk))
                .hasMessageContaining("cannot change foreign keys");
    }

    @Test
    void renamesMustNameOneExistingAttributeOnce() {
        CompiledTable old = compile("id : int\n---\na : int\nb : int");
        assertThatThrownBy(() -> AlterCompiler.clauses(T, compile("id : int\n---\nx : int # {a}\ny : int # {a}"), old))
                .hasMessageContaining("Alter attempted to rename attribute {a} twice.");
        assertThatThrownBy(() -> AlterCompiler.clauses(T, compile("id : int\n---\nx : int # {zz}\nb : int"), old))
                .hasMessageContaining("Attribute zz does not exist in the original definition");
    }
}
