package org.dovetail.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dovetail.Dovetail;
import org.dovetail.DovetailException;
import org.dovetail.TestConfigs;
import org.dovetail.UnknownAttributeException;
import org.dovetail.schema.Table;
import org.dovetail.testkit.DovetailTest;
import org.dovetail.testkit.TestDatabase;
import org.dovetail.testschemas.SimpleSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checklist section B of test-schemas.md on schema_simple (djtest_relational), populated. */
@DovetailTest
class QueryIT {
    private static Dovetail connection;
    private static SimpleSchema simple;
    private static Table a;
    private static Table b;
    private static Table c;
    private static Table d;
    private static Table l;

    @BeforeAll
    static void declare(TestDatabase db) {
        connection = Dovetail.connect(TestConfigs.of(db));
        simple = SimpleSchema.create(connection, db.schema("relational"), true);
        a = simple.table("A");
        b = simple.table("B");
        c = simple.table("B.C");
        d = simple.table("D");
        l = simple.table("L");
    }

    @AfterAll
    static void close() {
        connection.close();
    }

    @Test
    void populatedCounts() {
        assertThat(a.count()).isEqualTo(10);
        assertThat(b.count()).isEqualTo(40);
        assertThat(d.count()).isEqualTo(40);
        assertThat(simple.table("E").count()).isEqualTo(160);
        assertThat(l.count()).isEqualTo(30);
    }

    /** Checklist 14. */
    @Test
    void restrictionByListsAndEmpties() {
        Query y = l.restrict("cond_in_l");
        assertThat(d.restrict(AndList.of()).count()).isEqualTo(d.count());
        assertThat(d.restrict(List.of()).count()).isZero();
        assertThat(d.restrict(List.of(List.of())).count()).isZero();
        assertThat(d.restrict(y).count()).isEqualTo(d.join(l).restrict("cond_in_l").count());
        assertThat(d.minus(y).count()).isEqualTo(d.count() - d.restrict(y).count());
        assertThat(d.restrict(new Object[0]).count()).isZero();
        assertThat(d.restrict(Set.of()).count()).isZero();
        assertThat(d.minus(List.of()).count()).isEqualTo(d.count());
        assertThat(d.minus(Set.of()).count()).isEqualTo(d.count());
        assertThat(d.restrict(Map.of()).count()).isEqualTo(d.count());
        assertThat(d.minus(Map.of()).count()).isZero();
        assertThat(d.restrict(y.fetch()).count()).isEqualTo(d.restrict(y).count());
        assertThat(a.restrict(y).count()).isEqualTo(a.count());
        assertThat(a.minus(y).count()).isZero();
        assertThat(d.restrict(true).count()).isEqualTo(d.count());
        assertThat(d.restrict(false).count()).isZero();
        assertThat(d.minus(true).count()).isZero();
    }

    /** Checklist 14, Dovetail's divergence: a map naming no attribute of the query is an error, not "no restriction". */
    @Test
    void aMapWithOnlyUnknownAttributesIsAnError() {
        assertThatThrownBy(() -> d.restrict(Map.of("foo", 0))).isInstanceOf(UnknownAttributeException.class)
                .hasMessageContaining("foo").hasMessageContaining("id_a");
        assertThatThrownBy(() -> d.minus(Map.of("foo", 0))).isInstanceOf(UnknownAttributeException.class);
        // keys of other tables are ignored when at least one attribute matches (DataJoint's key idiom)
        assertThat(d.restrict(Map.of("id_a", 1, "foo", 0)).count()).isEqualTo(4);
    }

    /** Checklist 15. */
    @Test
    void semijoinWithReorderedKey() {
        Table ij = simple.table("IJ");
        Table ji = simple.table("JI");
        long n = ij.restrict(ji.fetch()).count();
        long m = ij.minus(ji.fetch()).count();
        assertThat(n).isPositive();
        assertThat(m).isPositive();
        assertThat(n + m).isEqualTo(ij.count());
        assertThat(ij.restrict(ji).count()).isEqualTo(n);
        assertThat(ij.minus(ji).count()).isEqualTo(m);
    }

