package org.dovetail.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.dovetail.Dovetail;
import org.dovetail.DovetailException;
import org.dovetail.TestConfigs;
import org.dovetail.heading.Heading;
import org.dovetail.testkit.DovetailTest;
import org.dovetail.testkit.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tables declared from Java classes, the {@code ~jobs} table, and tables opened without classes. */
@DovetailTest
class ClassesAndFreeTablesIT {
    private static Dovetail connection;
    private static Schema schema;

    @Definition(tier = Tier.LOOKUP)
    static class Species {
        static final String DEFINITION = "species : varchar(32)";
        static final List<?> CONTENTS = List.of(List.of("mouse"), List.of("rat"));
    }

    @Definition(tier = Tier.MANUAL, value = """
            # animals
            animal_id : int
            ---
            -> Species
            """)
    static class Animal {
    }

    @Definition(tier = Tier.MANUAL, value = "parent_id : int")
    static class Parent {
        // declared after Child although it sorts first: it refers to master.Child
        @Definition(tier = Tier.PART, value = "-> master.Child")
        static class AGrandchild {
        }

        @Definition(tier = Tier.PART, value = "-> master\nchild : int")
        static class Child {
        }
    }

    @Definition(tier = Tier.LOOKUP, value = "release_id : int")
    static class OutfitLaunch {
        static final List<?> CONTENTS = List.of(List.of(0));

        @Definition(tier = Tier.PART, value = "-> OutfitLaunch\npiece : varchar(20)")
        static class OutfitPiece {
            static final List<?> CONTENTS = List.of(List.of(0, "jeans"), List.of(0, "polo"));
        }
    }

    static class NotATable {
    }

    @BeforeAll
    static void open(TestDatabase db) {
        connection = Dovetail.connect(TestConfigs.of(db));
        schema = connection.createSchema(db.schema("classes"));
        schema.declare(Species.class);
        schema.declare(Animal.class);
        schema.declare(Parent.class);
        schema.declare(OutfitLaunch.class);
        connection.connection().execute("CREATE TABLE " + schema.fullName("test_table") + " (oldID int PRIMARY KEY)");
        connection.connection().execute("CREATE TABLE " + schema.fullName("table_2") + " (id int PRIMARY KEY)");
    }

    @AfterAll
    static void close() {
        connection.close();
    }

    @Test
    void classesDeclareTheirTablesPartsAndContents() {
        assertThat(schema.tables()).extracting(TableInfo::className).containsExactly("OutfitLaunch", "OutfitLaunch.OutfitPiece",
                "Species", "Animal", "Parent", "Parent.Child", "Parent.AGrandchild", "TestTable");
        assertThat(schema.heading("Animal").comment()).isEqualTo("animals");
        assertThat(schema.heading("Parent.AGrandchild").primaryKey()).containsExactly("parent_id", "child");
        assertThat(connection.connection().query("SELECT species FROM " + schema.fullName("#species") + " ORDER BY species", r -> r.getString(1)))
                .containsExactly("mouse", "rat");
        assertThat(connection.connection().queryValue("SELECT COUNT(*) FROM " + schema.fullName("#outfit_launch__outfit_piece"), Long.class))
                .contains(2L);
        schema.declare(Animal.class); // again: the same definition, nothing to do
    }

    @Test
    void classesWithoutADefinitionAreRefused() {
        assertThatThrownBy(() -> schema.declare(NotATable.class)).isInstanceOf(DovetailException.class)
                .hasMessageContaining("is not annotated with @Definition");
        assertThatThrownBy(() -> schema.declare(Parent.Child.class)).hasMessageContaining("is a part table: declare its master (Parent)");
    }

    @Test
    void theJobsTableIsDeclaredOnFirstUseAsDataJointDeclaresIt() {
        String jobs = schema.jobsTable();
        assertThat(jobs).isEqualTo(schema.fullName("~jobs"));
        assertThat(schema.jobsTable()).isEqualTo(jobs);
        Table table = connection.table(jobs);
        Heading h = table.heading();
        assertThat(h.names()).containsExactly("table_name", "key_hash", "status", "key", "error_message", "error_stack", "user",
                "host", "pid", "connection_id", "timestamp");
        assertThat(h.primaryKey()).containsExactly("table_name", "key_hash");
        assertThat(h.comment()).isEqualTo("job reservation table for `" + schema.name() + "`");
        String ddl = connection.connection().query("SHOW CREATE TABLE " + jobs, r -> r.getString(2)).get(0);
        assertThat(ddl).contains("`status` enum('reserved','error','ignore') NOT NULL COMMENT 'if tuple is missing, the job is available'",
                "`key` blob DEFAULT NULL COMMENT 'structure containing the key'",
                "`error_message` varchar(2047) NOT NULL DEFAULT '' COMMENT 'error message returned if failed'",
                "`pid` int(10) unsigned NOT NULL DEFAULT 0 COMMENT 'system process id'",
                "`connection_id` bigint(20) unsigned NOT NULL DEFAULT 0 COMMENT 'connection_id()'",
                "`timestamp` timestamp NOT NULL DEFAULT current_timestamp() COMMENT 'automatic timestamp'",
                "PRIMARY KEY (`table_name`,`key_hash`)");
        assertThat(schema.tables()).extracting(TableInfo::tableName).doesNotContain("~jobs");
    }

    @Test
    void everyTableOpensWithoutAClass() {
        var tables = schema.tablesByClass();
        assertThat(tables.keySet()).contains("Animal", "Parent.Child", "OutfitLaunch.OutfitPiece", "TestTable").doesNotContain("Table_2");
        Table outside = tables.get("TestTable");
        assertThat(outside.tier()).contains(Tier.MANUAL);
        assertThat(outside.heading().names()).containsExactly("oldID");
        assertThat(outside.fullName()).isEqualTo(schema.fullName("test_table"));
        Table animal = schema.table("Animal");
        assertThat(animal.describe()).isEqualTo(schema.describe("Animal"));
        assertThat(animal.parents()).extracting(d -> d.parent()).containsExactly(schema.fullName("#species"));
        assertThat(schema.table("Species").children()).extracting(d -> d.child()).containsExactly(schema.fullName("animal"));
        assertThat(connection.table(schema.fullName("table_2")).tier()).isEmpty();
    }
}
