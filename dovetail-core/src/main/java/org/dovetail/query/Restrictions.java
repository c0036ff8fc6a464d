package org.dovetail.query;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;
import org.dovetail.InvalidQueryException;
import org.dovetail.InvalidValueException;
import org.dovetail.TableName;
import org.dovetail.UnknownAttributeException;
import org.dovetail.hash.UuidBytes;
import org.dovetail.heading.Attribute;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DataJoint's restriction ({@code make_condition} and {@code restrict}): conditions of every kind
 * compiled to SQL with bound values, and the subquery rules.
 */
final class Restrictions {
    private static final Logger LOG = LoggerFactory.getLogger(Restrictions.class);

    /** The result of compiling a condition: always true, always false, or SQL. */
    private record Condition(Boolean constant, Fragment sql) {
        static final Condition TRUE = new Condition(true, null);
        static final Condition FALSE = new Condition(false, null);

        static Condition of(boolean value) {
            return value ? TRUE : FALSE;
        }
    }

    private Restrictions() {
    }

    /**
     * {@code q} restricted by {@code condition}; {@code q} itself if the condition is always true.
     *
     * @param permissive skip the join-compatibility check for query operands (DataJoint's {@code ^})
     */
    static State restrict(State q, Object condition, boolean permissive) {
        if (condition instanceof Top top) {
            return top(q, top);
        }
        Set<String> attributes = new LinkedHashSet<>();
        Condition c = compile(q, condition, attributes, permissive);
        if (c == Condition.TRUE) {
            return q;
        }
        for (String a : attributes) {
            if (q.find(a).isEmpty()) {
                throw new UnknownAttributeException("Attribute `" + a + "` is not found in query.", 0, null, null);
            }
        }
        boolean subquery = q.isUnion() || q.top != null
                || (!q.isAggregation() && !q.derivedNames().isEmpty())
                || (q.isAggregation() && q.groupBy.isEmpty());
        State result = subquery ? q.subquery() : q.copy();
        result.restriction.add(c == Condition.FALSE ? Fragment.of("False") : c.sql());
        result.restrictionAttributes.addAll(attributes);
        return result;
    }

    /** {@code q} limited and ordered by {@code top}; a query that already has another top is wrapped first. */
    static State top(State q, Top top) {
        if (top.equals(q.top)) {
            return q;
        }
        State result = q.top != null || q.isUnion() ? q.subquery() : q.copy();
        Renderer.orderItems(top, result); // validates the order items against the heading
        result.top = top;
        return result;
    }

    private static Condition compile(State q, Object condition, Set<String> attributes, boolean permissive) {
        boolean negate = false;
        Object c = condition;
        while (c instanceof Not not) {
            negate = !negate;
            c = not.condition();
        }
        if (c instanceof String sql) {
            attributes.addAll(ColumnNames.extract(sql));
            return new Condition(null, Fragment.of((negate ? "NOT (" : "(") + sql.strip() + ")"));
        }
        if (c instanceof AndList and) {
            return andList(q, and.conditions(), attributes, permissive, negate);
        }
        if (c instanceof U) {
            return Condition.of(!negate);
        }
        if (c instanceof Boolean b) {
            return Condition.of(negate ^ b);
        }
        if (c instanceof Map<?, ?> map) {
            return map(q, map, attributes, negate);
        }
        if (c instanceof Top) {
            throw new InvalidQueryException("Invalid restriction type " + c);
        }
        if (c instanceof Record record) {
            return map(q, recordFields(record), attributes, negate);
        }
        if (c instanceof Query query) {
            return query(q, query.state(), attributes, permissive, negate);
        }
        if (c instanceof Collection<?> items) {
            return orList(q, items, attributes, permissive, negate);
        }
        if (c instanceof Object[] items) {
            return orList(q, Arrays.asList(items), attributes, permissive, negate);
        }
        throw new InvalidQueryException("Invalid restriction type " + (c == null ? "null" : c));
    }

    private static Condition andList(State q, List<Object> items, Set<String> attributes, boolean permissive, boolean negate) {
        List<Fragment> parts = new ArrayList<>();
        for (Object item : items) {
            Condition c = compile(q, item, attributes, permissive);
            if (c == Condition.FALSE) {
                return Condition.of(negate);
            }
            if (c != Condition.TRUE) {
                parts.add(c.sql());
            }
        }
        if (parts.isEmpty()) {
            return Condition.of(!negate);
        }
        return new Condition(null, new SqlBuilder().append(negate ? "NOT (" : "(").appendAnd(parts).append(")").build());
    }

    private static Condition orList(State q, Collection<?> items, Set<String> attributes, boolean permissive, boolean negate) {
        List<Fragment> parts = new ArrayList<>();
        for (Object item : items) {
            if (item instanceof Top) {
                throw new InvalidQueryException("Invalid restriction type " + item);
            }
            Condition c = compile(q, item, attributes, permissive);
            if (c == Condition.TRUE) {
                return Condition.of(!negate);
            }
            if (c != Condition.FALSE) {
                parts.add(c.sql());
            }
        }
        if (parts.isEmpty()) {
            return Condition.of(negate);
        }
        SqlBuilder sql = new SqlBuilder().append(negate ? "NOT (" : "(");
        for (int i = 0; i < parts.size(); i++) {
            sql.append(i == 0 ? "" : " OR ").append(parts.get(i));
        }
        return new Condition(null, sql.append(")").build());
    }

