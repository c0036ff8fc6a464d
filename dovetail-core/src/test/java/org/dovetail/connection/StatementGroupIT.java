package org.dovetail.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.dovetail.DuplicateException;
import org.dovetail.LostConnectionException;
import org.dovetail.MissingTableException;
import org.dovetail.QuerySyntaxException;
import org.dovetail.TestConfigs;
import org.dovetail.TransactionException;
import org.dovetail.testkit.DovetailTest;
import org.dovetail.testkit.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Both ways a group runs (one compound statement, one statement at a time) give the same outcomes. */
@DovetailTest
class StatementGroupIT {
    private static TestDatabase db;
    private static String schema;

    @BeforeAll
    static void createSchema(TestDatabase database) throws SQLException {
        db = database;
        schema = db.schema("group");
        try (var c = db.connect(); var s = c.createStatement()) {
            s.execute("CREATE DATABASE `" + schema + "`");
            s.execute("CREATE TABLE `" + schema + "`.job (id INT PRIMARY KEY, note VARCHAR(20) NOT NULL, data LONGBLOB) ENGINE=InnoDB");
            s.execute("CREATE TABLE `" + schema + "`.made (id INT PRIMARY KEY) ENGINE=InnoDB");
        }
    }

    @BeforeEach
    void empty() throws SQLException {
        try (var c = db.connect(); var s = c.createStatement()) {
            s.execute("DELETE FROM `" + schema + "`.job");
            s.execute("DELETE FROM `" + schema + "`.made");
        }
    }

    private static String table(String name) {
        return "`" + schema + "`.`" + name + "`";
    }

    private static Connection open() {
        return Connection.open(TestConfigs.builder(db).build());
    }

    private static long rows(String name) {
        try (Connection other = open()) {
            return other.queryValue("SELECT COUNT(*) FROM " + table(name), Long.class).orElseThrow();
        }
    }

    @ParameterizedTest(name = "compound={0}")
    @ValueSource(booleans = {true, false})
    void stepsRunInOrderAndQueriesGiveTheirValues(boolean compound) {
        try (Connection conn = open()) {
            byte[] data = {0, 1, 39, 92, (byte) 0xff, 10};
            StatementGroup group = conn.group()
                    .execute("INSERT INTO " + table("job") + " VALUES (?, ?, ?)", 1, "it's \"quoted\";", data)
                    .startTransaction()
                    .query("SELECT EXISTS(SELECT 1 FROM " + table("made") + " WHERE id = ?)", 1)
                    .execute("INSERT INTO " + table("made") + " VALUES (?)", 1)
                    .query("SELECT note FROM " + table("job") + " WHERE id = ? AND data = ?", 1, data);
            List<Object> values = group.run(compound);

            assertThat(values).hasSize(2);
            assertThat(((Number) values.get(0)).intValue()).isZero();
            assertThat(values.get(1)).isEqualTo("it's \"quoted\";");
            assertThat(group.completed()).isEqualTo(5);
            assertThat(conn.inTransaction()).isTrue();
            assertThat(rows("made")).as("uncommitted").isZero();
            assertThat(rows("job")).as("inserted before the transaction: committed").isEqualTo(1);

            StatementGroup end = conn.group().commit().execute("DELETE FROM " + table("job") + " WHERE id = ?", 1);
            assertThat(end.run(compound)).isEmpty();
            assertThat(conn.inTransaction()).isFalse();
            assertThat(conn.queryValue("SELECT @@in_transaction", Long.class)).contains(0L);
            assertThat(rows("made")).isEqualTo(1);
            assertThat(rows("job")).isZero();
        }
    }