    /** Checklist 17. */
    @Test
    void nullAndDates() {
        Table f = simple.table("F");
        f.insert1(Map.of("id", 5));
        assertThat(f.restrict(AndList.of(Map.of("id", 5), "date is NULL")).count()).isEqualTo(1);
        java.util.Map<String, Object> nullDate = new java.util.HashMap<>();
        nullDate.put("id", 5);
        nullDate.put("date", null);
        assertThat(f.restrict(nullDate).count()).isEqualTo(1);
        Table outfit = simple.table("OutfitLaunch");
        for (String interval : List.of("30 day", "4 week", "1 month", "1 year")) {
            assertThat(outfit.restrict("day between curdate() - interval " + interval + " and curdate()").count()).isEqualTo(1);
            assertThat(outfit.restrict("`day` between curdate() - interval " + interval + " and curdate()").count()).isEqualTo(1);
        }
        LocalDate day = (LocalDate) outfit.fetch1().get("day");
        assertThat(outfit.restrict(Map.of("day", day)).count()).isEqualTo(1);
        assertThat(outfit.restrict(Map.of("day", day.toString())).count()).isEqualTo(1);
    }

    /** Checklist 18. */
    @Test
    void unknownAttributeInARestrictionStringIsNamedBeforeAnySql() {
        assertThatThrownBy(() -> a.restrict("lang = \"ENGLISH\"")).isInstanceOf(UnknownAttributeException.class)
                .hasMessage("Attribute `lang` is not found in query.");
        Table reserved = simple.table("ReservedWord");
        reserved.insert1(Map.of("key", 1, "in", "ex", "from", "there", "int", 3, "select", "yes"));
        assertThatThrownBy(() -> reserved.restrict("key=1").fetch("in")).isInstanceOf(DovetailException.class);
        assertThat(reserved.restrict("`key`=1").fetch1("in", "from", "int", "select"))
                .containsEntry("in", "ex").containsEntry("from", "there").containsEntry("int", 3L).containsEntry("select", "yes");
        assertThat(reserved.restrict(Map.of("key", 1)).fetch1("select").get("select")).isEqualTo("yes");
    }

    /** Checklist 19. */
    @Test
    void joins() {
        assertThat(a.join(l).count()).isEqualTo(a.count() * l.count());
        assertThat(a.join(l).primaryKey()).containsExactly("id_a", "id_l");
        assertThat(a.join(l).names()).containsExactly("id_a", "id_l", "cond_in_a", "cond_in_l");
        assertThat(a.restrict("cond_in_a=1").join(l.restrict("cond_in_l=1")).count())
                .isEqualTo(a.restrict("cond_in_a=1").count() * l.restrict("cond_in_l=1").count());
        Query rel = b.restrict(a.restrict("cond_in_a=1")).join(d);
        assertThat(rel.count()).isGreaterThanOrEqualTo(1);
        assertThat(rel.minus(a.restrict("cond_in_a=1")).exists()).isFalse();
        assertThat(b.proj("i=id_a").join(d).count()).isEqualTo(b.count() * d.count());
        assertThat(b.proj("a=id_a").join(d).count()).isEqualTo(b.count() * d.count());
        Query x = a.proj("a1=id_a", "c1=cond_in_a");
        Query y = a.proj("a2=id_a", "c2=cond_in_a");
        long pairs = x.join(y).restrict("c1=0").restrict("c2=1").count();
        assertThat(pairs).isEqualTo(x.restrict("c1=0").count() * y.restrict("c2=1").count());
        assertThat(pairs).isEqualTo(a.restrict("cond_in_a=0").proj("a1=id_a").join(a.restrict("cond_in_a=1").proj("a2=id_a")).count());
        assertThat(a.restrict(b).join(b).fetch()).hasSize((int) a.join(b).count());
        assertThat(simple.table("DataA").proj().join(simple.table("DataB").proj()).count()).isEqualTo(5);
        assertThat(d.join(l).primaryKey()).containsExactly("id_a", "id_d", "id_l");
    }

    /** Checklist 20. */
    @Test
    void joinCompatibility() {
        assertThatThrownBy(() -> b.join(d.proj("...", "mu=id_l"))).hasMessage("Cannot join query expressions on dependent attribute `mu`");
        assertThatThrownBy(() -> simple.table("DataA").join(simple.table("DataB")))
                .hasMessage("Cannot join query expressions on dependent attribute `a`");
        assertThat(simple.table("DataA").joinPermissive(simple.table("DataB")).count()).isEqualTo(0);
        assertThat(simple.table("DataA").restrictPermissive(simple.table("DataB")).count()).isEqualTo(0);
        assertThat(simple.table("DataA").restrictPermissive(simple.table("DataB").proj("a=idx")).count()).isEqualTo(5);
    }

