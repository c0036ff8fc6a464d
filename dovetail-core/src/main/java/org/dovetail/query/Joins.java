package org.dovetail.query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.dovetail.InvalidQueryException;

/** DataJoint's join, aggregation and union, with the subquery rules of each. */
final class Joins {
    private Joins() {
    }

    /**
     * Operands are compatible unless an attribute is secondary in both (DataJoint 0.14 has no
     * attribute lineage: names match textually).
     */
    static void checkCompatible(State a, State b) {
        Set<String> secondary = new HashSet<>(a.secondary());
        for (String name : b.secondary()) {
            if (secondary.contains(name)) {
                throw new InvalidQueryException("Cannot join query expressions on dependent attribute `" + name + "`");
            }
        }
    }

    static State join(State q1, State q2, boolean semanticCheck, boolean left) {
        if (semanticCheck) {
            checkCompatible(q1, q2);
        }
        Set<String> names2 = new HashSet<>(q2.names());
        Set<String> common = new LinkedHashSet<>();
        q1.names().stream().filter(names2::contains).forEach(common::add);
        Set<String> clash = new HashSet<>(q1.originalNames);
        clash.retainAll(q2.originalNames);
        clash.removeAll(common);
        boolean clashes = !clash.isEmpty();
        if (clashes || needsSubquery(q1, common)) {
            q1 = q1.subquery();
        }
        // A restricted right operand of a left join is wrapped so its restriction does not undo the left join.
        if (clashes || needsSubquery(q2, common) || (left && !q2.restriction.isEmpty())) {
            q2 = q2.subquery();
        }
        State result = q1.copy();
        result.support.addAll(q2.support);
        result.left.add(left);
        result.left.addAll(q2.left);
        result.restriction.addAll(q2.restriction);
        result.restrictionAttributes.addAll(q2.restrictionAttributes);
        result.originalNames.addAll(q2.originalNames);
        result.heading = headingJoin(q1.heading, q2.heading);
        return result;
    }

    /**
     * The heading of a join: the first operand's key, the second's other key attributes, then the
     * secondary attributes of each that are not in the other's key.
     */
    static List<Column> headingJoin(List<Column> a, List<Column> b) {
        Set<String> keyA = keyNames(a);
        Set<String> keyB = keyNames(b);
        List<Column> result = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Column c : a) {
            if (c.inKey() && seen.add(c.name())) {
                result.add(c);
            }
        }
        for (Column c : b) {
            if (c.inKey() && seen.add(c.name())) {
                result.add(c);
            }
        }
        for (Column c : a) {
            if (!c.inKey() && !keyB.contains(c.name()) && seen.add(c.name())) {
                result.add(c);
            }
        }
        for (Column c : b) {
            if (!c.inKey() && !keyA.contains(c.name()) && seen.add(c.name())) {
                result.add(c);
            }
        }
        // an attribute secondary on one side and key on the other is key in the result
        return result.stream().map(c -> c.withKey(keyA.contains(c.name()) || keyB.contains(c.name()))).toList();
    }

    /** {@code q.aggr(group, keepAllRows)} before the projection of its computations. */
    static State aggregate(State q, State group, boolean keepAllRows) {
        State g = prepareGroup(group, keepAllRows);
        State joined = join(q, g, true, keepAllRows);
        return aggregation(joined, q.primaryKey(), q.names());
    }

    /** The grouped operand, wrapped when its rows must be formed before joining. */
    static State prepareGroup(State group, boolean keepAllRows) {
        boolean wrap = (keepAllRows && group.support.size() > 1) || !group.derivedNames().isEmpty() || group.kind != State.Kind.QUERY
                || group.top != null || group.distinct;
        return wrap ? group.subquery() : group;
    }

    /** The joined rows grouped by {@code key}; restrictions so far become the WHERE before grouping. */
    static State aggregation(State joined, List<String> key, Collection<String> groupNames) {
        State a = joined.copy();
        a.kind = State.Kind.AGGREGATION;
        a.setPrimaryKey(key);
        a.leftRestrict = new ArrayList<>(joined.restriction);
        a.restriction = new ArrayList<>();
        a.restrictionAttributes = new HashSet<>();
        a.groupBy = new ArrayList<>(key);
        a.groupNames = new HashSet<>(groupNames);
        a.distinct = false;
        return a;
    }

    static State union(State a, State b) {
        if (a.connection != b.connection) {
            throw new InvalidQueryException("Cannot operate on QueryExpressions originating from different connections.");
        }
        if (!new HashSet<>(a.primaryKey()).equals(new HashSet<>(b.primaryKey()))) {
            throw new InvalidQueryException("The operands of a union must share the same primary key.");
        }
        Set<String> secondary = new HashSet<>(a.secondary());
        if (b.secondary().stream().anyMatch(secondary::contains)) {
            throw new InvalidQueryException("The operands of a union must not share any secondary attributes.");
        }
        State u = new State(a.dovetail);
        u.kind = State.Kind.UNION;
        u.support.add(new State.Source(null, a));
        u.support.add(new State.Source(null, b));
        u.heading = new ArrayList<>(headingJoin(a.heading, b.heading).stream().map(Column::plain).toList());
        u.originalNames = new LinkedHashSet<>(u.names());
        return u;
    }

    private static boolean needsSubquery(State q, Set<String> common) {
        if (q.kind != State.Kind.QUERY || q.top != null || q.distinct) {
            return true;
        }
        return common.stream().anyMatch(q.derivedNames()::contains);
    }

    private static Set<String> keyNames(List<Column> heading) {
        Set<String> names = new HashSet<>();
        heading.stream().filter(Column::inKey).forEach(c -> names.add(c.name()));
        return names;
    }
}
