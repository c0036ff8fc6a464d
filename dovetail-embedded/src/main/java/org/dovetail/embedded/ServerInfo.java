package org.dovetail.embedded;

import java.nio.file.Path;

/**
 * A running embedded server: where to reach it and how to log in as its administrator.
 *
 * @param pid        process id of {@code mariadbd}
 * @param host       always {@code 127.0.0.1}: the server listens on the loopback interface only
 * @param port       TCP port
 * @param dataDir    the data directory
 * @param user       administrator account ({@code root})
 * @param password   the administrator password kept in the state directory (mode 600)
 * @param startedNow true when this call started the server, false when it was already running
 */
public record ServerInfo(long pid, String host, int port, Path dataDir, String user, String password, boolean startedNow) {

    /** JDBC URL of the server without a default database. */
    public String jdbcUrl() {
        return "jdbc:mariadb://" + host + ":" + port + "/";
    }

    @Override
    public String toString() {
        // Never print the password.
        return "ServerInfo[pid=" + pid + ", " + host + ":" + port + ", dataDir=" + dataDir + "]";
    }
}
