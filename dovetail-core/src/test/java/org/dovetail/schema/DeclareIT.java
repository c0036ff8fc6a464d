package org.dovetail.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import org.dovetail.DefinitionConflictException;
import org.dovetail.Dovetail;
import org.dovetail.InvalidDefinitionException;
import org.dovetail.TestConfigs;
import org.dovetail.TransactionException;
import org.dovetail.config.Config;
import org.dovetail.heading.Attribute;
import org.dovetail.heading.Heading;
import org.dovetail.heading.Index;
import org.dovetail.testkit.DovetailTest;
import org.dovetail.testkit.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Declaration through {@link Schema} against the real database: checklist section A of test-schemas.md. */
@DovetailTest
class DeclareIT {
    private static TestDatabase db;
    private static Dovetail connection;
    private static Schema test1;

    @BeforeAll
    static void declareTest1(TestDatabase database) {
        db = database;
        connection = Dovetail.connect(config().build());
        test1 = connection.createSchema(db.schema("test1"));
        // schema_any's tables (upstream/schema_any.yaml) through the Java API; User with a repeated row
        test1.declare(Upstream.schemaAny("User").withContents(List.of(List.of("Jake"), List.of("Cathryn"), List.of("Jake"))));
        Upstream.declareSchemaAny(test1, "Subject", "Experiment", "Trial", "Ephys", "Auto");
        // IndexRich with a table comment, which upstream's has not, so that describe() prints one
        test1.declare(Tier.MANUAL, "IndexRich", """
                # table used for testing indexes
                -> Subject
                ---
                -> [unique, nullable] User.proj(first="username")
                first_date : date
                value : int
                index (first_date, value)
                """);
        Upstream.declareSchemaAny(test1, "ThingA", "ThingB", "ThingC");
    }

    private static Config.Builder config() {
        return TestConfigs.builder(db);
    }

    @AfterAll
    static void close() {
        connection.close();
    }

    @Test
    void experimentHasDataJointsColumnsKeysAndComment() {
        String ddl = showCreateTable(test1, "_experiment");
        assertThat(ddl).contains("`subject_id` int(11) NOT NULL COMMENT 'unique subject id'",
                "`experiment_id` smallint(6) NOT NULL COMMENT 'experiment number for this subject'",
                "`username` varchar(12) DEFAULT NULL,", "`data_path` varchar(255) NOT NULL DEFAULT ''",
                "`entry_time` timestamp NOT NULL DEFAULT current_timestamp() COMMENT 'automatic timestamp'",
                "PRIMARY KEY (`subject_id`,`experiment_id`)",
                "FOREIGN KEY (`subject_id`) REFERENCES `#subject` (`subject_id`) ON UPDATE CASCADE",
                "FOREIGN KEY (`username`) REFERENCES `#user` (`username`) ON UPDATE CASCADE",
                "COMMENT='information about experiments'");
        assertThat(test1.describe("Experiment")).isEqualTo("""
                # information about experiments
                -> Subject
                experiment_id        : smallint                     # experiment number for this subject
                ---
                experiment_date      : date                         # date when experiment was started
                -> [nullable] User
                data_path=""         : varchar(255)                 # file path to recorded data
                notes=""             : varchar(2048)                # e.g. purpose of experiment
                entry_time=CURRENT_TIMESTAMP : timestamp                    # automatic timestamp
                """);
    }

    @Test
    void headingsOfRenamedForeignKeysAndParts() {
        Heading trial = test1.heading("Trial");
        assertThat(trial.names()).containsExactly("animal", "experiment_id", "trial_id", "start_time");
        assertThat(trial.primaryKey()).containsExactly("animal", "experiment_id", "trial_id");
        assertThat(trial.parents().get(0).attrMap()).containsExactly(Map.entry("animal", "subject_id"),
                Map.entry("experiment_id", "experiment_id"));
        Heading channel = test1.heading("Ephys.Channel");
        assertThat(channel.tableName()).isEqualTo("_ephys__channel");
        assertThat(channel.names()).containsExactly("animal", "experiment_id", "trial_id", "channel", "voltage", "current");
        assertThat(channel.primaryKey()).containsExactly("animal", "experiment_id", "trial_id", "channel");
        assertThat(channel.attribute("voltage").isBlob()).isTrue();
        assertThat(channel.attribute("current").nullable()).isTrue();
        assertThat(channel.attribute("current").defaultValue()).isEqualTo("null");
        assertThat(test1.heading("Auto").attribute("id").autoincrement()).isTrue();
        assertThat(test1.describe("Trial.Condition")).startsWith("# trial conditions\n-> Trial\ncond_idx ");
        assertThat(test1.describe("Trial")).contains("-> Experiment.proj(animal=\"subject_id\")\n");
    }

