package org.dovetail.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.dovetail.Dovetail;
import org.dovetail.MissingPrivilegeException;
import org.dovetail.TestConfigs;
import org.dovetail.config.Config;
import org.dovetail.testkit.DovetailTest;
import org.dovetail.testkit.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Declarations by an ordinary account: missing privileges are named before anything is sent
 * (user-pains #5), and the Spyglass schema-prefix rule.
 */
@DovetailTest
class SafetyIT {
    private static TestDatabase db;
    private static String user;
    private static String shared;
    private static String own;
    /** Schemas outside the test kit's prefix, where the prefix rule applies as on a lab's server; dropped here. */
    private static String usersLab;
    private static String elsewhere;

    @BeforeAll
    static void setUp(TestDatabase database) throws SQLException {
        db = database;
        // not under the kit's prefix, which counts as a test prefix and would hide the rule
        user = "u" + db.schemaPrefix() + "user";
        usersLab = user + "_lab";
        elsewhere = "u" + db.schemaPrefix() + "elsewhere";
        shared = db.schema("shared");
        own = db.schema("own");
        try (Dovetail admin = Dovetail.connect(config(db.user(), db.password()))) {
            admin.createSchema(shared).declare(Tier.LOOKUP, "Subject", "subject_id : int");
            admin.createSchema(own);
        }
        try (var c = db.connect(); var s = c.createStatement()) {
            s.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY 'pw'");
            s.execute("CREATE ROLE '" + user + "_role'");
            s.execute("GRANT SELECT, INSERT ON `" + escape(shared) + "`.* TO '" + user + "'@'%'");
            // CREATE through a role, as labs grant it
            s.execute("GRANT ALL PRIVILEGES ON `" + escape(own) + "`.* TO '" + user + "_role'");
            s.execute("GRANT '" + user + "_role' TO '" + user + "'@'%'");
            s.execute("SET DEFAULT ROLE '" + user + "_role' FOR '" + user + "'@'%'");
        }
    }

    @AfterAll
    static void dropUser() throws SQLException {
        try (var c = db.connect(); var s = c.createStatement()) {
            s.execute("DROP USER '" + user + "'@'%'");
            s.execute("DROP ROLE '" + user + "_role'");
            s.execute("DROP DATABASE IF EXISTS `" + usersLab + "`");
            s.execute("DROP DATABASE IF EXISTS `" + elsewhere + "`");
        }
    }

    private static Config config(String name, String password) {
        return TestConfigs.builder(db).user(name).password(password).build();
    }

    private static String escape(String schema) {
        return schema.replace("_", "\\_");
    }

    @Test
    void aMissingCreateIsNamedAndNothingIsSent() {
        try (Dovetail conn = Dovetail.connect(config(user, "pw"))) {
            Schema schema = conn.schema(shared);
            MissingPrivilegeException e = catchThrowableOfType(MissingPrivilegeException.class,
                    () -> schema.declare(Tier.MANUAL, "Session", "-> Subject\nsession : int"));
            assertThat(e.missing()).containsExactly("CREATE on schema `" + shared + "`",
                    "REFERENCES on `" + shared + "`.`#subject`");
            assertThat(e.getMessage()).startsWith("Cannot declare `" + shared + "`.`session`: the account lacks CREATE on schema");
            assertThat(schema.find("Session")).isEmpty();
        }
    }

    @Test
    void createThroughARoleIsRecognised() {
        try (Dovetail conn = Dovetail.connect(config(user, "pw"))) {
            Schema schema = conn.schema(own).withAlias("shared", shared);
            Grants grants = Grants.ofCurrentUser(conn.connection()).orElseThrow();
            assertThat(grants.missingToDeclare(own, java.util.List.of(schema.fullName("x"))).isEmpty()).isTrue();
            assertThat(grants.missingToDeclare(own, java.util.List.of("`" + shared + "`.`#subject`")))
                    .containsExactly("REFERENCES on `" + shared + "`.`#subject`");
            // MariaDB does not enforce REFERENCES: declared, with a warning (captured here, so CI logs show no warning by design;
            // slf4j-simple looks System.err up at each line)
            PrintStream stderr = System.err;
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                schema.declare(Tier.MANUAL, "Session", "-> shared.Subject\nsession : int");
            } finally {
                System.setErr(stderr);
            }
            assertThat(schema.find("Session")).isPresent();
            assertThat(captured.toString(StandardCharsets.UTF_8)).contains("WARN").contains("is declared without REFERENCES on `"
                    + shared + "`.`#subject`, which MySQL 8 would require");
        }
    }

    @Test
    void thePrefixWarningComparesTheWholeUserName() {
        // the user is "u<prefix>user": Spyglass's first-token comparison would warn about "u<prefix>user_lab"
        try (Dovetail admin = Dovetail.connect(config(db.user(), db.password()))) {
            admin.createSchema(usersLab);
            admin.createSchema(elsewhere);
            admin.connection().execute("GRANT ALL PRIVILEGES ON `" + escape(usersLab) + "`.* TO '" + user + "'@'%'");
            admin.connection().execute("GRANT SELECT ON `" + escape(elsewhere) + "`.* TO '" + user + "'@'%'");
        }
        try (Dovetail conn = Dovetail.connect(config(user, "pw"))) {
            assertThat(conn.schema(usersLab).prefixWarning()).isEmpty();
            assertThat(conn.schema(elsewhere).prefixWarning()).hasValueSatisfying(w -> assertThat(w)
                    .startsWith("Schema prefix not in shared modules: " + elsewhere));
            assertThat(conn.schema(own).prefixWarning()).as("a test schema of the kit").isEmpty();
        }
    }
}
