package org.dovetail.testkit;

import java.net.URI;
import java.security.SecureRandom;

/** How to reach the test database server: the embedded one or an external one. */
record DatabaseServer(String host, int port, String user, String password) {

    /**
     * An external server from {@code DOVETAIL_TEST_DB_URL}: {@code jdbc:mariadb://host:port/},
     * {@code jdbc:mysql://host:port/}, {@code mysql://host:port} or {@code host[:port]}.
     */
    static DatabaseServer external(String url, String user, String password) {
        String text = url.strip();
        if (text.startsWith("jdbc:")) {
            text = text.substring("jdbc:".length());
        }
        if (!text.contains("://")) {
            text = "mysql://" + text;
        }
        URI uri = URI.create(text);
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(TestServers.URL_VARIABLE + " must name a host, e.g. jdbc:mysql://db.example.org:3306/, got " + url);
        }
        return new DatabaseServer(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 3306, user, password);
    }

    TestDatabase forClass(Class<?> testClass) {
        String prefix = uniquePrefix();
        TestSchemaPrefixes.register(prefix);
        return new TestDatabase(this, prefix);
    }

    private static String uniquePrefix() {
        SecureRandom random = new SecureRandom();
        return "t" + Long.toHexString(random.nextLong() & 0xffffffffffL | 0x10000000000L).substring(1) + "_";
    }
}
