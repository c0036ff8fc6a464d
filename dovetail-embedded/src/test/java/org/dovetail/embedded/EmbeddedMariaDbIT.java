package org.dovetail.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Start, restart with data kept, stop, stale state after a kill, and port conflicts, on the real binaries. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedMariaDbIT {
    private static Path stateDir;
    private static EmbeddedMariaDb db;

    @BeforeAll
    static void setUp() throws IOException {
        Path base = Path.of("target", "it-servers").toAbsolutePath();
        Files.createDirectories(base);
        stateDir = Files.createTempDirectory(base, "embedded-it-");
        db = EmbeddedMariaDb.builder().stateDir(stateDir).preferredPort(0).durable(false).redoLogSize("48M").detached(false).create();
    }

    @AfterAll
    static void tearDown() {
        db.stop();
        MariaDbBinaries.deleteTree(stateDir);
    }

    @Test
    @Order(1)
    void firstStartInstallsAndSecuresRoot() throws Exception {
        ServerInfo info = db.start();
        assertThat(info.startedNow()).isTrue();
        assertThat(Files.exists(stateDir.resolve("data/mysql"))).isTrue();
        assertThat(info.password()).hasSize(24);
        assertThat(Files.getPosixFilePermissions(stateDir.resolve("root-password")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(stateDir.resolve("data")))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        try (Connection c = DriverManager.getConnection(info.jdbcUrl(), info.user(), info.password());
             Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT @@version")).startsWith(MariaDbBinaries.VERSION).contains("MariaDB");
            assertThat(scalar(s, "SELECT @@max_allowed_packet")).isEqualTo(String.valueOf(1L << 30));
            assertThat(scalar(s, "SELECT @@character_set_server")).isEqualTo("utf8mb4");
            assertThat(scalar(s, "SELECT @@skip_grant_tables")).isIn("0", "OFF");
            assertThat(scalar(s, "SELECT COUNT(*) FROM mysql.user WHERE user = ''")).isEqualTo("0");
            s.execute("CREATE DATABASE it_keep");
            s.execute("CREATE TABLE it_keep.t (id INT PRIMARY KEY, v VARCHAR(20)) ENGINE=InnoDB");
            s.execute("INSERT INTO it_keep.t VALUES (1, 'kept')");
        }
        SQLException denied = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                () -> DriverManager.getConnection(info.jdbcUrl(), "root", "").close());
        assertThat(denied.getErrorCode()).isEqualTo(1045);
    }

    @Test
    @Order(2)
    void secondStartReportsTheRunningServer() {
        ServerInfo running = db.status().orElseThrow();
        ServerInfo again = db.start();
        assertThat(again.startedNow()).isFalse();
        assertThat(again.pid()).isEqualTo(running.pid());
        assertThat(again.port()).isEqualTo(running.port());
    }

    @Test
    @Order(3)
    void restartKeepsData() throws Exception {
        assertThat(db.stop()).isTrue();
        assertThat(db.status()).isEmpty();
        assertThat(db.stop()).isFalse();
        ServerInfo info = db.start();
        assertThat(info.startedNow()).isTrue();
        try (Connection c = DriverManager.getConnection(info.jdbcUrl(), info.user(), info.password());
             Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT v FROM it_keep.t WHERE id = 1")).isEqualTo("kept");
        }
    }

    @Test
    @Order(4)
    void aKilledServerDoesNotBlockTheNextStart() throws Exception {
        ServerInfo before = db.status().orElseThrow();
        ProcessHandle process = ProcessHandle.of(before.pid()).orElseThrow();
        process.destroyForcibly();
        process.onExit().get(30, TimeUnit.SECONDS);
        assertThat(db.status()).isEmpty();
        ServerInfo after = db.start();
        assertThat(after.startedNow()).isTrue();
        assertThat(after.pid()).isNotEqualTo(before.pid());
        try (Connection c = DriverManager.getConnection(after.jdbcUrl(), after.user(), after.password());
             Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT v FROM it_keep.t WHERE id = 1")).isEqualTo("kept");
        }
    }

    @Test
    @Order(5)
    void aBusyPreferredPortIsReplacedByAFreeOne() throws Exception {
        db.stop();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            EmbeddedMariaDb onBusyPort = EmbeddedMariaDb.of(db.settings().toBuilder().preferredPort(taken.getLocalPort()).build());
            ServerInfo info = onBusyPort.start();
            assertThat(info.port()).isNotEqualTo(taken.getLocalPort());
            try (Connection c = DriverManager.getConnection(info.jdbcUrl(), info.user(), info.password())) {
                assertThat(c.isValid(5)).isTrue();
            }
        }
    }

    private static String scalar(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
