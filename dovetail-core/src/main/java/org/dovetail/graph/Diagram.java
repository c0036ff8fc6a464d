package org.dovetail.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.dovetail.TableName;
import org.dovetail.internal.declare.TableNames;
import org.dovetail.schema.Tier;

/**
 * A diagram of the tables of one schema and the foreign keys between them, with the tables of
 * other schemas they reference or are referenced by, as Mermaid, Graphviz DOT or SVG (laid out
 * here, no Graphviz needed). Styles follow DataJoint's diagrams: a colour per tier, parts in
 * small type, solid lines for foreign keys in the primary key, dashed for the others, and
 * renamed foreign keys in orange.
 *
 * <pre>{@code
 * Diagram diagram = Diagram.of(DependencyGraph.load(connection, "lab"), "lab");
 * Files.writeString(Path.of("lab.svg"), diagram.svg());
 * String mermaid = diagram.mermaid();     // for Markdown pages
 * }</pre>
 */
public final class Diagram {
    /**
     * A table of the diagram.
     *
     * @param fullName {@code `db`.`tbl`}
     * @param label    the class name, prefixed with the schema for tables of other schemas
     * @param tier     the tier from the name, empty if it follows none
     * @param external true for a table of another schema
     */
    public record Node(String fullName, String label, Optional<Tier> tier, boolean external) {
    }

    /**
     * A foreign key of the diagram.
     *
     * @param from    the parent's full name
     * @param to      the child's full name
     * @param primary part of the child's primary key
     * @param renamed a renamed ({@code .proj}) foreign key
     */
    public record Link(String from, String to, boolean primary, boolean renamed) {
    }

    private final List<Node> nodes;
    private final List<Link> links;

    private Diagram(List<Node> nodes, List<Link> links) {
        this.nodes = List.copyOf(nodes);
        this.links = List.copyOf(links);
    }

    /** The tables of {@code schema} in {@code graph}, with their neighbours in other schemas, in topological order. */
    public static Diagram of(DependencyGraph graph, String schema) {
        Map<String, Node> nodes = new LinkedHashMap<>();
        List<Link> links = new ArrayList<>();
        for (String table : graph.topologicalOrder()) {
            TableName name = TableName.parse(table);
            if (name.schema().equals(schema)) {
                nodes.put(table, new Node(table, TableNames.className(name.table()), Tier.ofSqlName(name.table()), false));
            }
        }
        for (String table : List.copyOf(nodes.keySet())) {
            for (Dependency d : graph.parents(table)) {
                addNeighbour(nodes, d.parent());
                links.add(new Link(d.parent(), d.child(), d.primary(), d.aliased()));
            }
            for (Dependency d : graph.children(table)) {
                if (!nodes.containsKey(d.child()) || nodes.get(d.child()).external()) {
                    addNeighbour(nodes, d.child());
                    links.add(new Link(d.parent(), d.child(), d.primary(), d.aliased()));
                }
            }
        }
        List<Node> ordered = graph.topologicalOrder().stream().filter(nodes::containsKey).map(nodes::get).toList();
        return new Diagram(ordered, links);
    }

    private static void addNeighbour(Map<String, Node> nodes, String table) {
        if (!nodes.containsKey(table)) {
            TableName name = TableName.parse(table);
            nodes.put(table, new Node(table, name.schema() + "." + TableNames.className(name.table()), Tier.ofSqlName(name.table()), true));
        }
    }

    /** The tables, parents before children. */
    public List<Node> nodes() {
        return nodes;
    }

    /** The foreign keys, one per constraint. */
    public List<Link> links() {
        return links;
    }

    /** A Mermaid flowchart, for Markdown pages that render Mermaid. */
    public String mermaid() {
        StringBuilder out = new StringBuilder("flowchart TD\n");
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            out.append("    n").append(i).append("[\"").append(n.label().replace("\"", "#quot;")).append("\"]:::")
                    .append(styleName(n)).append('\n');
        }
        for (Link l : links) {
            String arrow = l.primary() ? " --> " : " -.-> ";
            out.append("    n").append(index(l.from())).append(arrow).append("n").append(index(l.to())).append('\n');
        }
        for (int i = 0; i < links.size(); i++) {
            if (links.get(i).renamed()) {
                out.append("    linkStyle ").append(i).append(" stroke:").append(Style.RENAMED).append('\n');
            }
        }
        for (Style s : Style.values()) {
            out.append("    classDef ").append(s.name().toLowerCase(Locale.ROOT)).append(" fill:").append(s.fill)
                    .append(",stroke:").append(s.stroke).append(",color:#000\n");
        }
        return out.toString();
    }

    /** A Graphviz DOT digraph. */
    public String dot() {
        StringBuilder out = new StringBuilder("digraph dependencies {\n    rankdir=TB;\n    node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\"];\n");
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            Style s = style(n);
            out.append("    n").append(i).append(" [label=\"").append(n.label().replace("\"", "\\\"")).append("\", fillcolor=\"")
                    .append(s.fill).append("\", color=\"").append(s.stroke).append('"')
                    .append(s == Style.PART ? ", shape=plaintext, fontsize=10" : "").append("];\n");
        }
        for (Link l : links) {
            out.append("    n").append(index(l.from())).append(" -> n").append(index(l.to()));
            List<String> attributes = new ArrayList<>();
            if (!l.primary()) {
                attributes.add("style=dashed");
            }
            if (l.renamed()) {
                attributes.add("color=\"" + Style.RENAMED + "\"");
            }
            out.append(attributes.isEmpty() ? "" : " [" + String.join(", ", attributes) + "]").append(";\n");
        }
        return out.append("}\n").toString();
    }

    /** A standalone SVG image, laid out in layers from the roots down. */
    public String svg() {
        return new SvgLayout(this).render();
    }

    int index(String fullName) {
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).fullName().equals(fullName)) {
                return i;
            }
        }
        throw new IllegalArgumentException("not in the diagram: " + fullName);
    }

    static Style style(Node n) {
        if (n.external()) {
            return Style.EXTERNAL;
        }
        return n.tier().map(t -> switch (t) {
            case MANUAL -> Style.MANUAL;
            case LOOKUP -> Style.LOOKUP;
            case IMPORTED -> Style.IMPORTED;
            case COMPUTED -> Style.COMPUTED;
            case PART -> Style.PART;
        }).orElse(Style.EXTERNAL);
    }

    private static String styleName(Node n) {
        return style(n).name().toLowerCase(Locale.ROOT);
    }

    /** DataJoint's tier colours. */
    enum Style {
        MANUAL("#d0f0d0", "#2e7d32"),
        LOOKUP("#e6e6e6", "#616161"),
        IMPORTED("#cfe2f3", "#1f4e79"),
        COMPUTED("#f4cccc", "#a61c00"),
        PART("#ffffff", "#9e9e9e"),
        EXTERNAL("#fff8e1", "#9e9e9e");

        static final String RENAMED = "#e69138";
        final String fill;
        final String stroke;

        Style(String fill, String stroke) {
            this.fill = fill;
            this.stroke = stroke;
        }
    }
}
