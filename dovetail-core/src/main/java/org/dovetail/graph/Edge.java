package org.dovetail.graph;

/**
 * An edge of the graph as DataJoint stores it. A renamed foreign key is two edges through an
 * alias node ({@code "0"}, {@code "1"}, ...): parent → alias and alias → child, both carrying
 * the same {@link Dependency}; any other foreign key is one edge parent → child.
 *
 * <pre>{@code
 * graph.edges().stream().filter(e -> DependencyGraph.isAliasNode(e.to())).count(); // renamed foreign keys
 * }</pre>
 *
 * @param from       a full table name or an alias node
 * @param to         a full table name or an alias node
 * @param dependency the foreign key the edge belongs to
 */
public record Edge(String from, String to, Dependency dependency) {
}
