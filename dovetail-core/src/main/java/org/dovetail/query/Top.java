package org.dovetail.query;

import java.util.List;
import java.util.Objects;

/**
 * DataJoint's {@code dj.Top}: keep the first {@code limit} rows in {@code orderBy} order after
 * skipping {@code offset}. {@code KEY} in the order stands for the primary key ({@code KEY DESC}
 * for the key descending); each other item is an attribute name with an optional {@code ASC} or
 * {@code DESC}.
 *
 * <pre>{@code
 * query.top(Top.limit(5).orderBy("id_l desc").offset(4));   // rows 5..9 by id_l descending
 * query.top(Top.orderBy("name", "language DESC"));          // all rows, in that order
 * }</pre>
 *
 * @param limit   rows to keep; null for all
 * @param orderBy order items; never empty ({@code KEY} by default)
 * @param offset  rows to skip first
 */
public record Top(Long limit, List<String> orderBy, long offset) {
    /** The limit DataJoint uses when an offset is given without a limit. */
    public static final long NO_LIMIT_WITH_OFFSET = 999_999_999_999L;

    public Top {
        orderBy = orderBy == null || orderBy.isEmpty() ? List.of("KEY") : List.copyOf(orderBy);
        if (limit != null && limit < 0) {
            throw new IllegalArgumentException("Top limit must not be negative: " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("The offset argument must not be negative: " + offset);
        }
        if (offset > 0 && limit == null) {
            limit = NO_LIMIT_WITH_OFFSET;
        }
        orderBy.forEach(o -> Objects.requireNonNull(o, "Top order_by attributes must all be strings"));
    }

    /** DataJoint's {@code Top()}: the first row by primary key. */
    public static Top first() {
        return new Top(1L, List.of(), 0);
    }

    /** The first {@code limit} rows by primary key. */
    public static Top limit(long limit) {
        return new Top(limit, List.of(), 0);
    }

    /** All rows in this order. */
    public static Top orderBy(String... orderBy) {
        return new Top(null, List.of(orderBy), 0);
    }

    /** This top with another order. */
    public Top withOrderBy(String... items) {
        return new Top(limit, List.of(items), offset);
    }

    /** This top skipping {@code rows} first. */
    public Top offset(long rows) {
        return new Top(limit == null || limit == NO_LIMIT_WITH_OFFSET ? null : limit, orderBy, rows);
    }

    /** DataJoint's rendering, as in its error messages: {@code Top(limit=1, order_by=['KEY'], offset=0)}. */
    @Override
    public String toString() {
        return "Top(limit=" + (limit == null ? "None" : limit) + ", order_by=["
                + String.join(", ", orderBy.stream().map(o -> "'" + o + "'").toList()) + "], offset=" + offset + ")";
    }
}
