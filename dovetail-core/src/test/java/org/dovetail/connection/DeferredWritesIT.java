package org.dovetail.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import org.dovetail.DovetailException;
import org.dovetail.DuplicateException;
import org.dovetail.TestConfigs;
import org.dovetail.testkit.DovetailTest;
import org.dovetail.testkit.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Writes held back by {@link Connection#executeLater}: sent in order before the next statement, with their own errors, or dropped with a rollback. */
@DovetailTest
class DeferredWritesIT {
    private static TestDatabase db;
    private static String schema;
    private Connection conn;

    @BeforeAll
    static void createSchema(TestDatabase database) throws SQLException {
        db = database;
        schema = db.schema("deferred");
        try (var c = db.connect(); var s = c.createStatement()) {
            s.execute("CREATE DATABASE `" + schema + "`");
            s.execute("CREATE TABLE `" + schema + "`.t (id INT PRIMARY KEY) ENGINE=InnoDB");
        }
    }

    @BeforeEach
    void open() throws SQLException {
        try (var c = db.connect(); var s = c.createStatement()) {
            s.execute("DELETE FROM `" + schema + "`.t");
        }
        conn = Connection.open(TestConfigs.builder(db).build());
    }

    @AfterEach
    void close() {
        conn.close();
    }

    private static String insert() {
        return "INSERT INTO `" + schema + "`.t VALUES (?)";
    }

    private long rows() {
        return conn.queryValue("SELECT COUNT(*) FROM `" + schema + "`.t", Long.class).orElseThrow();
    }

    private static long committedRows() {
        try (Connection other = Connection.open(TestConfigs.builder(db).build())) {
            return other.queryValue("SELECT COUNT(*) FROM `" + schema + "`.t", Long.class).orElseThrow();
        }
    }

    private static DovetailException named(DovetailException e) {
        return new DovetailException(e.code(), "t: " + e.getMessage(), e);
    }

    @Test
    void nothingIsHeldOutsideATransactionOrWhenNotAsked() {
        assertThat(conn.executeLater(insert(), new Object[] {1}, e -> e)).as("not asked").isFalse();
        conn.deferWrites(true);
        assertThat(conn.executeLater(insert(), new Object[] {1}, e -> e)).as("no transaction").isFalse();
        conn.startTransaction();
        assertThat(conn.executeLater(insert(), new Object[] {1}, e -> e)).isTrue();
        conn.deferWrites(false);
        assertThat(conn.executeLater(insert(), new Object[] {2}, e -> e)).as("turned off").isFalse();
        conn.cancelTransaction();
    }

    @Test
    void heldWritesGoBeforeTheNextStatementInOrder() {
        conn.deferWrites(true);
        conn.startTransaction();
        conn.executeLater(insert(), new Object[] {1}, e -> e);
        conn.executeLater("UPDATE `" + schema + "`.t SET id = 2 WHERE id = 1", new Object[0], e -> e);
        assertThat(conn.queryValue("SELECT MAX(id) FROM `" + schema + "`.t", Long.class)).as("the query sees both, in order").hasValue(2L);
        conn.commitTransaction();
        assertThat(committedRows()).isEqualTo(1);
    }

    @Test
    void aCommitSendsThemFirstAndARollbackDropsThem() {
        conn.deferWrites(true);
        conn.startTransaction();
        conn.executeLater(insert(), new Object[] {1}, e -> e);
        conn.commitTransaction();
        assertThat(committedRows()).isEqualTo(1);

        conn.startTransaction();
        conn.executeLater(insert(), new Object[] {2}, e -> e);
        conn.cancelTransaction();
        assertThat(rows()).as("never sent").isEqualTo(1);
    }

    @Test
    void aHeldWriteFailsWhereItIsSentWithItsOwnErrorAndTheTransactionStaysOpen() {
        conn.deferWrites(true);
        conn.startTransaction();
        conn.executeLater(insert(), new Object[] {1}, e -> e);
        conn.executeLater(insert(), new Object[] {1}, DeferredWritesIT::named);
        assertThatThrownBy(() -> conn.queryValue("SELECT 1", Long.class)).isInstanceOf(DovetailException.class)
                .hasMessageStartingWith("t: ").hasCauseInstanceOf(DuplicateException.class);
        assertThat(conn.inTransaction()).isTrue();
        assertThat(rows()).as("the write before the failing one took effect").isEqualTo(1);
        conn.cancelTransaction();
        assertThat(committedRows()).isZero();
    }

    @Test
    void aGroupTakesThemAsItsFirstSteps() {
        conn.deferWrites(true);
        conn.startTransaction();
        conn.executeLater(insert(), new Object[] {1}, e -> e);
        conn.executeLater(insert(), new Object[] {1}, DeferredWritesIT::named);
        StatementGroup group = conn.group().executeDeferred().commit();
        assertThat(group.size()).isEqualTo(3);
        assertThatThrownBy(group::run).hasMessageStartingWith("t: ");
        assertThat(group.completed()).isEqualTo(1);
        assertThat(conn.inTransaction()).isTrue();
        conn.cancelTransaction();
        assertThat(conn.group().executeDeferred().size()).as("handed over to the group: held no longer").isZero();
    }

    @Test
    void pastSixteenStatementsWhatIsHeldIsSent() {
        conn.deferWrites(true);
        conn.startTransaction();
        for (int i = 1; i <= 17; i++) {
            conn.executeLater(insert(), new Object[] {i}, e -> e);
        }
        StatementGroup rest = conn.group().executeDeferred();
        assertThat(rest.size()).as("16 sent when the 17th came").isEqualTo(1);
        rest.run();
        assertThat(rows()).isEqualTo(17);
        conn.cancelTransaction();
    }
}
