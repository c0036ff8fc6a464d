package org.dovetail.embedded;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * First-start hardening of a new data directory: the install leaves {@code root} without a
 * password; this sets one on every root account and removes anonymous accounts.
 */
final class Administrator {
    private final int port;

    Administrator(int port) {
        this.port = port;
    }

    /** Sets {@code password} for every root account and returns it. */
    String secureRoot(String password) {
        String url = "jdbc:mariadb://127.0.0.1:" + port + "/";
        try (Connection c = DriverManager.getConnection(url, "root", "")) {
            List<String> hosts = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT host FROM mysql.user WHERE user = 'root'")) {
                while (rs.next()) {
                    hosts.add(rs.getString(1));
                }
            }
            try (Statement s = c.createStatement()) {
                for (String host : hosts) {
                    // The password is generated from [A-Za-z0-9]; the host comes from the server.
                    s.execute("ALTER USER 'root'@'" + host.replace("'", "''") + "' IDENTIFIED BY '" + password + "'");
                }
                s.execute("CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '" + password + "'");
                s.execute("GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION");
            }
            try (PreparedStatement anonymous = c.prepareStatement("SELECT host FROM mysql.user WHERE user = ''");
                 ResultSet rs = anonymous.executeQuery();
                 Statement s = c.createStatement()) {
                List<String> anonymousHosts = new ArrayList<>();
                while (rs.next()) {
                    anonymousHosts.add(rs.getString(1));
                }
                for (String host : anonymousHosts) {
                    s.execute("DROP USER ''@'" + host.replace("'", "''") + "'");
                }
            }
            return password;
        } catch (SQLException e) {
            throw new EmbeddedServerException("Could not set the administrator password of the new server on port "
                    + port + ": " + e.getMessage(), e);
        }
    }
}
