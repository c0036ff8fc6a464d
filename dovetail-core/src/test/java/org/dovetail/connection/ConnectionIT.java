package org.dovetail.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.dovetail.AccessException;
import org.dovetail.ConnectionException;
import org.dovetail.DuplicateException;
import org.dovetail.IntegrityException;
import org.dovetail.LostConnectionException;
import org.dovetail.MissingAttributeException;
import org.dovetail.MissingTableException;
import org.dovetail.QueryException;
import org.dovetail.QuerySyntaxException;
import org.dovetail.TestConfigs;
import org.dovetail.TransactionException;
import org.dovetail.UnknownAttributeException;
import org.dovetail.config.Config;
import org.dovetail.config.Tls;
import org.dovetail.testkit.DovetailTest;
import org.dovetail.testkit.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mariadb.jdbc.MariaDbDataSource;

@DovetailTest
class ConnectionIT {
    private static TestDatabase db;
    private static String schema;

    @BeforeAll
    static void createSchema(TestDatabase database) throws SQLException {
        db = database;
        schema = db.schema("conn");
        try (var c = db.connect(); var s = c.createStatement()) {
            s.execute("CREATE DATABASE `" + schema + "`");
            s.execute("CREATE TABLE `" + schema + "`.parent (id INT PRIMARY KEY) ENGINE=InnoDB");
            s.execute("CREATE TABLE `" + schema + "`.child (id INT PRIMARY KEY, parent_id INT NOT NULL, note VARCHAR(10) NOT NULL,"
                    + " FOREIGN KEY (parent_id) REFERENCES `" + schema + "`.parent (id) ON UPDATE CASCADE ON DELETE RESTRICT) ENGINE=InnoDB");
            s.execute("CREATE TABLE `" + schema + "`.counter (id INT PRIMARY KEY) ENGINE=InnoDB");
        }
    }

    private static Config.Builder config() {
        return TestConfigs.builder(db);
    }

    private static String table(String name) {
        return "`" + schema + "`.`" + name + "`";
    }

    @Test
    void sessionHasDataJointsSettings() {
        try (Connection conn = Connection.open(config().build())) {
            String mode = conn.queryValue("SELECT @@SESSION.sql_mode", String.class).orElseThrow();
            assertThat(List.of(mode.split(","))).containsExactlyInAnyOrder(Connection.SQL_MODE.split(","));
            assertThat(conn.queryValue("SELECT @@autocommit", Long.class)).contains(1L);
            assertThat(conn.connectionId()).isEqualTo(conn.queryValue("SELECT connection_id()", Long.class).orElseThrow());
            assertThat(conn.serverVersion().isMariaDb() || conn.serverVersion().isMySql()).isTrue();
            assertThat(conn.serverVersion().major()).isGreaterThanOrEqualTo(5);
        }
    }

    @Test
    void theInitFunctionRunsOnEveryConnect() {
        try (Connection conn = Connection.open(config().initFunction("SET @dovetail_init = 42").build())) {
            assertThat(conn.queryValue("SELECT @dovetail_init", Long.class)).contains(42L);
            kill(conn);
            assertThat(conn.queryValue("SELECT @dovetail_init", Long.class)).contains(42L);
        }
    }

    @Test
    void aCommittedTransactionIsVisibleAndACancelledOneIsNot() {
        try (Connection conn = Connection.open(config().build())) {
            conn.startTransaction();
            assertThat(conn.inTransaction()).isTrue();
            conn.execute("INSERT INTO " + table("counter") + " VALUES (?)", 1);
            conn.commitTransaction();
            conn.startTransaction();
            conn.execute("INSERT INTO " + table("counter") + " VALUES (?)", 2);
            conn.cancelTransaction();
            assertThat(conn.inTransaction()).isFalse();
            assertThat(conn.query("SELECT id FROM " + table("counter") + " WHERE id IN (1, 2)", r -> r.getInt(1))).containsExactly(1);
        }
    }

