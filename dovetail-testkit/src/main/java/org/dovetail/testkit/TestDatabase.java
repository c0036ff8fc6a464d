package org.dovetail.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The database server of a test class, with a schema-name prefix of its own.
 *
 * <p>Every schema whose name starts with {@link #schemaPrefix()} is dropped when the test class
 * finishes, so name the schemas a test creates with {@link #schema(String)}. While the class runs,
 * the prefix is registered as a test prefix (system property {@code dovetail.test.schema-prefixes}),
 * so Dovetail declares tables in these schemas without Spyglass's schema-prefix warning, as in
 * {@code test_} schemas.
 */
public final class TestDatabase implements AutoCloseable {
    private final DatabaseServer server;
    private final String prefix;

    TestDatabase(DatabaseServer server, String prefix) {
        this.server = server;
        this.prefix = prefix;
    }

    public String host() {
        return server.host();
    }

    public int port() {
        return server.port();
    }

    /** An account with every privilege, including CREATE USER and GRANT OPTION. */
    public String user() {
        return server.user();
    }

    public String password() {
        return server.password();
    }

    /** {@code jdbc:mariadb://host:port/} */
    public String jdbcUrl() {
        return "jdbc:mariadb://" + host() + ":" + port() + "/";
    }

    /** The prefix of this class's schemas, e.g. {@code t3fa9c2b1a_}. */
    public String schemaPrefix() {
        return prefix;
    }

    /** A schema name unique to this test class: {@code prefix + name}. */
    public String schema(String name) {
        return prefix + name;
    }

    /** A new JDBC connection as {@link #user()}; the caller closes it. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user(), password());
    }

    /**
     * Creates the schema {@code schema(name)} and runs a SQL script in it, e.g. a
     * {@code mysqldump} without {@code --databases} (statements separated by {@code ;}, run as one
     * multi-statement batch, so strings may hold semicolons and newlines).
     *
     * @return the schema's full name
     */
    public String loadScript(String name, String script) throws SQLException {
        String schema = schema(name);
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE `" + schema.replace("`", "``") + "`");
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl() + schema + "?allowMultiQueries=true", user(), password());
             Statement s = c.createStatement()) {
            s.execute(script);
        }
        return schema;
    }

    /** Drops every schema with this class's prefix, and unregisters the prefix. */
    @Override
    public void close() throws SQLException {
        TestSchemaPrefixes.unregister(prefix);
        try (Connection c = connect(); Statement s = c.createStatement()) {
            List<String> schemas = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT schema_name FROM information_schema.schemata")) {
                while (rs.next()) {
                    if (rs.getString(1).startsWith(prefix)) {
                        schemas.add(rs.getString(1));
                    }
                }
            }
            s.execute("SET FOREIGN_KEY_CHECKS = 0");
            for (String schema : schemas) {
                s.execute("DROP DATABASE `" + schema.replace("`", "``") + "`");
            }
        }
    }

    @Override
    public String toString() {
        return "TestDatabase[" + host() + ":" + port() + ", prefix " + prefix + "]";
    }
}
