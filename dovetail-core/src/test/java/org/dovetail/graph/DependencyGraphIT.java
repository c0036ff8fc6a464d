package org.dovetail.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;
import java.util.Map;
import org.dovetail.Dovetail;
import org.dovetail.TestConfigs;
import org.dovetail.schema.Schema;
import org.dovetail.schema.Tier;
import org.dovetail.schema.Upstream;
import org.dovetail.testkit.DovetailTest;
import org.dovetail.testkit.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The graph read from a real database: DataJoint's schema_advanced, tables of schema_any (test1) and a second schema. */
@DovetailTest
class DependencyGraphIT {
    private static Dovetail connection;
    private static Schema advanced;
    private static Schema test1;
    private static Schema other;

    @BeforeAll
    static void declare(TestDatabase db) {
        connection = Dovetail.connect(TestConfigs.of(db));
        advanced = connection.createSchema(db.schema("advanced"));
        advanced.declare(Tier.MANUAL, "Person", "person_id : int\n----\nfull_name : varchar(60)\nsex : enum('M','F')");
        advanced.declare(Tier.MANUAL, "Parent", "-> Person\nparent_sex  : enum('M','F')\n---\n-> Person.proj(parent='person_id')");
        advanced.declare(Tier.MANUAL, "Prep", "prep   : int");
        advanced.declare(Tier.MANUAL, "Slice", "-> Prep\nslice  : int");
        advanced.declare(Tier.MANUAL, "Cell", "-> Slice\ncell  : int");
        advanced.declare(Tier.MANUAL, "InputCell", "  # a synapse within the slice\n-> Cell\n-> Cell.proj(input=\"cell\")");
        advanced.declare(Tier.MANUAL, "LocalSynapse", "-> Cell.proj(presynaptic='cell')\n-> Cell.proj(postsynaptic='cell')");

        test1 = connection.createSchema(db.schema("test1"));
        Upstream.declareSchemaAny(test1, "User", "Subject", "Experiment", "Trial", "Ephys");

        other = connection.createSchema(db.schema("other")).withAlias("test1", test1.name());
        other.declare(Tier.MANUAL, "Session", "-> test1.Subject\nsession : int");
    }

    @AfterAll
    static void close() {
        connection.close();
    }

    @Test
    void aliasNodesCarryRenamedForeignKeys() {
        DependencyGraph g = DependencyGraph.load(connection.connection(), advanced.name());
        String cell = advanced.fullName("cell");
        String inputCell = advanced.fullName("input_cell");
        assertThat(g.parents(inputCell)).extracting(Dependency::parent, Dependency::aliased, Dependency::attrMap).containsExactly(
                tuple(cell, false, Map.of("prep", "prep", "slice", "slice", "cell", "cell")),
                tuple(cell, true, Map.of("prep", "prep", "slice", "slice", "input", "cell")));
        assertThat(g.parents(inputCell).get(1).attrMap().keySet()).containsExactly("prep", "slice", "input");
        List<String> aliasNodes = g.nodes().stream().filter(DependencyGraph::isAliasNode).toList();
        assertThat(aliasNodes).hasSize(4); // Parent's parent, InputCell's input, LocalSynapse's two
        assertThat(g.edges()).filteredOn(e -> e.to().equals(inputCell)).extracting(Edge::from)
                .containsExactlyInAnyOrder(cell, aliasNodes.stream().filter(a -> g.edges().contains(
                        new Edge(a, inputCell, g.parents(inputCell).get(1)))).findFirst().orElseThrow());
        assertThat(g.children(cell)).extracting(Dependency::child)
                .containsExactly(inputCell, inputCell, advanced.fullName("local_synapse"), advanced.fullName("local_synapse"));
        assertThat(g.children(advanced.fullName("person"), false)).extracting(Dependency::child, Dependency::constraint)
                .containsExactly(tuple(advanced.fullName("parent"), "parent_ibfk_2"));
        assertThat(g.primaryKey(inputCell)).containsExactly("prep", "slice", "cell", "input");
    }

    @Test
    void descendantsAncestorsAndTopologicalOrder() {
        DependencyGraph g = DependencyGraph.load(connection.connection(), advanced.name());
        assertThat(g.descendants(advanced.fullName("slice"))).containsExactly(advanced.fullName("slice"),
                advanced.fullName("cell"), advanced.fullName("input_cell"), advanced.fullName("local_synapse"));
        assertThat(g.ancestors(advanced.fullName("input_cell"))).containsExactly(advanced.fullName("input_cell"),
                advanced.fullName("cell"), advanced.fullName("slice"), advanced.fullName("prep"));
        List<String> order = g.topologicalOrder();
        assertThat(order).containsExactlyInAnyOrder(advanced.fullName("person"), advanced.fullName("parent"),
                advanced.fullName("prep"), advanced.fullName("slice"), advanced.fullName("cell"),
                advanced.fullName("input_cell"), advanced.fullName("local_synapse"));
        assertThat(order.indexOf(advanced.fullName("person"))).isLessThan(order.indexOf(advanced.fullName("parent")));
        assertThat(order.indexOf(advanced.fullName("cell"))).isLessThan(order.indexOf(advanced.fullName("local_synapse")));
    }

    @Test
    void upstreamDependencyChecksOnTest1() {
        // test-schemas.md case 11
        DependencyGraph g = DependencyGraph.load(connection.connection(), test1.name());
        String experiment = test1.fullName("_experiment");
        String trial = test1.fullName("_trial");
        assertThat(g.parents(experiment, false)).extracting(Dependency::parent).containsExactly(test1.fullName("#user"));
        assertThat(g.children(test1.fullName("#user"), false)).extracting(Dependency::child).contains(experiment);
        assertThat(g.descendants(test1.fullName("#subject"))).contains(experiment);
        assertThat(g.children(trial, true)).extracting(Dependency::child)
                .containsExactlyInAnyOrder(test1.fullName("_ephys"), test1.fullName("_trial__condition"));
        assertThat(g.parts(trial)).containsExactly(test1.fullName("_trial__condition"));
        assertThat(g.masterOf(test1.fullName("_trial__condition"))).contains(trial);
        List<String> order = g.topologicalOrder();
        assertThat(order.get(order.indexOf(trial) + 1)).isEqualTo(test1.fullName("_trial__condition"));
        assertThat(order).doesNotContain(test1.fullName("~log"));
    }

    @Test
    void foreignKeysAcrossSchemasBringInTheOtherSchemasTables() {
        String session = other.fullName("session");
        String subject = test1.fullName("#subject");
        DependencyGraph fromOther = DependencyGraph.load(connection.connection(), other.name());
        assertThat(fromOther.tables()).containsExactly(session, subject);
        assertThat(fromOther.parents(session)).extracting(Dependency::parent, Dependency::primary).containsExactly(tuple(subject, true));
        DependencyGraph fromTest1 = DependencyGraph.load(connection.connection(), test1.name());
        assertThat(fromTest1.children(subject)).extracting(Dependency::child).contains(session);
        assertThat(fromTest1.descendants(subject)).contains(session);
        assertThat(fromTest1.parents(session)).extracting(Dependency::primary).containsExactly(true);
        DependencyGraph both = DependencyGraph.load(connection.connection(), test1.name(), other.name());
        assertThat(both.topologicalOrder().indexOf(subject)).isLessThan(both.topologicalOrder().indexOf(session));
    }
}
