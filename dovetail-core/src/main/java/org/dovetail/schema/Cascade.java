package org.dovetail.schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dovetail.AccessException;
import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;
import org.dovetail.InvalidOperationException;
import org.dovetail.MissingPrivilegeException;
import org.dovetail.TableName;
import org.dovetail.connection.Connection;
import org.dovetail.graph.Dependency;
import org.dovetail.graph.DependencyGraph;
import org.dovetail.query.Query;

/**
 * Plans a cascading delete from the foreign-key graph: every descendant table, in any schema, is
 * restricted to the rows that reference rows being deleted — by copying the parent's restriction
 * when it only names attributes the foreign key carries unchanged, by a semijoin otherwise
 * (renamed foreign keys included) — and its rows are counted. DataJoint's master/part rules are
 * checked, and the privileges the delete needs, before anything is deleted.
 */
final class Cascade {
    private static final int MAX_MASTER_ROUNDS = 50;

    private final Connection connection;
    private final Table root;
    private final Set<DeleteOption> options;
    private final DependencyGraph graph;
    /** Extra restrictions (explicit key lists) of masters added by FORCE_MASTERS. */
    private final Map<String, List<Map<String, Object>>> masterKeys = new LinkedHashMap<>();

    Cascade(Table root, Set<DeleteOption> options) {
        this.connection = root.connection();
        this.root = root;
        this.options = options;
        this.graph = SchemaGraph.around(connection, root.fullName());
    }

    DeletePlan plan() {
        for (int round = 0; round < MAX_MASTER_ROUNDS; round++) {
            Map<String, Table> restricted = restrict();
            Map<String, Long> counts = count(restricted);
            String orphanPart = partWithoutMaster(counts);
            if (orphanPart == null) {
                checkPrivileges(counts);
                List<TableRows> rows = new ArrayList<>();
                counts.forEach((t, n) -> rows.add(new TableRows(t, n)));
                return new DeletePlan(connection, root.fullName(), rows, restricted);
            }
            String master = graph.masterOf(orphanPart).orElseThrow();
            if (!options.contains(DeleteOption.FORCE_MASTERS)) {
                throw new InvalidOperationException("Attempt to delete part table " + orphanPart + " before deleting from its master "
                        + master + " first.");
            }
            Table masterTable = Table.open(root.dovetail(), master);
            Query keys = masterTable.proj().restrict(restricted.get(orphanPart).proj());
            masterKeys.computeIfAbsent(master, m -> new ArrayList<>()).addAll(keys.fetch());
        }
        throw new DovetailException(ErrorCode.INCOMPLETE, "Exceeded maximum number of delete attempts.");
    }

    /** Every table to delete from, restricted, in topological order. */
    private Map<String, Table> restrict() {
        Set<String> tables = new LinkedHashSet<>(SchemaGraph.descendants(graph, root.fullName()));
        for (String master : masterKeys.keySet()) {
            tables.addAll(SchemaGraph.descendants(graph, master));
        }
        Map<String, Table> restricted = new LinkedHashMap<>();
        for (String table : graph.topologicalOrder()) {
            if (!tables.contains(table)) {
                continue;
            }
            if (table.equals(root.fullName())) {
                restricted.put(table, root);
                continue;
            }
            restricted.put(table, restrictChild(table, restricted));
        }
        return restricted;
    }

    private Table restrictChild(String table, Map<String, Table> restricted) {
        Table child = Table.open(root.dovetail(), table);
        List<Object> conditions = new ArrayList<>();
        List<Dependency> incoming = graph.parents(table).stream().filter(d -> restricted.containsKey(d.parent())).toList();
        if (masterKeys.containsKey(table)) {
            conditions.add(masterKeys.get(table));
        }
        if (incoming.size() == 1 && conditions.isEmpty() && copyable(incoming.get(0), restricted.get(incoming.get(0).parent()))) {
            Table parent = restricted.get(incoming.get(0).parent());
            return child.restrictedLike(parent);
        }
        for (Dependency d : incoming) {
            conditions.add(semijoin(d, restricted.get(d.parent())));
        }
        return conditions.isEmpty() ? child.restrict(false) : child.restrict(conditions);
    }

    /** The parent's restriction can be copied when it only names attributes the foreign key carries under the same names. */
    private static boolean copyable(Dependency d, Table parent) {
        return !d.aliased() && d.attrMap().keySet().containsAll(parent.restrictedBy());
    }

    /** The parent's rows as the child names their key: {@code parent.proj(child_attr = parent_attr, ...)}. */
    private static Query semijoin(Dependency d, Table parent) {
        List<String> renames = new ArrayList<>();
        d.attrMap().forEach((childAttribute, parentAttribute) -> renames.add(childAttribute + "=" + parentAttribute));
        return d.aliased() ? parent.proj(renames.toArray(String[]::new)) : parent.proj();
    }

    private Map<String, Long> count(Map<String, Table> restricted) {
        Map<String, Long> counts = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        restricted.forEach((table, t) -> {
            try {
                counts.put(table, t.count());
            } catch (AccessException e) {
                missing.add("SELECT on " + table);
                counts.put(table, 0L);
            }
        });
        if (!missing.isEmpty()) {
            throw new MissingPrivilegeException("delete from " + root.fullName(), missing, true);
        }
        return counts;
    }

    /**
     * A part table with rows to delete whose master has none (DataJoint's part integrity), unless
     * FORCE_PARTS; parts of Lookup masters are not checked, as in DataJoint.
     */
    private String partWithoutMaster(Map<String, Long> counts) {
        if (options.contains(DeleteOption.FORCE_PARTS)) {
            return null;
        }
        Set<String> deleted = new HashSet<>();
        counts.forEach((t, n) -> {
            if (n > 0) {
                deleted.add(t);
            }
        });
        deleted.add(root.fullName());
        for (String table : counts.keySet()) {
            if (!deleted.contains(table)) {
                continue;
            }
            String master = graph.masterOf(table).orElse(null);
            if (master != null && !TableName.parse(master).table().startsWith("#") && !deleted.contains(master)) {
                return table;
            }
        }
        return null;
    }

    private void checkPrivileges(Map<String, Long> counts) {
        Grants grants = Grants.ofCurrentUser(connection).orElse(null);
        if (grants == null) {
            return;
        }
        List<String> missing = new ArrayList<>();
        counts.forEach((table, n) -> {
            TableName name = TableName.parse(table);
            if (n > 0 && !grants.has("DELETE", name.schema(), name.table())) {
                missing.add("DELETE on " + table);
            }
        });
        if (!missing.isEmpty()) {
            throw new MissingPrivilegeException("delete from " + root.fullName(), missing, true);
        }
    }
}
