package org.dovetail.internal.declare;

import static org.assertj.core.api.Assertions.assertThat;

import org.dovetail.TableName;
import org.dovetail.schema.Upstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The exact SQL of the spec's examples (declare-and-heading.md §2–§5). */
class DefinitionCompilerTest {
    private static String create(String fullName, String definition, DeclarationContext context) {
        return DefinitionCompiler.compile(fullName, definition, context).createTableSql(fullName, null);
    }

    @Test
    void experimentIsDeclaredExactlyAsDataJointDeclaresIt() {
        String definition = Upstream.schemaAny("Experiment").definition();
        assertThat(create("`djtest_test1`.`_experiment`", definition, TestContext.test1())).isEqualTo("""
                CREATE TABLE IF NOT EXISTS `djtest_test1`.`_experiment` (
                `subject_id` int NOT NULL COMMENT "unique subject id",
                `experiment_id` smallint NOT NULL COMMENT "experiment number for this subject",
                `experiment_date` date NOT NULL COMMENT "date when experiment was started",
                `username` varchar(12) COMMENT "",
                `data_path` varchar(255) NOT NULL DEFAULT "" COMMENT "file path to recorded data",
                `notes` varchar(2048) NOT NULL DEFAULT "" COMMENT "e.g. purpose of experiment",
                `entry_time` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP COMMENT "automatic timestamp",
                PRIMARY KEY (`subject_id`,`experiment_id`),
                FOREIGN KEY (`subject_id`) REFERENCES `djtest_test1`.`#subject` (`subject_id`) ON UPDATE CASCADE ON DELETE RESTRICT,
                FOREIGN KEY (`username`) REFERENCES `djtest_test1`.`#user` (`username`) ON UPDATE CASCADE ON DELETE RESTRICT
                ) ENGINE=InnoDB, COMMENT "information about experiments\"""");
    }

