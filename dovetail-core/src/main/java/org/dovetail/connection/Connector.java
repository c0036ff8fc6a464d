package org.dovetail.connection;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.dovetail.ConnectionException;
import org.dovetail.config.Config;
import org.dovetail.config.Tls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens raw JDBC connections, from the configuration (with DataJoint's TLS rules) or from a DataSource. */
interface Connector {
    java.sql.Connection open() throws SQLException;

    /** Where the connection goes, for messages: {@code user@host:port}. */
    String describe();

    static Connector of(DataSource dataSource) {
        return new Connector() {
            @Override
            public java.sql.Connection open() throws SQLException {
                return dataSource.getConnection();
            }

            @Override
            public String describe() {
                return "the supplied DataSource";
            }
        };
    }

    static Connector of(Config config) {
        return new DriverConnector(config);
    }

    /** MariaDB Connector/J with {@code database.use_tls} mapped to {@code sslMode}. */
    final class DriverConnector implements Connector {
        private static final Logger LOG = LoggerFactory.getLogger(DriverConnector.class);
        private final Config config;

        DriverConnector(Config config) {
            this.config = config;
        }

        @Override
        public String describe() {
            return config.user().orElse("") + "@" + config.host() + ":" + config.port();
        }

        @Override
        public java.sql.Connection open() throws SQLException {
            String url = "jdbc:mariadb://" + config.host() + ":" + config.port() + "/";
            Tls tls = config.tls();
            if (tls.mode() != Tls.Mode.PREFERRED) {
                return DriverManager.getConnection(url, properties(tls));
            }
            try {
                return DriverManager.getConnection(url, properties(Tls.REQUIRED));
            } catch (SQLException withTls) {
                if (withTls.getErrorCode() == 1045) {
                    throw withTls; // wrong credentials: a plain connection would be refused too
                }
                LOG.debug("TLS connection to {} failed ({}); connecting without TLS", describe(), withTls.getMessage());
                return DriverManager.getConnection(url, properties(Tls.DISABLED));
            }
        }

        Properties properties(Tls tls) {
            Properties p = new Properties();
            p.setProperty("user", config.user().orElseThrow(() -> new ConnectionException(
                    "No database user configured: set database.user in " + config.source() + ", DJ_USER, or --user")));
            p.setProperty("password", config.password().orElse(""));
            p.setProperty("connectTimeout", "10000");
            // MySQL 8's caching_sha2_password over a plain connection needs the server's RSA key, as pymysql fetches it.
            p.setProperty("allowPublicKeyRetrieval", "true");
            switch (tls.mode()) {
                case DISABLED -> p.setProperty("sslMode", "disable");
                case REQUIRED, PREFERRED -> {
                    Map<String, String> options = tls.options();
                    String ca = options.get("ca");
                    boolean checkHostname = Boolean.parseBoolean(options.getOrDefault("check_hostname", "false"));
                    p.setProperty("sslMode", ca == null ? "trust" : checkHostname ? "verify-full" : "verify-ca");
                    if (ca != null) {
                        p.setProperty("serverSslCert", ca);
                    }
                    options.forEach((k, v) -> {
                        if (!k.equals("ca") && !k.equals("check_hostname")) {
                            p.setProperty(driverOption(k), v);
                        }
                    });
                }
            }
            return p;
        }

        /** {@code key_store} style names map to the driver's {@code keyStore} style. */
        private static String driverOption(String key) {
            StringBuilder sb = new StringBuilder();
            boolean upper = false;
            for (char c : key.toCharArray()) {
                if (c == '_') {
                    upper = true;
                } else {
                    sb.append(upper ? Character.toUpperCase(c) : c);
                    upper = false;
                }
            }
            return sb.toString();
        }
    }
}