    /** Checklist 21. */
    @Test
    void projection() {
        assertThat(a.proj("a=id_a").names()).containsExactly("a");
        assertThat(new HashSet<>(a.proj("a=(id_a)").names())).containsExactlyInAnyOrder("id_a", "a");
        assertThat(a.proj("a=(id_a)").primaryKey()).containsExactly("id_a", "a");
        assertThat(d.proj("a=id_a").primaryKey()).containsExactly("a", "id_d");
        assertThatThrownBy(() -> a.proj("-id_a")).hasMessageContaining("Cannot exclude primary key attribute `id_a`");
        assertThatThrownBy(() -> a.proj("id_a=cond_in_a")).hasMessage("Attribute `id_a` already exists");
        assertThatThrownBy(() -> a.proj("x=nope")).hasMessage("Attribute `nope` not found.");
        assertThat(b.proj("...", "-mu").names()).containsExactly("id_a", "id_b", "sigma", "n");
        assertThat(b.proj("n", "mu", "x=sigma", "y=n*2").names()).containsExactly("id_a", "id_b", "mu", "x", "n", "y");
        assertThat(a.proj("k=NULL").fetch()).allSatisfy(r -> assertThat(r.get("k")).isNull());
        assertThat(a.proj("id_a=cond_in_a", "cond_in_a=id_a").count()).isEqualTo(10); // swap
        assertThat(a.proj("x=id_a*2").restrict("x>4").count()).isEqualTo(a.restrict("id_a>2").count());
        assertThat(a.restrict("id_a>2").proj("a=id_a").restrict("a<6").count()).isEqualTo(3);
    }

    /** Checklist 22. */
    @Test
    void renameAndRestrictionSubqueries() {
        Query x = b.proj("i=id_a").restrict("i in (1,2,3,4)");
        String before = x.sql();
        assertThat(x.count()).isEqualTo(b.restrict("id_a in (1,2,3,4)").count());
        assertThat(x.restrict("id_b in (1,2)").count()).isEqualTo(b.restrict("id_b in (1,2) and id_a in (1,2,3,4)").count());
        Query y = x.proj("j=i");
        assertThat(y.count()).isEqualTo(x.count());
        assertThat(y.restrict("j in (3, 4, 5, 6)").count()).isEqualTo(b.restrict("id_a in (3,4)").count());
        assertThat(x.sql()).isEqualTo(before);
    }

    /** Checklist 23. */
    @Test
    void aggregation() {
        assertThat(b.aggr(c).count()).isEqualTo(b.restrict(c).count());
        assertThat(b.aggr(c, true).count()).isEqualTo(b.count());
        assertThat(b.aggr(c, true).restrict("id_b=0").count()).isEqualTo(b.restrict("id_b=0").count());
        Query x = b.aggr(c, true, "n", "count=count(id_c)", "mean=avg(value)", "max=max(value)");
        assertThat(x.count()).isEqualTo(b.count());
        for (Map<String, Object> row : x.fetch()) {
            assertThat(((Number) row.get("count")).longValue()).isEqualTo(((Number) row.get("n")).longValue());
            if ((Long) row.get("n") > 0) {
                List<Double> values = c.restrict(Map.of("id_a", row.get("id_a"), "id_b", row.get("id_b"))).fetch("value").stream()
                        .map(v -> (Double) v.get("value")).toList();
                double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
                assertThat(((Number) row.get("mean")).doubleValue()).isCloseTo(mean, org.assertj.core.data.Percentage.withPercentage(0.01));
                assertThat(((Number) row.get("max")).doubleValue()).isCloseTo(values.stream().mapToDouble(Double::doubleValue).max()
                        .orElseThrow(), org.assertj.core.data.Percentage.withPercentage(0.01));
            }
        }
        Query positive = x.restrict("mean>0");
        assertThat(positive.exists()).isTrue();
        assertThat(positive.fetch()).allSatisfy(r -> assertThat(((Number) r.get("mean")).doubleValue()).isPositive());
        assertThat(b.aggr(c, "...", "k=count(*)").restrict("k>2").names()).containsExactly("id_a", "id_b", "mu", "sigma", "n", "k");
        assertThat(b.aggr(c, "...", "k=count(*)").restrict("k>2").fetch()).isNotEmpty();
    }

    /** Checklist 25 (parts on this schema): U restriction, aggregation and argmax. */
    @Test
    void universalSets() {
        Table argmax = simple.table("ArgmaxTest");
        Query distinct = U.of("secondary_key").restrict(argmax);
        assertThat(distinct.names()).containsExactly("secondary_key");
        assertThat(distinct.count()).isEqualTo(10);
        assertThat(U.of().aggr(argmax, "n=count(*)").fetch1().get("n")).isEqualTo(100L);
        Query best = argmax.join(U.of("secondary_key").aggr(argmax, "mx=max(val)")).restrict("mx=val");
        assertThat(best.count()).isEqualTo(10);
        assertThat(U.of().aggr(U.of("secondary_key").aggr(argmax, "n=count(*)"), "m=max(n)").fetch1().get("m")).isEqualTo(10L);
        assertThat(a.restrict(U.of("id_a")).sql()).isEqualTo(a.sql());
        assertThat(U.of("id_l").join(d).primaryKey()).containsExactly("id_a", "id_d", "id_l");
        assertThatThrownBy(() -> U.of("nope").join(d)).hasMessage("Attribute `nope` not found");
    }

