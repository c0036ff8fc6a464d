package org.dovetail.query;

/**
 * DataJoint's {@code dj.Not}: the negation of a restriction.
 *
 * <pre>{@code
 * query.restrict(Not.of(List.of(Map.of("id_a", 1), "id_a=2")));   // neither id_a=1 nor id_a=2
 * }</pre>
 *
 * @param condition any condition {@link Query#restrict} accepts
 */
public record Not(Object condition) {
    public static Not of(Object condition) {
        return new Not(condition);
    }
}
