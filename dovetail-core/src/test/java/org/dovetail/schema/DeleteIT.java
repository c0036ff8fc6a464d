package org.dovetail.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dovetail.Dovetail;
import org.dovetail.DovetailException;
import org.dovetail.MissingPrivilegeException;
import org.dovetail.MissingTableException;
import org.dovetail.TestConfigs;
import org.dovetail.query.Query;
import org.dovetail.testkit.DovetailTest;
import org.dovetail.testkit.TestDatabase;
import org.dovetail.testschemas.SimpleSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Checklist 35–37 of test-schemas.md: cascading delete and drop from the foreign-key graph. */
@DovetailTest
class DeleteIT {
    private static int run;
    private TestDatabase db;
    private Dovetail connection;
    private SimpleSchema simple;

    @BeforeEach
    void declare(TestDatabase database) {
        db = database;
        connection = Dovetail.connect(TestConfigs.builder(db).safemode(false).build());
        simple = SimpleSchema.create(connection, db.schema("rel" + run++), true);
    }

    @AfterEach
    void close() {
        connection.close();
    }

    private Table t(String name) {
        return simple.table(name);
    }

    /** Checklist 35. */
    @Test
    void deletingTheRootEmptiesEveryDescendant() {
        DeletePlan plan = t("A").deletePlan();
        assertThat(plan.tables().get(0)).isEqualTo(new TableRows(t("A").fullName(), 10));
        assertThat(plan.tables()).extracting(TableRows::table).contains(t("B.C").fullName(), t("E.F").fullName(), t("G").fullName());
        assertThat(t("B").count()).isEqualTo(40); // planning deletes nothing
        assertThat(t("A").delete()).isEqualTo(10);
        for (String name : List.of("A", "B", "B.C", "D", "E", "E.F", "E.G", "E.H", "E.M", "G")) {
            assertThat(t(name).count()).as(name).isZero();
        }
        assertThat(t("L").count()).isEqualTo(30);
    }

    /** Checklist 35. */
    @Test
    void restrictedCascadeDeletesExactlyTheMatchingRows() {
        Query rel = t("A").restrict("cond_in_a").proj();
        Map<String, Long> expected = new LinkedHashMap<>();
        for (String name : List.of("A", "B", "B.C", "D", "E", "E.F")) {
            expected.put(name, t(name).minus(rel).count());
        }
        t("A").restrict("cond_in_a").delete();
        expected.forEach((name, n) -> assertThat(t(name).count()).as(name).isEqualTo(n));
        long before = t("L").count();
        long matching = t("L").restrict("cond_in_l").count();
        t("L").restrict("cond_in_l").delete();
        assertThat(t("L").count()).isEqualTo(before - matching);
        assertThat(t("D").restrict(t("L").restrict("cond_in_l")).exists()).isFalse();
        t("L").delete();
        for (String name : List.of("L", "D", "E", "E.F")) {
            assertThat(t(name).count()).as(name).isZero();
        }
    }

    /** Checklist 35 and 37. */
    @Test
    void partTables() {
        assertThatThrownBy(() -> t("B.C").delete()).hasMessage("Cannot delete from a Part directly. Delete from master instead");
        t("B.C").delete(DeleteOption.FORCE_PARTS);
        assertThat(t("B.C").count()).isZero();
        t("B").delete();
        assertThat(t("B").count()).isZero();
    }

    /** Checklist 36: force_masters. */
    @Test
    void forceMastersDeletesTheMastersOfReachedParts() {
        long g = t("G").count();
        t("A").restrict("id_a=1").delete(DeleteOption.FORCE_MASTERS);
        assertThat(t("G").count()).isEqualTo(g - 16);
        // DataJoint's part integrity is per table: E loses rows through D, so E.G rows of other E rows go without their master
        long remaining = t("E").minus(t("D").restrict("id_l=1").proj()).minus("id_l=1").count();
        t("L").restrict("id_l=1").delete(DeleteOption.FORCE_MASTERS);
        assertThat(t("E.G").restrict("id_l=1").exists()).isFalse();
        assertThat(t("E").count()).isEqualTo(remaining);
    }

    /** Checklist 37: part integrity with a Lookup parent, and drop. */
    @Test
    void partIntegrityAndDrop() {
        Table website = t("Website");
        Table profile = t("Profile");
        for (int i = 0; i < 3; i++) {
            profile.insert1(Map.of("ssn", "000-00-000" + i, "name", "p" + i, "blood_group", "A+", "birthdate", "2000-01-01"));
            java.util.UUID hash = java.util.UUID.nameUUIDFromBytes(("site" + i).getBytes());
            website.insert1(Map.of("url_hash", hash, "url", "https://site" + i), InsertOption.SKIP_DUPLICATES);
            t("Profile.Website").insert1(Map.of("ssn", "000-00-000" + i, "url_hash", hash));
        }
        assertThatThrownBy(website::delete).hasMessageContaining("Attempt to delete part table").hasMessageContaining("profile__website");
        website.delete(DeleteOption.FORCE_MASTERS);
        assertThat(profile.count()).isZero();
        assertThat(website.count()).isZero();
        assertThatThrownBy(() -> t("Profile.Website").drop(p -> true)).hasMessage("Cannot drop a Part directly.  Delete from master instead");
        assertThatThrownBy(() -> website.dropPlan()).hasMessageContaining("Attempt to drop part table").hasMessageContaining("Drop ");
        assertThatThrownBy(() -> t("A").restrict("id_a=1").dropPlan()).hasMessageContaining("applied restriction");
        DropPlan plan = t("OutfitLaunch").dropPlan();
        assertThat(plan.tables()).extracting(TableRows::rows).containsExactly(1L, 3L);
        assertThat(t("OutfitLaunch").drop(p -> false)).isFalse();
        t("OutfitLaunch").drop();
        assertThatThrownBy(() -> t("OutfitLaunch")).isInstanceOf(MissingTableException.class);
    }

