package org.dovetail.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dovetail.DovetailException;
import org.dovetail.TableName;
import org.junit.jupiter.api.Test;

/** The graph's algorithms on hand-built graphs: DataJoint's topological order, alias nodes, parts. */
class DependencyGraphTest {
    private final Map<String, List<String>> keys = new LinkedHashMap<>();
    private final List<Dependency> foreignKeys = new ArrayList<>();

    private static String t(String table) {
        return "`a`.`" + table + "`";
    }

    private DependencyGraphTest table(String name, String... key) {
        keys.put(t(name), List.of(key));
        return this;
    }

    private DependencyGraphTest fk(String parent, String child, String... childToParent) {
        Map<String, String> attrMap = new LinkedHashMap<>();
        for (int i = 0; i < childToParent.length; i += 2) {
            attrMap.put(childToParent[i], childToParent[i + 1]);
        }
        foreignKeys.add(new Dependency(t(parent), t(child), child + "_ibfk_" + (foreignKeys.size() + 1), attrMap, false, false, false));
        return this;
    }

    private DependencyGraph graph() {
        return DependencyGraph.of(keys, foreignKeys);
    }

    @Test
    void upstreamTopoSortKeepsPartsAfterMastersThatSortAfterThePartsParents() {
        // test_dependencies.py::test_topo_sort: a→m, a→z, m→m__part, z→m__part
        table("a", "x").table("m", "x").table("z", "x").table("m__part", "x")
                .fk("a", "m", "x", "x").fk("a", "z", "x", "x").fk("m", "m__part", "x", "x").fk("z", "m__part", "x", "x");
        assertThat(graph().topologicalOrder()).containsExactly(t("a"), t("z"), t("m"), t("m__part"));
    }

    @Test
    void descendantsOfATableReachingOnlyAPartLeaveOutItsMaster() {
        // test_declare.py::test_descendants_only_contain_part_table (issue #927)
        table("a", "a").table("b", "a", "b").table("master", "table_master").table("master__part", "table_master", "a", "b")
                .fk("a", "b", "a", "a").fk("master", "master__part", "table_master", "table_master")
                .fk("b", "master__part", "a", "a", "b", "b");
        DependencyGraph g = graph();
        assertThat(g.descendants(t("a"))).containsExactly(t("a"), t("b"), t("master__part"));
        assertThat(g.topologicalOrder()).containsExactly(t("a"), t("b"), t("master"), t("master__part"));
        assertThat(g.ancestors(t("master__part"))).containsExactly(t("master__part"), t("master"), t("b"), t("a"));
    }

