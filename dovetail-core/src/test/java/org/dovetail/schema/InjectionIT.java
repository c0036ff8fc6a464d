package org.dovetail.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.dovetail.Dovetail;
import org.dovetail.DovetailException;
import org.dovetail.TestConfigs;
import org.dovetail.query.Top;
import org.dovetail.testkit.DovetailTest;
import org.dovetail.testkit.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SQL injection through values and attribute names is inert: values are bound, names must be attributes. */
@DovetailTest
class InjectionIT {
    private static final String[] PAYLOADS = {"'; DROP TABLE `victim`; --", "\" OR 1=1 -- ", "x' OR '1'='1", "\\'; DELETE FROM `victim`; #",
        "` OR 1=1 #", "?", "%' OR 1=1 OR '%", "a\u0000b", "Robert'); DROP TABLE Students;--"};
    private static Dovetail connection;
    private static Table victim;

    @BeforeAll
    static void declare(TestDatabase db) {
        connection = Dovetail.connect(TestConfigs.of(db));
        Schema schema = connection.createSchema(db.schema("inject"));
        schema.declare(TableDefinition.of(Tier.MANUAL, "Victim", "id : int\n---\nname : varchar(100)\nnote = null : varchar(100)"));
        victim = schema.table("Victim");
        victim.insert(List.of(List.of(1, "alice", "x"), List.of(2, "bob", "y")));
    }

    @AfterAll
    static void close() {
        connection.close();
    }

    @Test
    void valuesAreStoredAndComparedLiterally() {
        for (int i = 0; i < PAYLOADS.length; i++) {
            victim.insert1(Map.of("id", 100 + i, "name", PAYLOADS[i]));
        }
        for (int i = 0; i < PAYLOADS.length; i++) {
            assertThat(victim.restrict(Map.of("name", PAYLOADS[i])).fetch("id")).containsExactly(Map.of("id", (long) (100 + i)));
            assertThat(victim.minus(Map.of("name", PAYLOADS[i])).count()).isEqualTo(2 + PAYLOADS.length - 1);
            victim.restrict(Map.of("id", 100 + i)).fetch1();
            victim.update1(Map.of("id", 100 + i, "note", PAYLOADS[i]));
            assertThat(victim.restrict(Map.of("id", 100 + i)).fetch1("note").get("note")).isEqualTo(PAYLOADS[i]);
        }
        assertThat(victim.restrict(Map.of("id", "1 OR 1=1")).count()).isLessThanOrEqualTo(1);
        assertThat(victim.restrict(List.of(Map.of("name", "' OR ''='"))).count()).isZero();
        assertThat(victim.count()).isEqualTo(2 + PAYLOADS.length);
        victim.restrict("id >= 100").deleteQuick();
    }

    @ParameterizedTest
    @ValueSource(strings = {"id` OR 1=1 #", "id; DROP TABLE victim", "name`=`name", "`id`", "id)", "*"})
    void attributeNamesMustBeAttributes(String name) {
        assertThatThrownBy(() -> victim.fetch(name)).isInstanceOf(DovetailException.class);
        assertThatThrownBy(() -> victim.proj(name)).isInstanceOf(DovetailException.class);
        assertThatThrownBy(() -> victim.restrict(Map.of(name, 1))).isInstanceOf(DovetailException.class);
        assertThatThrownBy(() -> victim.insert1(Map.of("id", 500, "name", "n", name, 1))).isInstanceOf(DovetailException.class);
        assertThatThrownBy(() -> victim.top(Top.orderBy(name))).isInstanceOf(DovetailException.class);
        assertThatThrownBy(() -> victim.update1(Map.of("id", 1, name, "x"))).isInstanceOf(DovetailException.class);
        assertThat(victim.count()).isEqualTo(2);
    }

    @Test
    void renamedNamesMustBeIdentifiers() {
        assertThatThrownBy(() -> victim.proj("`x` = id")).isInstanceOf(DovetailException.class);
        assertThatThrownBy(() -> victim.top(Top.orderBy("id; DROP TABLE victim"))).isInstanceOf(DovetailException.class);
        assertThat(victim.proj("x = id").fetch()).hasSize(2);
    }
}
