package org.dovetail.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;
import org.dovetail.graph.DependencyGraph;
import org.dovetail.graph.Diagram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code dovetail diagram SCHEMA}: the schema's dependency diagram. */
@Command(name = "diagram", mixinStandardHelpOptions = true,
        description = "Draw the tables of a schema and their foreign keys (with the tables of other schemas they connect "
                + "to). --format mermaid (the default), dot (Graphviz) or svg (laid out by dovetail, no Graphviz "
                + "needed); json gives the nodes and links. Redirect to a file: `dovetail diagram lab --format svg > "
                + "lab.svg`.")
final class DiagramCommand implements Callable<Integer> {
    @Mixin
    CommandTarget.OfSchema schema;

    @Override
    public Integer call() {
        return schema.run(s -> {
            Diagram diagram = Diagram.of(DependencyGraph.load(s.connection(), s.name()), s.name());
            Output output = schema.output();
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
                default -> throw new DovetailException(ErrorCode.USAGE, "--format " + output.format()
                        + " does not apply to a diagram; use mermaid, dot, svg or json");
            }
        });
    }
}