    @Test
    void nullableUniqueRenamedForeignKeyAndIndex() {
        CompiledTable t = DefinitionCompiler.compile("`djtest_test1`.`index_rich`", """
                # table with indexes
                -> Subject
                ---
                -> [unique, nullable] User.proj(first="username")
                first_date : date
                value : int
                index (first_date, value)
                """, TestContext.test1());
        assertThat(t.attributeSql()).containsExactly(
                "`subject_id` int NOT NULL COMMENT \"unique subject id\"",
                "`first` varchar(12) COMMENT \"\"",
                "`first_date` date NOT NULL",
                "`value` int NOT NULL");
        assertThat(t.foreignKeySql()).containsExactly(
                "FOREIGN KEY (`subject_id`) REFERENCES `djtest_test1`.`#subject` (`subject_id`) ON UPDATE CASCADE ON DELETE RESTRICT",
                "FOREIGN KEY (`first`) REFERENCES `djtest_test1`.`#user` (`username`) ON UPDATE CASCADE ON DELETE RESTRICT");
        assertThat(t.indexSql()).containsExactly("UNIQUE INDEX (`first`)", "index (`first_date`,`value`)");
        assertThat(t.primaryKey()).containsExactly("subject_id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"semi;colon -- x", "q`uote", "b`) ; DROP DATABASE x; #", "two  spaces", "``"})
    void aFullNameReferenceIsReadAsOneQuotedNameWhateverTheSchemaHolds(String schema) {
        String parent = TableName.of(schema, "#subject").quoted();
        TestContext context = TestContext.of().table(parent, parent, "subject_id", "int", "");
        CompiledTable t = DefinitionCompiler.compile("`lab`.`session`", "-> " + parent + "  # the animal\nsession : int", context);
        assertThat(t.foreignKeySql()).containsExactly(
                "FOREIGN KEY (`subject_id`) REFERENCES " + parent + " (`subject_id`) ON UPDATE CASCADE ON DELETE RESTRICT");
    }

    @Test
    void sharedAttributesOfSeveralForeignKeysAreDeclaredOnce() {
        CompiledTable t = DefinitionCompiler.compile("`djtest_advanced`.`input_cell`", """
                # a synapse within the slice
                -> Cell
                -> Cell.proj(input="cell")
                """, TestContext.test1());
        assertThat(t.attributeSql()).containsExactly("`prep` int NOT NULL COMMENT \"\"", "`slice` int NOT NULL COMMENT \"\"",
                "`cell` int NOT NULL COMMENT \"\"", "`input` int NOT NULL COMMENT \"\"");
        assertThat(t.primaryKey()).containsExactly("prep", "slice", "cell", "input");
        assertThat(t.foreignKeySql()).containsExactly(
                "FOREIGN KEY (`prep`,`slice`,`cell`) REFERENCES `djtest_advanced`.`cell` (`prep`,`slice`,`cell`) ON UPDATE CASCADE ON DELETE RESTRICT",
                "FOREIGN KEY (`prep`,`slice`,`input`) REFERENCES `djtest_advanced`.`cell` (`prep`,`slice`,`cell`) ON UPDATE CASCADE ON DELETE RESTRICT");
    }

    @Test
    void projectionRenamesSeveralAttributesInParentKeyOrder() {
        CompiledTable t = DefinitionCompiler.compile("`djtest_advanced`.`global_synapse`", """
                -> Cell.proj(pre_slice="slice", pre_cell="cell")
                -> Cell.proj(post_slice='slice', post_cell='cell')
                """, TestContext.test1());
        assertThat(t.primaryKey()).containsExactly("prep", "pre_slice", "pre_cell", "post_slice", "post_cell");
        assertThat(t.foreignKeySql().get(1)).startsWith("FOREIGN KEY (`prep`,`post_slice`,`post_cell`) REFERENCES `djtest_advanced`.`cell` (`prep`,`slice`,`cell`)");
    }

    @Test
    void specialTypesAreEncodedInTheComment() {
        TestContext context = TestContext.test1().adapter("graph", "longblob");
        CompiledTable t = DefinitionCompiler.compile("`djtest_extern`.`special`", """
                id : int
                ---
                uu=null:uuid # a uuid
                eb=null:blob@local # external
                at=null:attach
                ea=null:attach@local
                fp=null:filepath@repo
                ad=null:<graph>   # adapted
                """, context);
        assertThat(t.attributeSql()).containsExactly(
                "`id` int NOT NULL",
                "`uu` binary(16) DEFAULT NULL COMMENT \":uuid:a uuid\"",
                "`eb` binary(16) DEFAULT NULL COMMENT \":blob@local:external\"",
                "`at` LONGBLOB DEFAULT NULL COMMENT \":attach:\"",
                "`ea` binary(16) DEFAULT NULL COMMENT \":attach@local:\"",
                "`fp` binary(16) DEFAULT NULL COMMENT \":filepath@repo:\"",
                "`ad` longblob DEFAULT NULL COMMENT \":<graph>:adapted\"");
        assertThat(t.foreignKeySql()).containsExactly(
                "FOREIGN KEY (`eb`) REFERENCES `djtest_extern`.`~external_local` (`hash`) ON UPDATE RESTRICT ON DELETE RESTRICT",
                "FOREIGN KEY (`ea`) REFERENCES `djtest_extern`.`~external_local` (`hash`) ON UPDATE RESTRICT ON DELETE RESTRICT",
                "FOREIGN KEY (`fp`) REFERENCES `djtest_extern`.`~external_repo` (`hash`) ON UPDATE RESTRICT ON DELETE RESTRICT");
        assertThat(t.externalStores()).containsExactly("local", "local", "repo");
    }

    @Test
    void adapterToAnExternalTypeIsSubstitutedRecursively() {
        CompiledTable t = DefinitionCompiler.compile("`s`.`layout`", "id : int\n---\nlayout : <layout_to_filepath>",
                TestContext.of().adapter("layout_to_filepath", "filepath@repo-s3"));
        assertThat(t.attributeSql()).containsExactly("`id` int NOT NULL",
                "`layout` binary(16) NOT NULL COMMENT \":<layout_to_filepath>:\"");
        assertThat(t.foreignKeySql()).containsExactly(
                "FOREIGN KEY (`layout`) REFERENCES `s`.`~external_repo-s3` (`hash`) ON UPDATE RESTRICT ON DELETE RESTRICT");
    }

    @Test
    void defaultsAreQuotedAsDataJointQuotesThem() {
        CompiledTable t = DefinitionCompiler.compile("`s`.`defaults`", """
                id : int
                ---
                ti=1:tinyint
                en='a':enum('a', 'b')
                vc="x y":varchar(64) # has "quotes" and a # sign #
                dt=CURRENT_TIMESTAMP:datetime(3)
                d3=current_timestamp(3) : datetime(3)
                fl=null:float
                nu = NULL : int
                de = 1.5 : decimal(3,2)
                """, TestContext.of());
        assertThat(t.attributeSql()).containsExactly(
                "`id` int NOT NULL",
                "`ti` tinyint NOT NULL DEFAULT \"1\"",
                "`en` enum('a', 'b') NOT NULL DEFAULT 'a'",
                "`vc` varchar(64) NOT NULL DEFAULT \"x y\" COMMENT \"has \\\"quotes\\\" and a # sign\"",
                "`dt` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP",
                "`d3` datetime(3) NOT NULL DEFAULT current_timestamp(3)",
                "`fl` float DEFAULT NULL",
                "`nu` int DEFAULT NULL",
                "`de` decimal(3,2) NOT NULL DEFAULT \"1.5\"");
    }

    @Test
    void typesAreKeptAsWritten() {
        CompiledTable t = DefinitionCompiler.compile("`s`.`types`", """
                id : INT unsigned auto_increment
                ---
                a : bool
                b : year
                c : json
                d : enum('x','y')   # with, punctuation
                e : double
                f : mediumblob
                g : char(8)
                h : serial
                """, TestContext.of());
        assertThat(t.attributeSql()).containsExactly("`id` INT unsigned auto_increment NOT NULL", "`a` bool NOT NULL",
                "`b` year NOT NULL", "`c` json NOT NULL", "`d` enum('x','y') NOT NULL COMMENT \"with, punctuation\"",
                "`e` double NOT NULL", "`f` mediumblob NOT NULL", "`g` char(8) NOT NULL", "`h` serial NOT NULL");
    }

    @Test
    void logTableAsPythonDeclaresIt() {
        String sql = create("`lab`.`~log`", """
                    # event logging table for `lab`
                    id       :int unsigned auto_increment     # event order id
                    ---
                    timestamp = CURRENT_TIMESTAMP : timestamp # event timestamp
                    version  :varchar(12)                     # datajoint version
                    user     :varchar(255)                    # user@host
                    host=""  :varchar(255)                    # system hostname
                    event="" :varchar(255)                    # event message
                """, DeclarationContext.EMPTY);
        assertThat(sql).isEqualTo("""
                CREATE TABLE IF NOT EXISTS `lab`.`~log` (
                `id` int unsigned auto_increment NOT NULL COMMENT "event order id",
                `timestamp` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP COMMENT "event timestamp",
                `version` varchar(12) NOT NULL COMMENT "datajoint version",
                `user` varchar(255) NOT NULL COMMENT "user@host",
                `host` varchar(255) NOT NULL DEFAULT "" COMMENT "system hostname",
                `event` varchar(255) NOT NULL DEFAULT "" COMMENT "event message",
                PRIMARY KEY (`id`)
                ) ENGINE=InnoDB, COMMENT "event logging table for `lab`\"""");
    }

    @Test
    void jobsTableColumnsAsPythonDeclaresThem() {
        CompiledTable t = DefinitionCompiler.compile("`lab`.`~jobs`", """
                # job reservation table for `lab`
                table_name  :varchar(255)  # className of the table
                key_hash  :char(32)  # key hash
                ---
                status  :enum('reserved','error','ignore')  # if tuple is missing, the job is available
                key=null  :blob  # structure containing the key
                error_message=""  :varchar(2047)  # error message returned if failed
                error_stack=null  :mediumblob  # error stack if failed
                user="" :varchar(255) # database user
                host=""  :varchar(255)  # system hostname
                pid=0  :int unsigned  # system process id
                connection_id = 0  : bigint unsigned          # connection_id()
                timestamp=CURRENT_TIMESTAMP  :timestamp   # automatic timestamp
                """, DeclarationContext.EMPTY);
        assertThat(t.attributeSql()).containsExactly(
                "`table_name` varchar(255) NOT NULL COMMENT \"className of the table\"",
                "`key_hash` char(32) NOT NULL COMMENT \"key hash\"",
                "`status` enum('reserved','error','ignore') NOT NULL COMMENT \"if tuple is missing, the job is available\"",
                "`key` blob DEFAULT NULL COMMENT \"structure containing the key\"",
                "`error_message` varchar(2047) NOT NULL DEFAULT \"\" COMMENT \"error message returned if failed\"",
                "`error_stack` mediumblob DEFAULT NULL COMMENT \"error stack if failed\"",
                "`user` varchar(255) NOT NULL DEFAULT \"\" COMMENT \"database user\"",
                "`host` varchar(255) NOT NULL DEFAULT \"\" COMMENT \"system hostname\"",
                "`pid` int unsigned NOT NULL DEFAULT \"0\" COMMENT \"system process id\"",
                "`connection_id` bigint unsigned NOT NULL DEFAULT \"0\" COMMENT \"connection_id()\"",
                "`timestamp` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP COMMENT \"automatic timestamp\"");
        assertThat(t.primaryKey()).containsExactly("table_name", "key_hash");
        assertThat(t.tableComment()).isEqualTo("job reservation table for `lab`");
    }

    @Test
    void jsonPathIndexesAndUniqueIndexes() {
        CompiledTable t = DefinitionCompiler.compile("`s`.`team`", """
                name : varchar(40)
                ---
                car=null : json
                unique index(car.name:char(20))
                uNiQuE   Index (car.length:decimal(4, 1))
                index ( name , car )
                """, TestContext.of());
        assertThat(t.indexSql()).containsExactly(
                "unique index ((json_value(`car`, _utf8mb4'$.name' returning char(20))))",
                "unique index ((json_value(`car`, _utf8mb4'$.length' returning decimal(4, 1))))",
                "index (`name`,`car`)");
    }

    @Test
    void secondaryForeignKeyToAKeyAttributeAddsNothing() {
        CompiledTable t = DefinitionCompiler.compile("`s`.`c`", "-> Subject\nx : int\n---\n-> Subject.proj()\n", TestContext.test1());
        assertThat(t.attributeSql()).hasSize(2);
        assertThat(t.foreignKeySql()).hasSize(2);
    }

    @Test
    void partReferencesMasterAndUuidParents() {
        CompiledTable t = DefinitionCompiler.compile("`s`.`profile__website`", "-> master\n-> Website  # a comment\n",
                TestContext.test1());
        assertThat(t.attributeSql()).containsExactly("`animal` int NOT NULL COMMENT \"unique subject id\"",
                "`experiment_id` smallint NOT NULL COMMENT \"\"", "`trial_id` smallint NOT NULL COMMENT \"\"",
                "`url_hash` binary(16) NOT NULL COMMENT \":uuid:\"");
    }

    @Test
    void inheritedCommentsAreEscaped() {
        TestContext context = TestContext.of().table("Quoted", "`s`.`quoted`", "q", "int", "say \"hi\"");
        assertThat(DefinitionCompiler.compile("`s`.`child`", "-> Quoted", context).attributeSql())
                .containsExactly("`q` int NOT NULL COMMENT \"say \\\"hi\\\"\"");
    }

    @Test
    void hiddenTimestampIsNamedAfterTheTable() {
        String column = DefinitionCompiler.hiddenTimestampSql("`db`.`tbl`");
        // sha1("db.tbl")
        assertThat(column).isEqualTo("`_2dee6a57b26ce7738265d1edf9a08e0010eec984_timestamp` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP");
        String sql = DefinitionCompiler.compile("`db`.`tbl`", "id : int", TestContext.of()).createTableSql("`db`.`tbl`", column);
        assertThat(sql).contains("`id` int NOT NULL,\n" + column + ",\nPRIMARY KEY (`id`)");
    }

    @Test
    void aDefinitionWithoutCommentLineHasAnEmptyTableComment() {
        assertThat(create("`s`.`t`", "\n\n   id : int   \n\n", TestContext.of()))
                .isEqualTo("CREATE TABLE IF NOT EXISTS `s`.`t` (\n`id` int NOT NULL,\nPRIMARY KEY (`id`)\n) ENGINE=InnoDB, COMMENT \"\"");
    }

    @Test
    void repeatedAttributesAndCommentLinesAreIgnored() {
        CompiledTable t = DefinitionCompiler.compile("`s`.`t`", "# c\n-> Subject\n# ignored\nsubject_id : bigint\n---\n___\nx=5 : int\n",
                TestContext.test1());
        assertThat(t.attributeSql()).containsExactly("`subject_id` int NOT NULL COMMENT \"unique subject id\"", "`x` int NOT NULL DEFAULT \"5\"");
    }
}
