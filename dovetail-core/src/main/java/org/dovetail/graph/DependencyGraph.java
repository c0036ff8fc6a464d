package org.dovetail.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dovetail.TableName;
import org.dovetail.connection.Connection;

/**
 * The foreign-key graph of one or more schemas, read from {@code information_schema} as DataJoint
 * reads it: tables are nodes, foreign keys are edges, and a renamed foreign key runs through an
 * alias node. A snapshot: load it again after declaring or dropping tables.
 *
 * <pre>{@code
 * DependencyGraph graph = DependencyGraph.load(connection, "lab", "lab_ephys");
 * graph.children("`lab`.`subject`");        // the foreign keys that reference subject
 * graph.descendants("`lab`.`subject`");     // subject and every table below it, parents first
 * graph.topologicalOrder();                 // every table, each master followed by its parts
 * }</pre>
 *
 * <p>Tables are named by their full names {@code `db`.`tbl`}. Hidden tables ({@code ~log},
 * {@code ~external_...}) are not in the graph. Tables of other schemas appear when a foreign key
 * connects them to a loaded schema.
 */
public final class DependencyGraph {
    /**
     * DataJoint's dependency-module regex, on the table's SQL name: a part's master, allowing
     * Lookup ({@code #}) masters. The schema name may hold any character.
     */
    private static final Pattern PART = Pattern.compile("(#?\\w+)__\\w+");
    private static final Pattern ALIAS = Pattern.compile("\\d+");

    private final Map<String, List<String>> primaryKeys;
    private final List<String> nodes = new ArrayList<>();
    private final List<Edge> edges = new ArrayList<>();
    private final List<String> order;

    private DependencyGraph(Map<String, List<String>> primaryKeys, List<Dependency> foreignKeys) {
        this.primaryKeys = new LinkedHashMap<>(primaryKeys);
        Set<String> nodeSet = new LinkedHashSet<>(primaryKeys.keySet());
        int aliases = 0;
        for (Dependency d : foreignKeys) {
            nodeSet.add(d.parent());
            nodeSet.add(d.child());
            if (d.aliased()) {
                String alias = Integer.toString(aliases++);
                nodeSet.add(alias);
                edges.add(new Edge(d.parent(), alias, d));
                edges.add(new Edge(alias, d.child(), d));
            } else {
                edges.add(new Edge(d.parent(), d.child(), d));
            }
        }
        nodes.addAll(nodeSet);
        this.order = TopologicalSort.sort(nodes, edges);
    }

    /**
     * Reads the graph of the tables of {@code schemas}, with the tables of other schemas that
     * their foreign keys connect them to.
     *
     * @throws org.dovetail.DovetailException if the foreign keys form a cycle
     */
    public static DependencyGraph load(Connection connection, String... schemas) {
        return load(connection, List.of(schemas));
    }

    /** As {@link #load(Connection, String...)}. */
    public static DependencyGraph load(Connection connection, Collection<String> schemas) {
        GraphQueries queries = new GraphQueries(connection);
        List<GraphQueries.ForeignKeyRow> rows = queries.foreignKeys(schemas);
        Map<String, List<String>> keys = queries.primaryKeys(schemas);
        Set<String> otherTables = new LinkedHashSet<>();
        rows.forEach(r -> {
            otherTables.add(r.parent());
            otherTables.add(r.child());
        });
        otherTables.removeAll(keys.keySet());
        Map<String, List<String>> otherKeys = queries.primaryKeysOf(otherTables);
        List<Dependency> dependencies = GraphQueries.dependencies(rows, t -> keys.getOrDefault(t, otherKeys.getOrDefault(t, List.of())));
        return new DependencyGraph(keys, dependencies);
    }

    /**
     * A graph of the given tables (full name → primary-key attributes) and foreign keys, for
     * tables that are not in a database yet. The dependencies' flags are computed again from the
     * primary keys; tables that only foreign keys name are added as nodes.
     */
    public static DependencyGraph of(Map<String, List<String>> primaryKeys, List<Dependency> foreignKeys) {
        Function<String, List<String>> keyOf = t -> primaryKeys.getOrDefault(t, List.of());
        List<Dependency> normalised = foreignKeys.stream()
                .map(d -> GraphQueries.dependency(d.parent(), d.child(), d.constraint(), d.attrMap(), keyOf.apply(d.child())))
                .toList();
        return new DependencyGraph(primaryKeys, normalised);
    }

    /** True if {@code node} is an alias node ({@code "0"}, {@code "1"}, ...) rather than a table. */
    public static boolean isAliasNode(String node) {
        return ALIAS.matcher(node).matches();
    }