    @ParameterizedTest(name = "compound={0}")
    @ValueSource(booleans = {true, false})
    void aStepsValueIsFoundByItsIndexOnceItTookEffect(boolean compound) {
        try (Connection conn = open()) {
            StatementGroup group = conn.group().query("SELECT 7").execute("INSERT INTO " + table("made") + " VALUES (1)");
            int second = group.size();
            group.query("SELECT 8").query("SELECT 1 FROM " + table("made") + " WHERE id = 99");
            assertThat(group.valueAt(second)).as("before the run").isEmpty();
            group.run(compound);
            assertThat(group.valueAt(0)).map(v -> ((Number) v).intValue()).contains(7);
            assertThat(group.valueAt(second)).map(v -> ((Number) v).intValue()).contains(8);
            assertThat(group.valueAt(3)).as("no row").isEmpty();
            assertThatThrownBy(() -> group.valueAt(1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("step 1 is not a query");

            StatementGroup stopped = conn.group().executeUnlessDuplicate("INSERT INTO " + table("made") + " VALUES (1)")
                    .executeUnlessDuplicate("INSERT INTO " + table("made") + " VALUES (2)").query("SELECT 1")
                    .execute("INSERT INTO " + table("made") + " VALUES (1)").query("SELECT 2");
            assertThatThrownBy(() -> stopped.run(compound)).isInstanceOf(DuplicateException.class);
            assertThat(stopped.completed()).isEqualTo(3);
            assertThat(stopped.valueAt(0)).as("a duplicate").contains(false);
            assertThat(stopped.valueAt(1)).as("ran").contains(true);
            assertThat(stopped.valueAt(2)).map(v -> ((Number) v).intValue()).as("lost with the error when compound")
                    .isEqualTo(compound ? Optional.empty() : Optional.of(1));
            assertThat(stopped.values()).hasSize(compound ? 2 : 3);
            assertThat(stopped.valueAt(4)).as("after the failing step").isEmpty();
        }
    }

    @ParameterizedTest(name = "compound={0}")
    @ValueSource(booleans = {true, false})
    void aStepThatDoesNotParseIsReportedWithWhatRanBeforeItNotWhatAnEarlierGroupLeft(boolean compound) {
        try (Connection conn = open()) {
            conn.group().query("SELECT 1").query("SELECT 2").query("SELECT 3").query("SELECT 4").startTransaction().commit().run(compound);
            StatementGroup group = conn.group().execute("INSERT INTO " + table("made") + " VALUES (3)").executeUnlessDuplicate("SELEC 1");
            assertThatThrownBy(() -> group.run(compound)).isInstanceOf(QuerySyntaxException.class);
            // sent as one compound statement, a statement that does not parse has the server refuse the whole of it
            assertThat(group.completed()).isEqualTo(compound ? 0 : 1);
            assertThat(group.values()).isEmpty();
            assertThat(conn.inTransaction()).isFalse();
            assertThat(rows("made")).isEqualTo(compound ? 0 : 1);
        }
    }

    @ParameterizedTest(name = "compound={0}")
    @ValueSource(booleans = {true, false})
    void aFailingFirstStepStopsTheGroupBeforeTheRest(boolean compound) {
        try (Connection conn = open()) {
            conn.execute("INSERT INTO " + table("job") + " VALUES (7, 'taken', NULL)");
            StatementGroup group = conn.group()
                    .execute("INSERT INTO " + table("job") + " VALUES (?, ?, NULL)", 7, "mine")
                    .startTransaction()
                    .query("SELECT 1");

            assertThatThrownBy(() -> group.run(compound)).isInstanceOf(DuplicateException.class)
                    .hasMessageContaining("Duplicate entry '7'");
            assertThat(group.completed()).isZero();
            assertThat(conn.inTransaction()).isFalse();
            assertThat(conn.queryValue("SELECT @@in_transaction", Long.class)).contains(0L);
            assertThat(conn.queryValue("SELECT note FROM " + table("job") + " WHERE id = 7", String.class)).contains("taken");
        }
    }

    @ParameterizedTest(name = "compound={0}")
    @ValueSource(booleans = {true, false})
    void aFailureLaterLeavesTheStepsBeforeItInEffect(boolean compound) {
        try (Connection conn = open()) {
            StatementGroup group = conn.group()
                    .execute("INSERT INTO " + table("job") + " VALUES (8, 'first', NULL)")
                    .startTransaction()
                    .execute("INSERT INTO " + table("made") + " VALUES (8)")
                    .query("SELECT 1 FROM " + table("no_such_table"))
                    .execute("INSERT INTO " + table("made") + " VALUES (9)");

            assertThatThrownBy(() -> group.run(compound)).isInstanceOf(MissingTableException.class)
                    .hasMessageContaining("no_such_table");
            assertThat(group.completed()).isEqualTo(3);
            assertThat(conn.inTransaction()).as("the transaction started by step 2 is open").isTrue();
            assertThat(conn.queryValue("SELECT COUNT(*) FROM " + table("made"), Long.class)).as("seen inside it").contains(1L);
            conn.cancelTransaction();
            assertThat(rows("made")).isZero();
            assertThat(rows("job")).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "compound={0}")
    @ValueSource(booleans = {true, false})
    void transactionStepsAreCheckedBeforeAnythingIsSent(boolean compound) {
        try (Connection conn = open()) {
            StatementGroup commitOutside = conn.group().execute("INSERT INTO " + table("made") + " VALUES (1)").commit();
            assertThatThrownBy(() -> commitOutside.run(compound)).isInstanceOf(TransactionException.class)
                    .hasMessageContaining("none is open");
            conn.startTransaction();
            StatementGroup nested = conn.group().rollback().startTransaction().startTransaction();
            assertThatThrownBy(() -> nested.run(compound)).isInstanceOf(TransactionException.class)
                    .hasMessageContaining("already open");
            assertThat(conn.inTransaction()).isTrue();
            conn.cancelTransaction();
            assertThat(rows("made")).isZero();
        }
    }

    @ParameterizedTest(name = "compound={0}")
    @ValueSource(booleans = {true, false})
    void aGroupRunsOnce(boolean compound) {
        try (Connection conn = open()) {
            StatementGroup group = conn.group().query("SELECT 1").query("SELECT 2");
            assertThat(group.run(compound)).extracting(v -> ((Number) v).intValue()).containsExactly(1, 2);
            assertThatThrownBy(() -> group.run(compound)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> group.query("SELECT 3")).isInstanceOf(IllegalStateException.class);
        }
    }

    @ParameterizedTest(name = "compound={0}")
    @ValueSource(booleans = {true, false})
    void aDuplicateCanBeAValueInsteadOfAnError(boolean compound) {
        try (Connection conn = open()) {
            conn.execute("INSERT INTO " + table("job") + " VALUES (5, 'taken', NULL)");
            conn.startTransaction();
            StatementGroup group = conn.group()
                    .execute("INSERT INTO " + table("made") + " VALUES (5)")
                    .executeUnlessDuplicate("INSERT INTO " + table("job") + " VALUES (?, 'mine', NULL)", 5)
                    .executeUnlessDuplicate("INSERT INTO " + table("job") + " VALUES (?, 'mine', NULL)", 6)
                    .commit()
                    .query("SELECT GROUP_CONCAT(note ORDER BY id) FROM " + table("job"));

            assertThat(group.run(compound)).containsExactly(false, true, "taken,mine");
            assertThat(group.completed()).isEqualTo(5);
            assertThat(conn.inTransaction()).isFalse();
            assertThat(rows("made")).as("committed with the insert that ran").isEqualTo(1);
            StatementGroup other = conn.group().executeUnlessDuplicate("INSERT INTO " + table("no_such") + " VALUES (1)").query("SELECT 1");
            assertThatThrownBy(() -> other.run(compound)).isInstanceOf(MissingTableException.class);
            assertThat(other.completed()).isZero();
        }
    }

    @ParameterizedTest(name = "compound={0}")
    @ValueSource(booleans = {true, false})
    void aGroupRunsAgainOnANewSessionAfterTheOldOneWasKilled(boolean compound) {
        try (Connection conn = open(); Connection admin = open()) {
            String text = "SELECT CONNECTION_ID()";
            long first = ((Number) conn.group().query(text).query("SELECT ?", 1).run(compound).get(0)).longValue();
            admin.execute("KILL CONNECTION " + first);
            List<Object> again = conn.group().query(text).query("SELECT ?", 2).run(compound);
            assertThat(((Number) again.get(0)).longValue()).as("a new session").isNotEqualTo(first);
            assertThat(((Number) again.get(1)).intValue()).isEqualTo(2);
        }
    }

    @Test
    void aCompoundGroupThatCommitsIsNotSentAgainOnANewSession() {
        try (Connection conn = open(); Connection admin = open()) {
            admin.execute("KILL CONNECTION " + conn.connectionId());
            StatementGroup group = conn.group().startTransaction().execute("INSERT INTO " + table("made") + " VALUES (4)").commit();
            assertThatThrownBy(() -> group.run(true)).isInstanceOf(LostConnectionException.class)
                    .hasMessageContaining("whether the COMMIT took effect is unknown");
            assertThat(group.completed()).isZero();
            assertThat(conn.inTransaction()).isFalse();
            assertThat(rows("made")).isZero();
            assertThat(conn.queryValue("SELECT 1", Long.class)).as("the connection works again").contains(1L);
        }
    }

    @Test
    void preparedGroupsAreKeptPerSessionAndTheLeastRecentlyUsedAreDeallocated() {
        try (Connection conn = open()) {
            long before = preparedOnServer(conn);
            for (int i = 0; i < 40; i++) {
                List<Object> values = conn.group().query("SELECT ? + " + i, 1).query("SELECT " + i).run(true);
                assertThat(((Number) values.get(0)).intValue()).isEqualTo(1 + i);
            }
            assertThat(preparedOnServer(conn) - before).as("each text sent once: none prepared").isZero();
            for (int i = 0; i < 40; i++) {
                List<Object> values = conn.group().query("SELECT ? + " + i, 2).query("SELECT " + i).run(true);
                assertThat(((Number) values.get(0)).intValue()).isEqualTo(2 + i);
            }
            conn.group().query("SELECT 1").query("SELECT 2").run(true);
            conn.group().query("SELECT 1").query("SELECT 2").run(true); // one more prepared, and the evicted are deallocated first
            long kept = preparedOnServer(conn) - before;
            assertThat(kept).as("32 kept, and the last one evicted, deallocated before the next prepare").isEqualTo(33L);
            List<Object> again = conn.group().query("SELECT ? + 0", 5).query("SELECT 0").run(true); // evicted long ago: prepared anew
            assertThat(((Number) again.get(0)).intValue()).isEqualTo(5);
        }
    }

    private static long preparedOnServer(Connection conn) {
        return conn.query("SHOW GLOBAL STATUS LIKE 'Prepared_stmt_count'", r -> r.getLong(2)).get(0);
    }

    @ParameterizedTest(name = "compound={0}")
    @ValueSource(booleans = {true, false})
    void aCompoundGroupIsOneRequest(boolean compound) {
        try (Connection conn = open()) {
            long[] sent = new long[3];
            for (int id = 3; id <= 5; id++) {
                long before = questions(conn);
                conn.group().execute("INSERT INTO " + table("job") + " VALUES (?, 'r', NULL)", id).startTransaction()
                        .query("SELECT EXISTS(SELECT 1 FROM " + table("made") + " WHERE id = ?)", id).rollback().run(compound);
                sent[id - 3] = questions(conn) - before - 1; // the status query itself counts once
            }
            // a compound text is sent as it is the first time, prepared on the server the second (PREPARE, then EXECUTE),
            // and only executed from then on
            assertThat(sent).containsExactly(compound ? new long[] {1, 2, 1} : new long[] {4, 4, 4});
            assertThat(conn.queryValue("SELECT COUNT(*) FROM " + table("job"), Long.class)).contains(3L);
        }
    }

    private static long questions(Connection conn) {
        return conn.query("SHOW SESSION STATUS LIKE 'Questions'", r -> r.getLong(2)).get(0);
    }
}