    @Test
    void transactionCallbackRollsBackOnException() {
        try (Connection conn = Connection.open(config().build())) {
            assertThatThrownBy(() -> conn.transaction(() -> {
                conn.execute("INSERT INTO " + table("counter") + " VALUES (?)", 10);
                throw new IllegalStateException("make failed");
            })).isInstanceOf(IllegalStateException.class).hasMessage("make failed");
            assertThat(conn.inTransaction()).isFalse();
            Integer inserted = conn.transaction(() -> conn.execute("INSERT INTO " + table("counter") + " VALUES (?)", 11));
            assertThat(inserted).isOne();
            assertThat(conn.query("SELECT id FROM " + table("counter") + " WHERE id IN (10, 11)", r -> r.getInt(1))).containsExactly(11);
        }
    }

    @Test
    void nestedTransactionsAndStrayCommitsAreErrors() {
        try (Connection conn = Connection.open(config().build())) {
            assertThatThrownBy(conn::commitTransaction).isInstanceOf(TransactionException.class).hasMessageContaining("none is open");
            conn.startTransaction();
            assertThatThrownBy(conn::startTransaction).isInstanceOf(TransactionException.class)
                    .hasMessageStartingWith("Nested connections are not supported.");
            conn.cancelTransaction();
        }
    }

    @Test
    void reconnectsWhenTheServerKillsTheConnectionOutsideATransaction() {
        try (Connection conn = Connection.open(config().build())) {
            long before = conn.connectionId();
            kill(conn);
            assertThat(conn.queryValue("SELECT 1", Long.class)).contains(1L);
            assertThat(conn.connectionId()).isNotEqualTo(before);
            String mode = conn.queryValue("SELECT @@SESSION.sql_mode", String.class).orElseThrow();
            assertThat(mode).contains("STRICT_ALL_TABLES");
        }
    }

    @Test
    void aConnectionKilledInsideATransactionFailsClearlyAndLosesTheTransaction() {
        try (Connection conn = Connection.open(config().build())) {
            conn.startTransaction();
            conn.execute("INSERT INTO " + table("counter") + " VALUES (?)", 20);
            kill(conn);
            assertThatThrownBy(() -> conn.execute("INSERT INTO " + table("counter") + " VALUES (?)", 21))
                    .isInstanceOf(LostConnectionException.class)
                    .hasMessageContaining("lost during a transaction");
            assertThat(conn.inTransaction()).isFalse();
            assertThat(conn.query("SELECT id FROM " + table("counter") + " WHERE id IN (20, 21)", r -> r.getInt(1))).isEmpty();
        }
    }

    @Test
    void withReconnectOffALostConnectionIsAnError() {
        try (Connection conn = Connection.open(config().reconnect(false).build())) {
            kill(conn);
            assertThatThrownBy(() -> conn.queryValue("SELECT 1", Long.class))
                    .isInstanceOf(LostConnectionException.class).hasMessageContaining("database.reconnect is false");
        }
    }

    @Test
    void tlsOffAndPreferredConnectToAServerWithoutTls() {
        try (Connection conn = Connection.open(config().tls(Tls.DISABLED).build())) {
            assertThat(cipher(conn)).isEmpty();
        }
        try (Connection conn = Connection.open(config().tls(Tls.PREFERRED).build())) {
            assertThat(conn.queryValue("SELECT 1", Long.class)).contains(1L);
        }
    }

    @Test
    void requiredTlsAgainstAServerWithoutTlsFailsClearly() throws SQLException {
        try (Connection probe = Connection.open(config().build())) {
            String haveSsl = probe.queryValue("SELECT @@have_ssl", String.class).orElse("DISABLED");
            org.junit.jupiter.api.Assumptions.assumeTrue(!"YES".equals(haveSsl), "this server has TLS configured");
        }
        assertThatThrownBy(() -> Connection.open(config().tls(Tls.REQUIRED).build()))
                .isInstanceOf(ConnectionException.class)
                .hasMessageStartingWith("Cannot connect to " + db.user() + "@" + db.host() + ":" + db.port());
    }

