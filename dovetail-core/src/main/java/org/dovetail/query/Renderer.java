package org.dovetail.query;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dovetail.InvalidQueryException;
import org.dovetail.TableName;

/** Renders a query's state as SQL with DataJoint's shapes: SELECT, counting and existence. */
final class Renderer {
    private static final Pattern KEY_ASC = Pattern.compile("^\\s*KEY(\\s+(?i:asc))?\\s*$");
    private static final Pattern KEY_DESC = Pattern.compile("^\\s*KEY\\s+(?i:desc)\\s*$");
    private static final Pattern ORDER_ITEM = Pattern.compile("^\\s*(?<name>[A-Za-z_][A-Za-z0-9_]*)(\\s+(?<dir>(?i:asc|desc)))?\\s*$");
    private static final Pattern QUOTED = Pattern.compile("^`(?<name>[^`]+)`$");

    private Renderer() {
    }

    /** {@code SELECT …} of every attribute. */
    static Fragment select(State s) {
        return select(s, s.names());
    }

    /** {@code SELECT …} of the named attributes. */
    static Fragment select(State s, List<String> fields) {
        return select(s, fields, new Aliases());
    }

    /** Subquery aliases numbered within one statement, so that the same query always renders the same SQL. */
    static final class Aliases {
        private int next;

        String next() {
            return "`$" + Integer.toHexString(next++) + "`";
        }
    }

    private static Fragment select(State s, List<String> fields, Aliases aliases) {
        if (s.isUnion()) {
            Fragment union = union(s, aliases);
            if (fields.equals(s.names())) {
                return union;
            }
            return new SqlBuilder().append("SELECT ").append(quoted(fields)).append(" FROM (").append(union)
                    .append(") as ").append(aliases.next()).build();
        }
        SqlBuilder sql = new SqlBuilder().append("SELECT ");
        List<Column> columns = fields.stream().map(f -> s.find(f).orElseThrow()).toList();
        boolean distinct = s.isAggregation() ? new HashSet<>(fields).equals(new HashSet<>(s.primaryKey())) && !fields.isEmpty() : s.distinct;
        if (distinct) {
            sql.append("DISTINCT ");
        }
        sql.append(columns.isEmpty() ? "1" : String.join(",", columns.stream().map(Column::select).toList()));
        sql.append(" FROM ").append(from(s, aliases));
        if (s.isAggregation()) {
            if (!s.leftRestrict.isEmpty()) {
                sql.append(" WHERE ").appendAnd(s.leftRestrict);
            }
            List<String> grouping = grouping(s, columns);
            if (!grouping.isEmpty()) {
                sql.append(" GROUP BY ").append(String.join(",", grouping));
                if (!s.restriction.isEmpty()) {
                    sql.append(" HAVING ").appendAnd(s.restriction);
                }
            }
        } else if (!s.restriction.isEmpty()) {
            sql.append(" WHERE ").appendAnd(s.restriction);
        }
        return sql.append(sorting(s)).build();
    }

    /** {@code SELECT count(…)}: distinct keys, or every row of aggregations, unions, tops and left joins. */
    static Fragment count(State s) {
        Aliases aliases = new Aliases();
        if (s.isAggregation() || s.isUnion() || s.top != null || s.primaryKey().isEmpty()) {
            return new SqlBuilder().append("SELECT count(*) FROM (").append(select(s, s.names(), aliases)).append(") as ")
                    .append(aliases.next()).build();
        }
        SqlBuilder sql = new SqlBuilder().append("SELECT ");
        if (s.hasLeftJoin()) {
            sql.append("count(*)");
        } else {
            List<String> key = s.heading.stream().filter(Column::inKey).map(Column::reference).toList();
            sql.append("count(DISTINCT ").append(String.join(",", key)).append(")");
        }
        sql.append(" FROM ").append(from(s, aliases));
        if (!s.restriction.isEmpty()) {
            sql.append(" WHERE ").appendAnd(s.restriction);
        }
        return sql.build();
    }

    /** {@code SELECT EXISTS(…)}, honouring a top. */
    static Fragment exists(State s) {
        if (s.kind != State.Kind.QUERY || s.top != null) {
            return new SqlBuilder().append("SELECT EXISTS(").append(select(s)).append(")").build();
        }
        SqlBuilder sql = new SqlBuilder().append("SELECT EXISTS(SELECT 1 FROM ").append(from(s, new Aliases()));
        if (!s.restriction.isEmpty()) {
            sql.append(" WHERE ").appendAnd(s.restriction);
        }
        return sql.append(")").build();
    }