    /** Checklist 26 (IJ/JI part). */
    @Test
    void union() {
        Table ij = simple.table("IJ");
        Table ji = simple.table("JI");
        Set<List<Object>> expected = new HashSet<>();
        ij.fetch().forEach(r -> expected.add(List.of(r.get("i"), r.get("j"))));
        ji.fetch().forEach(r -> expected.add(List.of(r.get("i"), r.get("j"))));
        Query union = ij.union(ji);
        Set<List<Object>> actual = new HashSet<>();
        union.fetch().forEach(r -> actual.add(List.of(r.get("i"), r.get("j"))));
        assertThat(actual).isEqualTo(expected);
        assertThat(union.count()).isEqualTo(expected.size());
        assertThat(ij.restrict("i=0").union(ij.restrict("i=1")).union(ij.restrict("i=2")).count()).isEqualTo(ij.restrict("i in (0,1,2)").count());
        assertThat(ij.restrict(Map.of("j", 2, "i", 0)).union(ij.restrict(Map.of("j", 2, "i", 1))).union(ij.restrict(Map.of("j", 2, "i", 2)))
                .fetch()).hasSameElementsAs(ij.restrict(Map.of("j", 2)).fetch());
        assertThatThrownBy(() -> a.union(b)).hasMessage("The operands of a union must share the same primary key.");
        Query outer = a.restrict("id_a < 5").union(a.proj("other=cond_in_a").restrict("id_a >= 3"));
        assertThat(outer.count()).isEqualTo(10);
        assertThat(outer.names()).containsExactly("id_a", "cond_in_a", "other");
        assertThat(ij.union(ji).restrict("i=1").count()).isEqualTo(ij.union(ji).fetch().stream().filter(r -> r.get("i").equals(1L)).count());
    }

    /** Checklist 27. */
    @Test
    void top() {
        assertThat(l.top(Top.first()).fetch()).containsExactly(Map.of("id_l", 0L, "cond_in_l", 1L));
        assertThat(l.top(Top.first().withOrderBy("cond_in_l", "KEY")).fetch()).containsExactly(Map.of("id_l", 3L, "cond_in_l", 0L));
        assertThat(l.top(Top.limit(5).withOrderBy("id_l desc").offset(4)).restrict("cond_in_l=1").fetch())
                .containsExactly(Map.of("id_l", 25L, "cond_in_l", 1L));
        assertThat(ids(l.restrict("cond_in_l=1").top(Top.limit(5).withOrderBy("id_l desc").offset(4)).fetch()))
                .containsExactly(16L, 15L, 11L, 10L, 5L);
        Query chain = l.top(Top.orderBy("id_l desc")).restrict("cond_in_l=1").top(Top.limit(5).withOrderBy("id_l desc"))
                .restrict(List.of("id_l=20", "id_l=16", "id_l=17")).top(Top.limit(2).withOrderBy("id_l asc").offset(1));
        assertThat(ids(chain.fetch())).containsExactly(17L, 20L);
        assertThatThrownBy(() -> l.restrict(List.of("cond_in_l=1", Top.first())))
                .hasMessage("Invalid restriction type Top(limit=1, order_by=['KEY'], offset=0)");
        assertThatThrownBy(() -> l.restrict(AndList.of("cond_in_l=1", Top.first())))
                .hasMessage("Invalid restriction type Top(limit=1, order_by=['KEY'], offset=0)");
        assertThat(simple.table("SelectPK").top(Top.limit(9).withOrderBy("select desc")).fetch()).hasSize(9);
        assertThat(simple.table("KeyPK").top(Top.limit(9).withOrderBy("key desc")).fetch().get(0).get("key")).isEqualTo(9L);
        // Dovetail: a top survives joins and restrictions by it (DataJoint drops it or fails)
        assertThat(l.top(Top.limit(3)).join(a).count()).isEqualTo(30);
        assertThat(a.restrict(l.top(Top.limit(3)).proj("id_a=id_l")).count()).isEqualTo(3);
        assertThat(l.top(Top.limit(3)).proj("x=cond_in_l").count()).isEqualTo(3);
        assertThat(l.top(Top.limit(5).offset(100)).exists()).isFalse();
    }

    private static List<Object> ids(List<Map<String, Object>> rows) {
        return rows.stream().map(r -> r.get("id_l")).toList();
    }
}