    @Test
    void nullableUniqueForeignKeysAndIndexes() {
        Heading indexRich = test1.heading("IndexRich");
        assertThat(indexRich.indexes()).containsExactlyInAnyOrder(new Index(List.of("first"), true, true),
                new Index(List.of("first_date", "value"), false, false));
        assertThat(indexRich.attribute("first").nullable()).isTrue();
        assertThat(test1.describe("IndexRich")).isEqualTo("# table used for testing indexes\n-> Subject\n---\n"
                + "-> [unique, nullable] User.proj(first=\"username\")\n"
                + "first_date           : date" + " ".repeat(25) + "\n"
                + "value                : int" + " ".repeat(26) + "\n"
                + "INDEX (first_date, value)\n");
        assertThat(test1.describe("ThingC")).isEqualTo("-> ThingA\n---\n-> [unique, nullable] ThingB\n");
        assertThat(test1.describe("Subject")).endsWith("UNIQUE INDEX (real_id, species)\n");
    }

    @Test
    void lookupContentsAreInsertedWithoutDuplicates() {
        assertThat(connection.connection().query("SELECT username FROM " + test1.fullName("#user") + " ORDER BY username", r -> r.getString(1)))
                .containsExactly("Cathryn", "Jake");
    }

    @Test
    void specialTypesAreEncodedAndDecoded() {
        Schema schema = Dovetail.connect(config().filepathManagement(true).adaptedTypes(true).build()).createSchema(db.schema("extern")).withAdapter("graph", "longblob");
        schema.declare(Tier.MANUAL, "Special", """
                id : int
                ---
                uu=null:uuid # a uuid
                eb=null:blob@local # external
                at=null:attach
                ea=null:attach@local
                fp=null:filepath@repo
                ad=null:<graph>
                js=null:json
                """);
        Heading h = schema.heading("Special");
        assertThat(h.attributes()).extracting(Attribute::type)
                .containsExactly("int", "uuid", "blob@local", "attach", "attach@local", "filepath@repo", "<graph>", "json");
        assertThat(h.attribute("uu").uuid()).isTrue();
        assertThat(h.attribute("uu").comment()).isEqualTo("a uuid");
        assertThat(h.attribute("eb").isBlob() && h.attribute("eb").isExternal()).isTrue();
        assertThat(h.attribute("eb").store()).isEqualTo("local");
        assertThat(h.attribute("at").isAttachment() && !h.attribute("at").isExternal()).isTrue();
        assertThat(h.attribute("ea").isAttachment() && h.attribute("ea").isExternal()).isTrue();
        assertThat(h.attribute("fp").isFilepath()).isTrue();
        assertThat(h.attribute("fp").store()).isEqualTo("repo");
        assertThat(h.attribute("ad").adapter()).isEqualTo("graph");
        assertThat(h.attribute("js").json()).isTrue();
        assertThat(schema.tables()).extracting(TableInfo::className).containsExactly("Special");
        assertThat(Schema.tableNames(schema.connection(), schema.name())).contains("~external_local", "~external_repo", "~log");
        assertThat(showCreateTable(schema, "special")).contains(
                "`uu` binary(16) DEFAULT NULL COMMENT ':uuid:a uuid'",
                "`at` longblob DEFAULT NULL COMMENT ':attach:'",
                "`ad` longblob DEFAULT NULL COMMENT ':<graph>:'",
                "FOREIGN KEY (`fp`) REFERENCES `~external_repo` (`hash`)");
        schema.connection().close();
    }

    @Test
    void defaultsReadBackAsDataJointShowsThem() {
        Schema schema = connection.createSchema(db.schema("defaults"));
        schema.declare(Tier.MANUAL, "Defaults", """
                id : int
                ---
                ti=1:tinyint
                en='a':enum('a', 'b')
                vc="x y":varchar(64) # has "quotes"
                dt=CURRENT_TIMESTAMP:datetime(3)
                fl=null:float
                de=1.5:decimal(3,2)
                """);
        Heading h = schema.heading("Defaults");
        assertThat(h.attributes()).extracting(Attribute::defaultValue)
                .containsExactly(null, "1", "\"a\"", "\"x y\"", "CURRENT_TIMESTAMP(3)", "null", "1.50");
        assertThat(h.attribute("vc").comment()).isEqualTo("has \"quotes\"");
    }

