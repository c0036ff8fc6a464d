package org.dovetail.query;

import java.util.List;

/**
 * DataJoint's {@code dj.AndList}: a restriction that holds when every condition holds (a plain
 * {@link java.util.List} of conditions means any of them).
 *
 * <pre>{@code
 * query.restrict(AndList.of("id_a > 1", Map.of("cond_in_a", 1)));
 * }</pre>
 *
 * @param conditions the conditions, of any type {@link Query#restrict} accepts
 */
public record AndList(List<Object> conditions) {
    public AndList {
        conditions = List.copyOf(conditions);
    }

    public static AndList of(Object... conditions) {
        return new AndList(List.of(conditions));
    }
}
