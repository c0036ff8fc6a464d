package org.dovetail.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * SQL text with {@code ?} markers and the values bound to them, in order.
 *
 * <pre>{@code
 * BoundSql where = new BoundSql("`subject_id`=?", List.of(7));
 * }</pre>
 *
 * @param sql        the text
 * @param parameters the bound values
 */
public record BoundSql(String sql, List<Object> parameters) {
    public BoundSql {
        parameters = Collections.unmodifiableList(new ArrayList<>(parameters));
    }
}
