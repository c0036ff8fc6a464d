package org.dovetail.query;

import java.util.ArrayList;
import java.util.List;
import org.dovetail.InvalidQueryException;

/**
 * DataJoint's universal set {@code dj.U(a, b, …)}: all possible values of some attributes. Used to
 * list distinct values, to aggregate over a whole query or over chosen attributes, and to join on
 * attributes that are secondary on both sides.
 *
 * <pre>{@code
 * U.of("language").restrict(language);                      // the distinct languages
 * U.of().aggr(language, "n = count(*)").fetch1();           // one row: n
 * U.of("x").join(q1).join(q2);                              // join on x, secondary in both
 * }</pre>
 */
public final class U {
    private final List<String> attributes;

    private U(List<String> attributes) {
        this.attributes = List.copyOf(attributes);
    }

    public static U of(String... attributes) {
        return new U(List.of(attributes));
    }

    /** The attributes, which are this set's primary key. */
    public List<String> primaryKey() {
        return attributes;
    }

    /** The distinct values of these attributes in {@code query} ({@code dj.U(...) & query}). */
    public Query restrict(Query query) {
        if (query == null) {
            throw new InvalidQueryException("Set U can only be restricted with a QueryExpression.");
        }
        State q = query.state();
        if (q.isUnion() || q.top != null) {
            q = q.subquery();
        }
        for (String a : attributes) {
            if (q.find(a).isEmpty()) {
                throw new InvalidQueryException("Attribute `" + a + "` not found");
            }
        }
        State s = q.copy();
        s.distinct = true;
        s.setPrimaryKey(attributes);
        return new Query(Projection.apply(s, List.of()));
    }

    /** {@code query} with these attributes added to its primary key ({@code dj.U(...) * query}). */
    public Query join(Query query) {
        if (query == null) {
            throw new InvalidQueryException("Set U can only be joined with a QueryExpression.");
        }
        return new Query(promote(query.state()));
    }

    /**
     * One row per distinct value of these attributes in {@code group} (one row in all for
     * {@code U.of()}), with computations {@code "name = sql"} over the matching rows of the group.
     */
    public Query aggr(Query group, String... computations) {
        for (String c : computations) {
            if (!Projection.isNamed(c)) {
                throw new InvalidQueryException("U.aggr takes computations only (name = expression), not `" + c + "`");
            }
        }
        State g = Joins.prepareGroup(group.state(), false);
        State joined = promote(g);
        return new Query(Projection.apply(Joins.aggregation(joined, attributes, attributes), List.of(computations)));
    }

    State promote(State q) {
        if (q.isUnion()) {
            q = q.subquery();
        }
        for (String a : attributes) {
            if (q.find(a).isEmpty()) {
                throw new InvalidQueryException("Attribute `" + a + "` not found");
            }
        }
        List<String> key = new ArrayList<>(q.primaryKey());
        attributes.stream().filter(a -> !key.contains(a)).forEach(key::add);
        State s = q.copy();
        s.setPrimaryKey(key);
        return s;
    }

    @Override
    public String toString() {
        return "U(" + String.join(", ", attributes) + ")";
    }
}