    /** Checklist 36: #1159 restriction propagation through a secondary foreign key. */
    @Test
    void restrictionsPropagateThroughSecondaryForeignKeys() {
        Schema schema = connection.createSchema(db.schema("things" + run++));
        schema.declare(TableDefinition.of(Tier.MANUAL, "ThingA", "a: int"));
        schema.declare(TableDefinition.of(Tier.MANUAL, "ThingB", "b1: int\nb2: int\n---\nb3: int"));
        schema.declare(TableDefinition.of(Tier.MANUAL, "ThingC", "-> ThingA\n---\n-> [unique, nullable] ThingB"));
        schema.declare(TableDefinition.of(Tier.MANUAL, "ThingD", "d: int\n---\n-> ThingC"));
        schema.declare(TableDefinition.of(Tier.MANUAL, "ThingE", "-> ThingD"));
        schema.table("ThingA").insert(rows("a", 7));
        schema.table("ThingC").insert(rows("a", 6));
        List<Map<String, Object>> d = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            d.add(Map.of("d", i, "a", i));
        }
        schema.table("ThingD").insert(d);
        schema.table("ThingE").insert(rows("d", 4));
        schema.table("ThingA").restrict("a=3").delete();
        assertThat(schema.table("ThingA").count()).isEqualTo(6);
        assertThat(schema.table("ThingE").count()).isEqualTo(3);
    }

    /** Checklist 36: renamed foreign keys, across schemas. */
    @Test
    void renamedForeignKeysInAnotherSchema() {
        Schema people = connection.createSchema(db.schema("people" + run++));
        people.declare(TableDefinition.of(Tier.MANUAL, "Person", "person_id : int\n---\nfull_name : varchar(60)"));
        Schema family = connection.createSchema(db.schema("family" + run++)).withAlias("people", people.name());
        family.declare(TableDefinition.of(Tier.MANUAL, "Parent", "-> people.Person\n-> people.Person.proj(parent='person_id')"));
        Table person = people.table("Person");
        Table parent = family.table("Parent");
        for (int i = 0; i < 16; i++) {
            person.insert1(List.of(i, "p" + i));
        }
        List<List<Object>> pairs = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            for (int j = 0; j < 16; j++) {
                if (i != j && (i * 7 + j * 3) % 10 == 0) {
                    pairs.add(List.of(i, j));
                }
            }
        }
        parent.insert(pairs);
        long with11 = parent.restrict("person_id=11 or parent=11").count();
        assertThat(with11).isPositive();
        long before = parent.count();
        assertThat(person.restrict("person_id=11").delete()).isEqualTo(1);
        assertThat(parent.count()).isEqualTo(before - with11);
        assertThat(person.delete()).isEqualTo(15);
        assertThat(parent.count()).isZero();
    }

    @Test
    void missingPrivilegesAreNamedBeforeAnythingIsDeleted() throws Exception {
        String user = "deleter" + run;
        try (var c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY 'pw'");
            s.execute("GRANT SELECT, DELETE ON `" + simple.schema.name() + "`.* TO '" + user + "'@'%'");
            s.execute("REVOKE DELETE ON `" + simple.schema.name() + "`.* FROM '" + user + "'@'%'");
            s.execute("GRANT SELECT ON `" + simple.schema.name() + "`.* TO '" + user + "'@'%'");
            s.execute("GRANT DELETE ON `" + simple.schema.name() + "`.`#a` TO '" + user + "'@'%'");
            s.execute("GRANT DELETE ON `" + simple.schema.name() + "`.`__b` TO '" + user + "'@'%'");
        }
        try (Dovetail limited = Dovetail.connect(TestConfigs.builder(db).user(user).password("pw")
                .safemode(false).build())) {
            Table a = limited.schema(simple.schema.name()).freeTable("#a");
            assertThatThrownBy(() -> a.restrict("id_a=1").delete()).isInstanceOf(MissingPrivilegeException.class)
                    .hasMessageContaining("DELETE on `" + simple.schema.name() + "`.`__b__c`")
                    .hasMessageContaining("DELETE on `" + simple.schema.name() + "`.`__d`")
                    .hasMessageNotContaining("`__b`;").hasMessageContaining("Nothing was changed");
        }
        assertThat(t("A").count()).isEqualTo(10);
        assertThat(t("B").count()).isEqualTo(40);
    }

    @Test
    void aDeleteInsideTheCallersTransactionIsUndoneWithIt() {
        connection.connection().startTransaction();
        t("A").restrict("id_a=2").delete();
        assertThat(t("B").restrict("id_a=2").count()).isZero();
        connection.connection().cancelTransaction();
        assertThat(t("B").restrict("id_a=2").count()).isEqualTo(4);
    }

    @Test
    void safemodeWithoutAConsoleRefusesAndAConfirmationDecides() throws Exception {
        try (Dovetail safe = Dovetail.connect(TestConfigs.of(db))) {
            Table a = safe.schema(simple.schema.name()).freeTable("#a");
            assertThatThrownBy(a::delete).isInstanceOf(DovetailException.class).hasMessageContaining("safemode");
            assertThat(a.restrict("id_a=3").delete(plan -> false)).isZero();
            assertThat(a.restrict("id_a=3").delete(plan -> plan.rootRows() == 1)).isEqualTo(1);
        }
    }

    private static List<Map<String, Object>> rows(String name, int n) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(Map.of(name, i));
        }
        return rows;
    }
}