    /**
     * A map of attribute values. Keys that are not attributes of the query are ignored, as in
     * DataJoint, so that a key of a downstream table restricts its upstream tables; but a non-empty
     * map that names no attribute at all is an error (DataJoint silently restricts nothing).
     */
    private static Condition map(State q, Map<?, ?> map, Set<String> attributes, boolean negate) {
        if (map.isEmpty()) {
            return Condition.of(!negate);
        }
        List<Fragment> parts = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            String base = key.split("\\.", 2)[0];
            Column column = q.find(base).orElse(null);
            if (column == null) {
                ignored.add(key);
                continue;
            }
            if (!base.equals(key)) {
                throw new InvalidQueryException("JSON path restrictions (`" + key + "`) are not supported yet; use a restriction string");
            }
            attributes.add(base);
            parts.add(equality(column, e.getValue()));
        }
        if (parts.isEmpty()) {
            throw new UnknownAttributeException("None of the restriction's attributes (" + String.join(", ", ignored)
                    + ") is in the query (" + String.join(", ", q.names()) + ")", 0, null, null);
        }
        if (!ignored.isEmpty()) {
            LOG.debug("restriction ignores attributes not in the query: {}", ignored);
        }
        return new Condition(null, new SqlBuilder().append(negate ? "NOT (" : "(").appendAnd(parts).append(")").build());
    }

    private static Fragment equality(Column column, Object value) {
        String lhs = TableName.quote(column.name());
        if (value == null) {
            return Fragment.of(lhs + " IS NULL");
        }
        Attribute a = column.attribute();
        if (a != null && a.uuid()) {
            UUID uuid = uuid(value, column.name());
            return new Fragment(lhs + "=?", List.of(UuidBytes.toBytes(uuid)));
        }
        return new Fragment(lhs + "=?", List.of(parameter(column.name(), value)));
    }

    private static UUID uuid(Object value, String name) {
        if (value instanceof UUID u) {
            return u;
        }
        try {
            if (value instanceof CharSequence s) {
                return UUID.fromString(s.toString().length() == 32
                        ? s.toString().replaceFirst("(\\p{XDigit}{8})(\\p{XDigit}{4})(\\p{XDigit}{4})(\\p{XDigit}{4})(\\p{XDigit}+)", "$1-$2-$3-$4-$5")
                        : s.toString());
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new InvalidValueException("Badly formed UUID " + value + " in restriction by `" + name + "`");
    }

    private static Object parameter(String name, Object value) {
        if (value instanceof Double d && d.isNaN() || value instanceof Float f && f.isNaN()) {
            throw new InvalidValueException("Cannot restrict `" + name + "` by NaN: use null (IS NULL) instead");
        }
        if (value instanceof BigInteger big) {
            return new BigDecimal(big);
        }
        if (value instanceof Number || value instanceof CharSequence || value instanceof Boolean || value instanceof LocalDate
                || value instanceof LocalDateTime || value instanceof LocalTime || value instanceof byte[]) {
            return value instanceof CharSequence s ? s.toString() : value;
        }
        if (value instanceof Duration d) {
            return (d.isNegative() ? "-" : "") + d.abs().toHours() + ":" + String.format("%02d:%02d.%06d", d.abs().toMinutesPart(),
                    d.abs().toSecondsPart(), d.abs().toNanosPart() / 1000);
        }
        if (value instanceof UUID || value instanceof Character) {
            return value.toString();
        }
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        throw new InvalidValueException("Cannot restrict `" + name + "` by " + value + " (" + value.getClass().getSimpleName() + ")");
    }

    private static Condition query(State q, State r, Set<String> attributes, boolean permissive, boolean negate) {
        if (!permissive) {
            Joins.checkCompatible(q, r);
        }
        List<String> common = r.names().stream().filter(n -> q.find(n).isPresent()).toList();
        if (r.kind != State.Kind.QUERY || r.top != null) {
            r = r.subquery();
        }
        if (common.isEmpty()) {
            boolean nonEmpty = Query.exists(r);
            return Condition.of(nonEmpty != negate);
        }
        attributes.addAll(common);
        SqlBuilder sql = new SqlBuilder().append("(").append(String.join(",", common.stream().map(TableName::quote).toList()))
                .append(negate ? ") not in (" : ") in (").append(Renderer.select(r, common)).append(")");
        return new Condition(null, sql.build());
    }

    /** The components of a record as a map (a row given as a record). */
    static Map<String, Object> recordFields(Record record) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            try {
                fields.put(RowMapping.attributeName(c.getName()), c.getAccessor().invoke(record));
            } catch (ReflectiveOperationException e) {
                throw new DovetailException(ErrorCode.ROW_MAPPING, "Cannot read component " + c.getName() + " of " + record.getClass().getName(), e);
            }
        }
        return fields;
    }
}
