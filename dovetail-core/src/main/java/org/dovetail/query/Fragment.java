package org.dovetail.query;

import java.util.List;

/** A piece of SQL with the values bound to its {@code ?} markers, in order. */
record Fragment(String sql, List<Object> params) {
    Fragment {
        params = List.copyOf(params);
    }

    static Fragment of(String sql) {
        return new Fragment(sql, List.of());
    }
}
