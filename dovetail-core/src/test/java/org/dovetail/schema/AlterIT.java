package org.dovetail.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.dovetail.Dovetail;
import org.dovetail.InvalidDefinitionException;
import org.dovetail.TestConfigs;
import org.dovetail.TransactionException;
import org.dovetail.testkit.DovetailTest;
import org.dovetail.testkit.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link Schema#alter} on DataJoint's schema_alter tables (test_alter.py), against the real database. */
@DovetailTest
class AlterIT {
    /** schema_any's Experiment, which schema_alter alters to {@link #EXPERIMENT_1} and back. */
    private static final String EXPERIMENT = Upstream.schemaAny("Experiment").definition();
    private static final String EXPERIMENT_1 = """
            # Experiment
            -> Subject
            experiment_id  :smallint  # experiment number for this subject
            ---
            data_path     : int  # some number
            extra=null : longblob  # just testing
            -> [nullable] User
            subject_notes=null         :varchar(2048) # {notes} e.g. purpose of experiment
            entry_time=CURRENT_TIMESTAMP :timestamp   # automatic timestamp
            """;
    private static Dovetail connection;
    private static Schema schema;

    @BeforeAll
    static void declare(TestDatabase db) {
        connection = Dovetail.connect(TestConfigs.of(db));
        schema = connection.createSchema(db.schema("alter"));
        schema.declare(Tier.LOOKUP, "User", "username : varchar(12)");
        schema.declare(Tier.LOOKUP, "Subject", "subject_id : int  # unique subject id\n---\nreal_id : varchar(40)");
        schema.declare(Tier.IMPORTED, "Experiment", EXPERIMENT);
        schema.declare(TableDefinition.of(Tier.MANUAL, "Parent", "parent_id: int")
                .withPart("Child", "-> Parent")
                .withPart("Grandchild", "-> master.Child"));
    }

    @AfterAll
    static void close() {
        connection.close();
    }

    @Test
    void alterAndRestoreGivesTheOriginalTable() {
        String original = showCreateTable("_experiment");
        List<String> clauses = schema.alter("Experiment", EXPERIMENT_1);
        assertThat(clauses).containsExactly(
                "DROP `experiment_date`",
                "MODIFY `data_path` int NOT NULL COMMENT \"some number\" AFTER `experiment_id`",
                "ADD `extra` longblob DEFAULT NULL COMMENT \"just testing\" AFTER `data_path`",
                "MODIFY `username` varchar(12) COMMENT \"\" AFTER `extra`",
                "CHANGE `notes` `subject_notes` varchar(2048) DEFAULT NULL COMMENT \"{notes} e.g. purpose of experiment\" AFTER `username`",
                "COMMENT=\"Experiment\"");
        String altered = showCreateTable("_experiment");
        assertThat(altered).isNotEqualTo(original).contains("`subject_notes` varchar(2048) DEFAULT NULL");
        assertThat(schema.heading("Experiment").names()).containsExactly("subject_id", "experiment_id", "data_path", "extra",
                "username", "subject_notes", "entry_time");

        schema.alter("Experiment", EXPERIMENT);
        assertThat(showCreateTable("_experiment")).isEqualTo(original);
        assertThat(schema.alter("Experiment", EXPERIMENT)).isEmpty();
        assertThat(connection.connection().query("SELECT event FROM " + schema.fullName("~log") + " WHERE event LIKE 'Altered%experiment%'", r -> r.getString(1)))
                .containsExactly("Altered " + schema.fullName("_experiment"), "Altered " + schema.fullName("_experiment"));
    }

    @Test
    void partsAreAlteredInTheirMastersContext() {
        // test_alter.py::test_alter_part (issue #936)
        String child = showCreateTable("parent__child");
        schema.alter("Parent.Child", "-> master\n---\nchild_id=null: int");
        assertThat(showCreateTable("parent__child").replaceFirst("`child_id` int\\(11\\) DEFAULT NULL,\n  ", "")).isEqualTo(child);
        String grandchild = showCreateTable("parent__grandchild");
        schema.alter("Parent.Grandchild", "-> master.Child\n---\ngrandchild_id=null: int");
        assertThat(showCreateTable("parent__grandchild").replaceFirst("`grandchild_id` int\\(11\\) DEFAULT NULL,\n  ", ""))
                .isEqualTo(grandchild);
    }

    @Test
    void keysForeignKeysAndIndexesAreRefusedAndNothingChanges() {
        String before = showCreateTable("#subject");
        assertThatThrownBy(() -> schema.alter("Subject", "subject_id : bigint\n---\nreal_id : varchar(40)"))
                .isInstanceOf(InvalidDefinitionException.class).hasMessageContaining("cannot change the primary key");
        assertThatThrownBy(() -> schema.alter("Subject", "subject_id : int  # unique subject id\n---\nreal_id : varchar(40)\n-> [nullable] User"))
                .hasMessageContaining("cannot change foreign keys");
        assertThatThrownBy(() -> schema.alter("Subject", "subject_id : int  # unique subject id\n---\nreal_id : varchar(40)\nindex(real_id)"))
                .hasMessageContaining("cannot change indexes");
        assertThat(showCreateTable("#subject")).isEqualTo(before);
        connection.connection().startTransaction();
        try {
            assertThatThrownBy(() -> schema.alter("Subject", "subject_id : int\n---\nreal_id : varchar(50)"))
                    .isInstanceOf(TransactionException.class);
        } finally {
            connection.connection().cancelTransaction();
        }
    }

    private static String showCreateTable(String table) {
        return connection.connection().query("SHOW CREATE TABLE " + schema.fullName(table), r -> r.getString(2)).get(0);
    }
}