    @Test
    void wrongPasswordAndUnreachableHostAreOneClearLine() {
        assertThatThrownBy(() -> Connection.open(config().password("wrong").build()))
                .isInstanceOf(ConnectionException.class)
                .hasMessageContaining("Access denied for user");
        assertThatThrownBy(() -> Connection.open(config().host("127.0.0.1").port(1).build()))
                .isInstanceOf(ConnectionException.class)
                .hasMessageStartingWith("Cannot connect to " + db.user() + "@127.0.0.1:1");
        assertThatThrownBy(() -> Connection.open(config().user(null).build()))
                .isInstanceOf(ConnectionException.class).hasMessageContaining("No database user configured");
    }

    @Test
    void anEmbeddersDataSourceWorks() throws SQLException {
        MariaDbDataSource ds = new MariaDbDataSource(db.jdbcUrl());
        ds.setUser(db.user());
        ds.setPassword(db.password());
        try (Connection conn = Connection.open(ds, Config.builder().build())) {
            assertThat(conn.queryValue("SELECT @@SESSION.sql_mode", String.class).orElseThrow()).contains("ONLY_FULL_GROUP_BY");
            kill(conn);
            assertThat(conn.queryValue("SELECT 2", Long.class)).contains(2L);
        }
    }

    @Test
    void serverErrorsBecomeDovetailsExceptions() {
        try (Connection conn = Connection.open(config().build())) {
            conn.execute("INSERT INTO " + table("parent") + " VALUES (?)", 1);
            assertThatThrownBy(() -> conn.execute("INSERT INTO " + table("parent") + " VALUES (?)", 1))
                    .isInstanceOf(DuplicateException.class).hasMessageStartingWith("Duplicate entry '1'")
                    .satisfies(e -> assertThat(((QueryException) e).errorCode()).isEqualTo(1062));
            assertThatThrownBy(() -> conn.execute("INSERT INTO " + table("child") + " VALUES (1, 99, 'x')"))
                    .isInstanceOf(IntegrityException.class).hasMessageContaining("foreign key constraint fails");
            conn.execute("INSERT INTO " + table("child") + " VALUES (1, 1, 'x')");
            assertThatThrownBy(() -> conn.execute("DELETE FROM " + table("parent") + " WHERE id = 1"))
                    .isInstanceOf(IntegrityException.class);
            assertThatThrownBy(() -> conn.execute("INSERT INTO " + table("child") + " (id, parent_id) VALUES (2, 1)"))
                    .isInstanceOf(MissingAttributeException.class).hasMessageContaining("note");
            assertThatThrownBy(() -> conn.query("SELECT nope FROM " + table("parent"), r -> 1))
                    .isInstanceOf(UnknownAttributeException.class);
            assertThatThrownBy(() -> conn.query("SELECT * FROM " + table("absent"), r -> 1))
                    .isInstanceOf(MissingTableException.class);
            assertThatThrownBy(() -> conn.query("SELEKT 1", r -> 1))
                    .isInstanceOf(QuerySyntaxException.class)
                    .satisfies(e -> assertThat(((QueryException) e).sql()).isEqualTo("SELEKT 1"));
        }
    }

    @Test
    void missingPrivilegesBecomeAccessErrors() throws SQLException {
        String user = db.schemaPrefix() + "ro";
        try (var c = db.connect(); var s = c.createStatement()) {
            s.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY 'pw-ro-1'");
            s.execute("GRANT SELECT ON `" + schema + "`.* TO '" + user + "'@'%'");
        }
        try (Connection conn = Connection.open(config().user(user).password("pw-ro-1").build())) {
            assertThat(conn.query("SELECT id FROM " + table("parent"), r -> r.getInt(1))).isNotNull();
            assertThatThrownBy(() -> conn.execute("DELETE FROM " + table("counter")))
                    .isInstanceOf(AccessException.class).hasMessageStartingWith("Insufficient privileges.");
        } finally {
            try (var c = db.connect(); var s = c.createStatement()) {
                s.execute("DROP USER '" + user + "'@'%'");
            }
        }
    }

    private static String cipher(Connection conn) {
        return conn.query("SHOW SESSION STATUS LIKE 'Ssl_cipher'", r -> r.getString(2)).get(0);
    }

    /** KILL CONNECTION from another session, as a server restart or a DBA would. */
    private static void kill(Connection conn) {
        try (var admin = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password()); var s = admin.createStatement()) {
            s.execute("KILL CONNECTION " + conn.connectionId());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
