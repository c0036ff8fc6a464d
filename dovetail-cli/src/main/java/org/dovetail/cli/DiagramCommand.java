package org.dovetail.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dovetail.DovetailException;
import org.dovetail.graph.DependencyGraph;
import org.dovetail.graph.Diagram;
import org.dovetail.schema.Schema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code dovetail diagram SCHEMA}: the schema's dependency diagram. */
@Command(name = "diagram", mixinStandardHelpOptions = true,
        description = "Draw the tables of a schema and their foreign keys (with the tables of other schemas they connect "
                + "to). --format mermaid (the default), dot (Graphviz) or svg (laid out by dovetail, no Graphviz "
                + "needed); json gives the nodes and links. Redirect to a file: `dovetail diagram lab --format svg > "
                + "lab.svg`.")
final class DiagramCommand implements Callable<Integer> {
    @ParentCommand
    DovetailCommand global;
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SCHEMA", description = "The schema (database) name.")
    String schema;

    @Override
    public Integer call() {
        try (Database.Opened db = Commands.database(spec, global).open()) {
            String name = Schema.open(db.connection(), schema).name();
            Diagram diagram = Diagram.of(DependencyGraph.load(db.connection(), name), name);
            Output output = Commands.output(spec, global);
            switch (output.format()) {
                case table, mermaid -> output.text(diagram.mermaid());
                case dot -> output.text(diagram.dot());
                case svg -> output.text(diagram.svg());
                case json -> {
                    Map<String, Object> graph = new LinkedHashMap<>();
                    graph.put("nodes", diagram.nodes().stream().map(n -> {
                        Map<String, Object> node = new LinkedHashMap<>();
                        node.put("table", n.fullName());
                        node.put("label", n.label());
                        node.put("tier", n.tier().map(t -> t.displayName()).orElse(null));
                        node.put("external", n.external());
                        return node;
                    }).toList());
                    graph.put("links", diagram.links());
                    output.value(graph);
                }
                default -> throw new DovetailException("--format " + output.format()
                        + " does not apply to a diagram; use mermaid, dot, svg or json");
            }
            return ExitCode.OK.code();
        }
    }
}