    /** The FROM items joined by NATURAL [LEFT] JOIN. */
    static Fragment from(State s, Aliases aliases) {
        SqlBuilder sql = new SqlBuilder();
        for (int i = 0; i < s.support.size(); i++) {
            if (i > 0) {
                sql.append(s.left.get(i - 1) ? " NATURAL LEFT JOIN " : " NATURAL JOIN ");
            }
            State.Source source = s.support.get(i);
            if (source.table() != null) {
                sql.append(source.table());
            } else {
                State q = source.query();
                sql.append("(").append(select(q, q.names(), aliases)).append(") as ").append(aliases.next());
            }
        }
        return sql.build();
    }

    /** The ORDER BY / LIMIT / OFFSET of a top, or nothing. */
    static String sorting(State s) {
        if (s.top == null) {
            return "";
        }
        List<String> items = orderItems(s.top, s);
        StringBuilder sql = new StringBuilder();
        if (!items.isEmpty()) {
            sql.append(" ORDER BY ").append(String.join(", ", items));
        }
        if (s.top.limit() != null) {
            sql.append(" LIMIT ").append(s.top.limit());
        }
        if (s.top.offset() != 0) {
            sql.append(" OFFSET ").append(s.top.offset());
        }
        return sql.toString();
    }

    /**
     * The order items with KEY expanded and names back-quoted. Unlike DataJoint, which back-quotes
     * every word of free text, an item must be an attribute of the query with an optional direction.
     */
    static List<String> orderItems(Top top, State s) {
        List<String> items = new ArrayList<>();
        List<String> key = s.primaryKey();
        for (String item : top.orderBy()) {
            if (KEY_ASC.matcher(item).matches()) {
                key.forEach(k -> items.add(TableName.quote(k)));
            } else if (KEY_DESC.matcher(item).matches()) {
                key.forEach(k -> items.add(TableName.quote(k) + " DESC"));
            } else {
                Matcher m = ORDER_ITEM.matcher(item);
                if (!m.matches()) {
                    throw new InvalidQueryException("Invalid order_by item `" + item + "`: use an attribute name, optionally followed by ASC or DESC, or KEY");
                }
                String name = m.group("name");
                if (s.find(name).isEmpty()) {
                    throw new InvalidQueryException("Attribute `" + name + "` in order_by is not found in query.");
                }
                items.add(TableName.quote(name) + (m.group("dir") == null ? "" : " " + m.group("dir")));
            }
        }
        return items;
    }

    /** The attributes a top's order refers to ({@code KEY} left out). */
    static List<String> orderAttributes(Top top) {
        List<String> names = new ArrayList<>();
        for (String item : top.orderBy()) {
            Matcher m = ORDER_ITEM.matcher(item);
            if (!KEY_ASC.matcher(item).matches() && !KEY_DESC.matcher(item).matches() && m.matches()) {
                names.add(m.group("name"));
            }
        }
        return names;
    }

    /**
     * The grouping of an aggregation: its key, then every other selected attribute of the grouping
     * operand, so that MariaDB's ONLY_FULL_GROUP_BY accepts selecting them (same result).
     */
    private static List<String> grouping(State s, List<Column> selected) {
        if (s.groupBy.isEmpty()) {
            return List.of();
        }
        List<String> grouping = new ArrayList<>(s.groupBy.stream().map(TableName::quote).toList());
        for (Column c : selected) {
            if (s.groupBy.contains(c.name())) {
                continue;
            }
            String source = c.expression() == null ? c.name() : sourceName(c.expression());
            if (source != null && s.groupNames.contains(source) && !grouping.contains(TableName.quote(source))) {
                grouping.add(TableName.quote(source));
            }
        }
        return grouping;
    }

    private static String sourceName(String expression) {
        Matcher m = QUOTED.matcher(expression);
        return m.matches() ? m.group("name") : null;
    }

    private static Fragment union(State s, Aliases aliases) {
        State a = s.support.get(0).query();
        State b = s.support.get(1).query();
        if (a.secondary().isEmpty() && b.secondary().isEmpty()) {
            List<String> fields = a.primaryKey();
            return new SqlBuilder().append("SELECT * FROM ((").append(select(a, fields, aliases)).append(") UNION (")
                    .append(select(b, fields, aliases)).append(")) as ").append(aliases.next()).build();
        }
        List<String> fields = s.names();
        State first = Joins.join(a, b, false, true);
        List<String> nulls = new ArrayList<>();
        nulls.add("...");
        a.secondary().forEach(n -> nulls.add(n + "=NULL"));
        State second = Projection.apply(Restrictions.restrict(b, new Not(new Query(a)), false), nulls);
        return new SqlBuilder().append("(").append(select(first, fields, aliases)).append(") UNION (")
                .append(select(second, fields, aliases)).append(")").build();
    }

    private static String quoted(List<String> fields) {
        return String.join(",", fields.stream().map(TableName::quote).toList());
    }
}