    @Test
    void anExistingTableWithAnotherDefinitionIsAConflict() {
        DefinitionConflictException e = catchThrowableOfType(DefinitionConflictException.class,
                () -> test1.declare(Tier.LOOKUP, "Subject", """
                        # Basic information about animal subjects used in experiments
                        subject_id   :int  #  unique subject id
                        ---
                        real_id            :varchar(50)  # real-world name. Omit if the same as subject_id
                        species = "mouse"  :enum('mouse', 'monkey', 'human')
                        date_of_birth      :date
                        subject_notes      :varchar(4000)
                        """));
        assertThat(e.table()).isEqualTo(test1.fullName("#subject"));
        assertThat(e.differences()).containsExactly(
                "attribute `real_id`: varchar(40) not null comment \"real-world name. Omit if the same as subject_id\" in the database,"
                        + " varchar(50) not null comment \"real-world name. Omit if the same as subject_id\" in the definition",
                "indexes: [unique index (real_id,species)] in the database, [] in the definition");
        assertThat(test1.heading("Subject").attribute("real_id").type()).isEqualTo("varchar(40)");
    }

    @Test
    void aFailedDeclarationLeavesNothingBehind() {
        Schema schema = Dovetail.connect(config().filepathManagement(true).build()).createSchema(db.schema("atomic"));
        TableDefinition broken = TableDefinition.of(Tier.MANUAL, "Recording", "rec_id : int\n---\ndata : blob@store")
                .withPart("Channel", "-> master\nchannel : int\n---\nwave : longblob")
                .withPart("Broken", "-> master\nx : int\n---\n-> Nowhere");
        InvalidDefinitionException e = catchThrowableOfType(InvalidDefinitionException.class, () -> schema.declare(broken));
        assertThat(e.table()).isEqualTo(schema.fullName("recording__broken"));
        assertThat(e.lineNumber()).isEqualTo(4);
        assertThat(Schema.tableNames(schema.connection(), schema.name())).containsExactly("~log");
        assertThat(schema.connection().query("SELECT event FROM " + schema.fullName("~log"), r -> r.getString(1)))
                .containsExactly("created");
        schema.connection().close();
    }

    @Test
    void declarationErrorsAtTheSchemaLevel() {
        assertThatThrownBy(() -> test1.declare(Tier.MANUAL, "Table_With_Underscores", "id : int"))
                .isInstanceOf(InvalidDefinitionException.class).hasMessageContaining("must be alphanumeric in CamelCase");
        assertThatThrownBy(() -> test1.declare(TableDefinition.of(Tier.MANUAL, "WhyWouldAnyoneCreateATableNameThisLong", "id : int")
                        .withPart("WithSuchALongPartNameThatItCrashesMySQL", "-> master")))
                .isInstanceOf(InvalidDefinitionException.class).hasMessageContaining("exceeds the max length of 64");
        assertThat(test1.find("WhyWouldAnyoneCreateATableNameThisLong")).isEmpty();
        connection.connection().startTransaction();
        try {
            assertThatThrownBy(() -> test1.declare(Tier.MANUAL, "InTransaction", "id : int"))
                    .isInstanceOf(TransactionException.class).hasMessageContaining("inside a transaction");
        } finally {
            connection.connection().cancelTransaction();
        }
    }

    @Test
    void referencesIntoAnotherSchema() {
        Schema other = connection.createSchema(db.schema("other")).withAlias("test1", test1.name());
        other.declare(Tier.MANUAL, "Session", "-> test1.Subject\nsession : int\n---\n-> [nullable] test1.User");
        Heading session = other.heading("Session");
        assertThat(session.parents()).extracting(p -> p.table())
                .containsExactly(test1.fullName("#subject"), test1.fullName("#user"));
        String described = other.describe("Session");
        assertThat(described).startsWith("-> " + test1.fullName("#subject") + "\n");
        Schema third = connection.createSchema(db.schema("third"));
        third.declare(Tier.MANUAL, "Session", described);
        assertThat(showCreateTable(third, "session")).isEqualTo(showCreateTable(other, "session"));
    }

    @Test
    void theHiddenTimestampIsInvisible() {
        Dovetail hidden = Dovetail.connect(config().addHiddenTimestamp(true).build());
        Schema schema = hidden.createSchema(db.schema("hidden"));
        schema.declare(Tier.MANUAL, "Stamped", "id : int\n---\nx : int");
        assertThat(schema.heading("Stamped").names()).containsExactly("id", "x");
        assertThat(showCreateTable(schema, "stamped")).containsPattern("`_[0-9a-f]{40}_timestamp` timestamp NOT NULL DEFAULT current_timestamp\\(\\)");
        schema.declare(Tier.MANUAL, "Stamped", "id : int\n---\nx : int");
        hidden.close();
    }

    @Test
    void openingAMissingSchemaFails() {
        assertThatThrownBy(() -> connection.schema(db.schema("missing")))
                .hasMessageContaining("has not yet been declared");
        assertThat(connection.schemaExists(db.schema("missing"))).isFalse();
    }

    private static String showCreateTable(Schema schema, String table) {
        return schema.connection().query("SHOW CREATE TABLE " + schema.fullName(table), r -> r.getString(2)).get(0);
    }
}
