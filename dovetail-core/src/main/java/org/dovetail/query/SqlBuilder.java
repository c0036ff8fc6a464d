package org.dovetail.query;

import java.util.ArrayList;
import java.util.List;

/** Appends SQL text and its parameters together, so that parameters stay in the order of their markers. */
final class SqlBuilder {
    private final StringBuilder text = new StringBuilder();
    private final List<Object> params = new ArrayList<>();

    SqlBuilder append(String sql) {
        text.append(sql);
        return this;
    }

    SqlBuilder append(Fragment fragment) {
        text.append(fragment.sql());
        params.addAll(fragment.params());
        return this;
    }

    /** Appends the fragments wrapped in parentheses and joined by {@code AND}. */
    SqlBuilder appendAnd(List<Fragment> conditions) {
        for (int i = 0; i < conditions.size(); i++) {
            append(i == 0 ? "(" : ")AND(").append(conditions.get(i));
        }
        return append(")");
    }

    Fragment build() {
        return new Fragment(text.toString(), params);
    }
}