    /** Every table of the graph, in the order they were read (schema, then table name). */
    public List<String> tables() {
        return nodes.stream().filter(n -> !isAliasNode(n)).toList();
    }

    /** The tables and alias nodes, as DataJoint's graph holds them. */
    public List<String> nodes() {
        return List.copyOf(nodes);
    }

    /** The edges, as DataJoint's graph holds them (renamed foreign keys through alias nodes). */
    public List<Edge> edges() {
        return List.copyOf(edges);
    }

    /** True if the table is in the graph. */
    public boolean contains(String table) {
        return nodes.contains(table) && !isAliasNode(table);
    }

    /** The primary-key attributes of a table of a loaded schema, in column order; empty for other tables. */
    public List<String> primaryKey(String table) {
        return primaryKeys.getOrDefault(table, List.of());
    }

    /** Every foreign key of {@code table}, in the order read; a parent appears once per foreign key. */
    public List<Dependency> parents(String table) {
        return dependencies(table, Dependency::child);
    }

    /** The foreign keys of {@code table} that are ({@code primary}) or are not part of its primary key. */
    public List<Dependency> parents(String table, boolean primary) {
        return parents(table).stream().filter(d -> d.primary() == primary).toList();
    }

    /** Every foreign key that references {@code table}; a child appears once per foreign key. */
    public List<Dependency> children(String table) {
        return dependencies(table, Dependency::parent);
    }

    /** The foreign keys referencing {@code table} that are ({@code primary}) or are not part of the child's primary key. */
    public List<Dependency> children(String table, boolean primary) {
        return children(table).stream().filter(d -> d.primary() == primary).toList();
    }

    /**
     * {@code table} followed by every table that depends on it, directly or not, in topological
     * order (parents before children, each master followed by its parts): the order to insert in,
     * and, reversed, the order to delete in.
     */
    public List<String> descendants(String table) {
        List<String> result = new ArrayList<>(List.of(table));
        result.addAll(TopologicalSort.sort(reachable(table, true), edges));
        return result;
    }

    /** {@code table} followed by every table it depends on, directly or not, nearest first (reverse topological order). */
    public List<String> ancestors(String table) {
        List<String> sorted = new ArrayList<>(TopologicalSort.sort(reachable(table, false), edges));
        Collections.reverse(sorted);
        sorted.add(0, table);
        return sorted;
    }

    /** Every table of the graph in topological order; each master is immediately followed by its parts. */
    public List<String> topologicalOrder() {
        return List.copyOf(order);
    }

    /** The part tables of {@code master} in the graph, in topological order. */
    public List<String> parts(String master) {
        String prefix = master.substring(0, master.length() - 1) + "__";
        return order.stream().filter(t -> t.startsWith(prefix)).toList();
    }

    /** True if the table's name is a part table's name ({@code `db`.`master__part`}). */
    public boolean isPart(String table) {
        return masterName(table).isPresent();
    }

    /**
     * The master of a part table, read from its name as DataJoint's dependency module reads it
     * ({@code `db`.`#a__b`} → {@code `db`.`#a`}); empty for a table that is not a part.
     */
    public Optional<String> masterOf(String table) {
        return masterName(table);
    }

    static Optional<String> masterName(String table) {
        if (!table.startsWith("`")) {
            return Optional.empty(); // an alias node
        }
        TableName name = TableName.parse(table);
        Matcher m = PART.matcher(name.table());
        return m.matches() ? Optional.of(TableName.of(name.schema(), m.group(1)).quoted()) : Optional.empty();
    }

    private List<Dependency> dependencies(String table, Function<Dependency, String> side) {
        List<Dependency> result = new ArrayList<>();
        Set<Dependency> seen = new HashSet<>();
        for (Edge e : edges) {
            Dependency d = e.dependency();
            if (side.apply(d).equals(table) && seen.add(d)) {
                result.add(d);
            }
        }
        return result;
    }

    /** The nodes (alias nodes included) reachable from {@code table} along ({@code down}) or against the edges, without it. */
    private List<String> reachable(String table, boolean down) {
        Set<String> found = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(table));
        while (!todo.isEmpty()) {
            String node = todo.pop();
            for (Edge e : edges) {
                String next = down ? (e.from().equals(node) ? e.to() : null) : (e.to().equals(node) ? e.from() : null);
                if (next != null && found.add(next)) {
                    todo.push(next);
                }
            }
        }
        return nodes.stream().filter(found::contains).toList();
    }
}