    @Test
    void aRenamedForeignKeyRunsThroughAnAliasNode() {
        // schema_advanced: InputCell -> Cell and -> Cell.proj(input="cell")
        table("cell", "prep", "slice", "cell").table("input_cell", "prep", "slice", "cell", "input")
                .fk("cell", "input_cell", "prep", "prep", "slice", "slice", "cell", "cell")
                .fk("cell", "input_cell", "prep", "prep", "slice", "slice", "input", "cell");
        DependencyGraph g = graph();
        assertThat(g.nodes()).containsExactly(t("cell"), t("input_cell"), "0");
        assertThat(g.edges()).extracting(Edge::from, Edge::to)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(t("cell"), t("input_cell")),
                        org.assertj.core.groups.Tuple.tuple(t("cell"), "0"), org.assertj.core.groups.Tuple.tuple("0", t("input_cell")));
        assertThat(g.tables()).containsExactly(t("cell"), t("input_cell"));
        List<Dependency> parents = g.parents(t("input_cell"));
        assertThat(parents).hasSize(2).allMatch(d -> d.parent().equals(t("cell")) && d.primary() && d.multi());
        assertThat(parents).extracting(Dependency::aliased).containsExactly(false, true);
        assertThat(parents.get(1).attrMap()).containsExactly(Map.entry("prep", "prep"), Map.entry("slice", "slice"),
                Map.entry("input", "cell"));
        assertThat(g.children(t("cell"))).isEqualTo(parents);
        assertThat(g.descendants(t("cell"))).containsExactly(t("cell"), t("input_cell"));
        assertThat(g.topologicalOrder()).containsExactly(t("cell"), t("input_cell"));
    }

    @Test
    void flagsComeFromTheChildsPrimaryKey() {
        table("user", "username").table("subject", "subject_id").table("experiment", "subject_id", "experiment_id")
                .table("index_rich", "subject_id")
                .fk("subject", "experiment", "subject_id", "subject_id").fk("user", "experiment", "username", "username")
                .fk("subject", "index_rich", "subject_id", "subject_id").fk("user", "index_rich", "first", "username");
        DependencyGraph g = graph();
        assertThat(g.parents(t("experiment"), true)).extracting(Dependency::parent).containsExactly(t("subject"));
        assertThat(g.parents(t("experiment"), false)).extracting(Dependency::parent).containsExactly(t("user"));
        assertThat(g.parents(t("experiment"))).extracting(Dependency::multi).containsExactly(true, true);
        assertThat(g.parents(t("index_rich"))).extracting(Dependency::primary, Dependency::multi, Dependency::aliased)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(true, false, false),
                        org.assertj.core.groups.Tuple.tuple(false, true, true));
        assertThat(g.children(t("user"), false)).extracting(Dependency::child).containsExactly(t("experiment"), t("index_rich"));
    }

    @Test
    void partsAreFoundInSchemasWithAnyName() {
        for (String schema : List.of("q`uote", "it's", "semi;colon -- x", "ünï_名前", "dot.ted", "b`) ; DROP DATABASE x; #", "``")) {
            String master = TableName.of(schema, "#session").quoted();
            String part = TableName.of(schema, "#session__trial").quoted();
            keys.put(master, List.of("s"));
            keys.put(part, List.of("s", "t"));
            foreignKeys.add(new Dependency(master, part, "fk" + foreignKeys.size(), Map.of("s", "s"), false, false, false));
        }
        DependencyGraph g = graph();
        for (String schema : List.of("q`uote", "it's", "semi;colon -- x", "ünï_名前", "dot.ted", "b`) ; DROP DATABASE x; #", "``")) {
            String master = TableName.of(schema, "#session").quoted();
            assertThat(g.masterOf(TableName.of(schema, "#session__trial").quoted())).as(schema).contains(master);
            assertThat(g.isPart(master)).as(schema).isFalse();
            assertThat(g.parts(master)).as(schema).containsExactly(TableName.of(schema, "#session__trial").quoted());
        }
    }

    @Test
    void partsAndMastersAreReadFromNames() {
        table("#outfit_launch", "release_id").table("#outfit_launch__outfit_piece", "release_id", "piece")
                .table("__e", "e").table("__e__f", "e", "f").table("__e__m", "e", "m").table("__b", "b")
                .fk("#outfit_launch", "#outfit_launch__outfit_piece", "release_id", "release_id")
                .fk("__e", "__e__f", "e", "e").fk("__e", "__e__m", "e", "e").fk("__b", "__e__f", "b", "e");
        DependencyGraph g = graph();
        assertThat(g.masterOf(t("#outfit_launch__outfit_piece"))).contains(t("#outfit_launch"));
        assertThat(g.isPart(t("__e__f"))).isTrue();
        assertThat(g.isPart(t("__e"))).isFalse();
        assertThat(g.isPart(t("#outfit_launch"))).isFalse();
        assertThat(g.parts(t("__e"))).containsExactlyInAnyOrder(t("__e__f"), t("__e__m"));
        assertThat(g.parts(t("__b"))).isEmpty();
        List<String> order = g.topologicalOrder();
        assertThat(order.indexOf(t("__b"))).isLessThan(order.indexOf(t("__e")));
        assertThat(order.subList(order.indexOf(t("__e")), order.indexOf(t("__e")) + 3))
                .containsExactlyInAnyOrder(t("__e"), t("__e__f"), t("__e__m"));
        assertThat(order.get(order.indexOf(t("#outfit_launch")) + 1)).isEqualTo(t("#outfit_launch__outfit_piece"));
    }

    @Test
    void everyMasterIsFollowedByItsPartsEvenWhenAPartDependsOnAnotherPart() {
        // schema_simple's E with parts F(-> B.C), G, H, M(-> E.H)
        table("#a", "a").table("__b", "a", "b").table("__b__c", "a", "b", "c").table("__e", "a", "b").table("__e__h", "a", "b", "h")
                .table("__e__m", "a", "b", "m").table("__e__f", "a", "b", "f")
                .fk("#a", "__b", "a", "a").fk("__b", "__b__c", "a", "a", "b", "b").fk("__b", "__e", "a", "a", "b", "b")
                .fk("__e", "__e__f", "a", "a", "b", "b").fk("__b__c", "__e__f", "a", "a", "b", "b", "f", "c")
                .fk("__e", "__e__h", "a", "a", "b", "b").fk("__e", "__e__m", "a", "a", "b", "b")
                .fk("__e__h", "__e__m", "a", "a", "b", "b", "m", "h");
        assertThat(graph().topologicalOrder()).containsExactly(t("#a"), t("__b"), t("__b__c"), t("__e"), t("__e__h"),
                t("__e__m"), t("__e__f"));
    }

    @Test
    void aCycleIsAnError() {
        table("x", "id").table("y", "id").fk("x", "y", "id", "id").fk("y", "x", "id", "id");
        assertThatThrownBy(this::graph).isInstanceOf(DovetailException.class)
                .hasMessage("DataJoint can only work with acyclic dependencies");
    }

    @Test
    void aPartsParentThatDependsOnTheMasterDoesNotMakeACycle() {
        // DataJoint adds x → m here and fails; the order stays valid without that edge
        table("m", "id").table("x", "id").table("m__p", "id").fk("m", "x", "id", "id").fk("m", "m__p", "id", "id")
                .fk("x", "m__p", "id", "id");
        assertThat(graph().topologicalOrder()).containsExactly(t("m"), t("m__p"), t("x"));
    }
}
