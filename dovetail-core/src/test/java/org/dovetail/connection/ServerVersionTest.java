package org.dovetail.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.dovetail.connection.ServerVersion.Flavor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ServerVersionTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "null", value = {
            "8.0.34-0ubuntu0.22.04.1,  MySQL Community Server - GPL (Ubuntu), MYSQL,   8, 0, 34",
            "5.7.44-log,               MySQL Community Server (GPL),          MYSQL,   5, 7, 44",
            "8.0.35-debug,             null,                                  MYSQL,   8, 0, 35",
            "8.4.3,                    MySQL Community Server - GPL,          MYSQL,   8, 4, 3",
            "10.11.5-MariaDB,          MariaDB Server,                        MARIADB, 10, 11, 5",
            "11.4.2-MariaDB-ubu2404,   mariadb.org binary distribution,       MARIADB, 11, 4, 2",
            "10.6.12-MariaDB-0ubuntu0.22.04.1-log, Ubuntu 22.04,              MARIADB, 10, 6, 12",
            "5.5.5-10.6.12-MariaDB,    null,                                  MARIADB, 10, 6, 12",
            "10.3.39-MariaDB-0+deb10u1, Debian 10,                            MARIADB, 10, 3, 39",
            "5.7,                      null,                                  MYSQL,   5, 7, 0",
            "10.4.32,                  MariaDB Server,                        MARIADB, 10, 4, 32",
    })
    void parsesRealWorldVersionStrings(String text, String comment, Flavor flavor, int major, int minor, int patch) {
        ServerVersion v = ServerVersion.parse(text, comment);
        assertThat(v.flavor()).isEqualTo(flavor);
        assertThat(v.major()).isEqualTo(major);
        assertThat(v.minor()).isEqualTo(minor);
        assertThat(v.patch()).isEqualTo(patch);
        assertThat(v.text()).isEqualTo(text);
    }

    @Test
    void comparesVersions() {
        ServerVersion v = ServerVersion.parse("8.0.13", null);
        assertThat(v.atLeast(8, 0, 13)).isTrue();
        assertThat(v.atLeast(8, 0, 14)).isFalse();
        assertThat(v.atLeast(5, 7, 99)).isTrue();
        assertThat(v.atLeast(8, 1, 0)).isFalse();
        assertThat(v.describe()).isEqualTo("MySQL 8.0.13");
        assertThat(ServerVersion.parse("10.11.5-MariaDB", null).describe()).isEqualTo("MariaDB 10.11.5");
    }

    @Test
    void rejectsStringsWithoutANumericVersion() {
        assertThatThrownBy(() -> ServerVersion.parse("MariaDB", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"MariaDB\"");
        assertThatThrownBy(() -> ServerVersion.parse(null, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
