package org.dovetail.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading SHOW GRANTS lines of MariaDB and MySQL 8, and what a declaration needs of them. */
class GrantsTest {
    private static final Grants GRANTS = Grants.parse(List.of(
            "GRANT `dj_user` TO `alice`@`%`",
            "GRANT USAGE ON *.* TO `alice`@`%` IDENTIFIED BY PASSWORD '*D821809F681A40A6E379B50D0463EFAE20BDD122'",
            "GRANT SELECT, INSERT, UPDATE, DELETE, ALTER, DROP, INDEX, REFERENCES, LOCK TABLES ON `common\\_%`.* TO `dj_user`",
            "GRANT ALL PRIVILEGES ON `alice\\_%`.* TO `alice`@`%`",
            "GRANT SELECT (`a`, `b`), REFERENCES ON `lab`.`#subject` TO `alice`@`%`",
            "GRANT PROXY ON ''@'%' TO 'alice'@'%'",
            "GRANT SELECT ON `lab_`.* TO `alice`@`%` WITH GRANT OPTION"));

    @Test
    void databaseGrantsArePatterns() {
        assertThat(GRANTS.has("CREATE", "alice_scratch", null)).isTrue();
        assertThat(GRANTS.has("create", "alice_scratch", null)).isTrue();
        assertThat(GRANTS.has("CREATE", "alicexscratch", null)).isFalse();
        assertThat(GRANTS.has("CREATE", "common_session", null)).isFalse();
        assertThat(GRANTS.has("REFERENCES", "common_session", "session")).isTrue();
        assertThat(GRANTS.has("SELECT", "lab1", null)).isTrue();
        assertThat(GRANTS.has("SELECT", "lab12", null)).isFalse();
        assertThat(Grants.matchesPattern("a_b", "a\\_b")).isTrue();
        assertThat(Grants.matchesPattern("axb", "a\\_b")).isFalse();
        assertThat(Grants.matchesPattern("a.b", "a_b")).isTrue();
        assertThat(Grants.matchesPattern("a.b", "a%")).isTrue();
    }

    @Test
    void tableGrantsAndColumnLists() {
        assertThat(GRANTS.has("REFERENCES", "lab", "#subject")).isTrue();
        assertThat(GRANTS.has("REFERENCES", "lab", "#user")).isFalse();
        assertThat(GRANTS.has("SELECT", "lab", "#subject")).isTrue();
    }

    @Test
    void aDeclarationNeedsCreateAndReferencesOnEveryParent() {
        assertThat(GRANTS.missingToDeclare("alice_ephys", List.of("`common_session`.`session`", "`lab`.`#subject`"))).isEmpty();
        assertThat(GRANTS.missingToDeclare("common_ephys", List.of("`common_session`.`session`", "`lab`.`#user`", "`lab`.`#user`",
                "`other`.`t`"))).containsExactly("CREATE on schema `common_ephys`", "REFERENCES on `lab`.`#user`",
                "REFERENCES on `other`.`t`");
        assertThat(Grants.parse(List.of("GRANT ALL PRIVILEGES ON *.* TO `root`@`localhost` WITH GRANT OPTION"))
                .missingToDeclare("anything", List.of("`x`.`y`"))).isEmpty();
    }
}
