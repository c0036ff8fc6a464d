package org.dovetail.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;

/**
 * DataJoint's {@code topo_sort}: alias nodes bridged and removed, masters sorted after everything
 * their parts depend on, then each master immediately followed by its parts. Among tables with no
 * order between them, the one given first comes first.
 */
final class TopologicalSort {
    private final List<String> nodes = new ArrayList<>();
    private final Map<String, Set<String>> out = new LinkedHashMap<>();

    private TopologicalSort(List<String> nodes, List<Edge> edges) {
        Set<String> inGraph = new HashSet<>(nodes);
        for (String node : nodes) {
            out.put(node, new LinkedHashSet<>());
        }
        for (Edge e : edges) {
            if (inGraph.contains(e.from()) && inGraph.contains(e.to())) {
                out.get(e.from()).add(e.to());
            }
        }
        this.nodes.addAll(nodes);
    }

    /** The tables of {@code nodes} (alias nodes dropped) in DataJoint's topological order. */
    static List<String> sort(List<String> nodes, List<Edge> edges) {
        TopologicalSort sort = new TopologicalSort(nodes, edges);
        sort.bridgeAliasNodes();
        sort.orderMastersAfterTheirPartsParents();
        return sort.movePartsAfterMasters(sort.kahn());
    }

    private void bridgeAliasNodes() {
        for (String alias : nodes.stream().filter(DependencyGraph::isAliasNode).toList()) {
            List<String> from = out.keySet().stream().filter(n -> out.get(n).contains(alias)).toList();
            Set<String> to = out.get(alias);
            if (from.size() == 1 && to.size() == 1) {
                out.get(from.get(0)).addAll(to);
            }
            out.remove(alias);
            out.values().forEach(targets -> targets.remove(alias));
        }
        nodes.removeIf(DependencyGraph::isAliasNode);
    }

    /**
     * For every part whose master is in the graph, an edge to the master from each parent of the
     * part that is neither the master nor another of its parts. DataJoint adds the edge even when
     * the parent itself depends on the master, and then fails on the cycle; such an edge is skipped here.
     */
    private void orderMastersAfterTheirPartsParents() {
        for (String part : nodes) {
            Optional<String> master = DependencyGraph.masterName(part).filter(out::containsKey);
            if (master.isEmpty()) {
                continue;
            }
            for (String parent : nodes) {
                boolean isParent = out.get(parent).contains(part);
                boolean sibling = parent.equals(master.get()) || master.equals(DependencyGraph.masterName(parent));
                if (isParent && !sibling && !reaches(master.get(), parent)) {
                    out.get(parent).add(master.get());
                }
            }
        }
    }

    private boolean reaches(String from, String target) {
        Deque<String> todo = new ArrayDeque<>(List.of(from));
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            String node = todo.pop();
            if (node.equals(target)) {
                return true;
            }
            if (seen.add(node)) {
                todo.addAll(out.get(node));
            }
        }
        return false;
    }

    private List<String> kahn() {
        Map<String, Integer> position = new HashMap<>();
        Map<String, Integer> inDegree = new HashMap<>();
        for (String node : nodes) {
            position.put(node, position.size());
            inDegree.put(node, 0);
        }
        out.values().forEach(targets -> targets.forEach(t -> inDegree.merge(t, 1, Integer::sum)));
        PriorityQueue<String> ready = new PriorityQueue<>((a, b) -> Integer.compare(position.get(a), position.get(b)));
        nodes.stream().filter(n -> inDegree.get(n) == 0).forEach(ready::add);
        List<String> sorted = new ArrayList<>();
        while (!ready.isEmpty()) {
            String node = ready.poll();
            sorted.add(node);
            for (String child : out.get(node)) {
                if (inDegree.merge(child, -1, Integer::sum) == 0) {
                    ready.add(child);
                }
            }
        }
        if (sorted.size() != nodes.size()) {
            throw new DovetailException(ErrorCode.DEPENDENCY_CYCLE, "DataJoint can only work with acyclic dependencies");
        }
        return sorted;
    }

    /** Walking from the end, moves each part (once) to just after its master, as DataJoint does. */
    private List<String> movePartsAfterMasters(List<String> sorted) {
        List<String> result = new ArrayList<>(sorted);
        Set<String> placed = new HashSet<>();
        int pos = result.size() - 1;
        while (pos > 1) {
            String part = result.get(pos);
            Optional<String> master = DependencyGraph.masterName(part).filter(out::containsKey);
            if (master.isEmpty() || placed.contains(part)) {
                pos--;
            } else {
                placed.add(part);
                int insertAt = result.indexOf(master.get()) + 1;
                if (pos > insertAt) {
                    result.remove(pos);
                    result.add(insertAt, part);
                }
            }
        }
        return result;
    }
}
