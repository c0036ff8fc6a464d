package org.dovetail.query;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.dovetail.Dovetail;
import org.dovetail.DovetailException;
import org.dovetail.InvalidQueryException;
import org.dovetail.connection.Connection;
import org.dovetail.heading.Attribute;
import org.dovetail.heading.Heading;

/**
 * A DataJoint query expression: an immutable value built from tables with DataJoint's operators,
 * compiled to SQL when it is fetched. Each operator returns a new query and leaves its operands
 * unchanged; values in conditions are bound as parameters, never spliced into the SQL.
 *
 * <pre>{@code
 * Table student = schema.table("Student");
 * Table enroll = schema.table("Enroll");
 * Query utah = student.restrict(Map.of("home_state", "UT"));
 * long n = utah.minus(enroll).count();                          // Utah students not enrolled
 * List<Map<String, Object>> rows = utah.proj("first_name", "age = year(now()) - year(date_of_birth)")
 *         .top(Top.limit(10).withOrderBy("age DESC"))
 *         .fetch();
 * }</pre>
 *
 * <p>Python to Java: {@code q & c} is {@code q.restrict(c)}, {@code q - c} is {@code q.minus(c)},
 * {@code q ^ c} is {@code q.restrictPermissive(c)}, {@code q1 * q2} is {@code q1.join(q2)},
 * {@code q1 @ q2} is {@code q1.joinPermissive(q2)}, {@code q1 + q2} is {@code q1.union(q2)},
 * {@code q.proj(a, b=...)} is {@code q.proj("a", "b = ...")}, {@code len(q)} is {@code q.count()},
 * {@code bool(q)} is {@code q.exists()}, {@code dj.U(...)} is {@link U}.
 */
public class Query {
    private final State state;

    Query(State state) {
        this.state = state;
    }

    /** A query with the same contents as {@code template}, for subclasses such as tables. */
    protected Query(Query template) {
        this.state = template.state;
    }

    /**
     * This query with fetched {@code attach@store} attributes downloaded into {@code directory}
     * (DataJoint's {@code download_path}; default: the working directory).
     *
     * <pre>{@code
     * List<Map<String, Object>> rows = reports.downloadTo(Path.of("downloads")).fetch();
     * }</pre>
     */
    public Query downloadTo(Path directory) {
        State s = state.copy();
        s.downloadPath = directory;
        return new Query(s);
    }

    /**
     * This query with blob attributes, internal and external, fetched as their stored bytes, undecoded
     * ({@link org.dovetail.blob.RawBlob}; DataJoint's {@code bypass_serialization}): a copy inserts
     * them byte for byte, and a blob holding None ({@code RawBlob}) stays apart from SQL NULL
     * ({@code null}). Adapted attributes, attachments and filepaths fetch as usual.
     *
     * <pre>{@code
     * RawBlob stored = (RawBlob) trials.rawBlobs().fetch1("trace").get("trace");
     * }</pre>
     */
    public Query rawBlobs() {
        State s = state.copy();
        s.rawBlobs = true;
        return new Query(s);
    }

    /** Every row of the table of {@code heading}: what a {@link org.dovetail.schema.Table} starts from. */
    protected Query(Dovetail dovetail, Heading heading) {
        this(tableState(dovetail, heading));
    }

    private static State tableState(Dovetail dovetail, Heading heading) {
        State s = new State(dovetail);
        s.support.add(new State.Source(heading.fullTableName(), null));
        for (Attribute a : heading.attributes()) {
            s.heading.add(Column.of(a, heading.database()));
        }
        s.originalNames.addAll(heading.names());
        return s;
    }

    /**
     * The WHERE condition of a restricted table (empty SQL when unrestricted), for statements on
     * the table itself such as DELETE.
     *
     * @throws DovetailException if this is not a table restricted by conditions only
     */
    protected BoundSql tableCondition() {
        if (state.kind != State.Kind.QUERY || state.support.size() != 1 || state.support.get(0).table() == null || state.top != null) {
            throw new InvalidQueryException("This query is not a restricted table (it has a Top, a join or a projection): " + sql());
        }
        if (state.restriction.isEmpty()) {
            return new BoundSql("", List.of());
        }
        Fragment where = new SqlBuilder().appendAnd(state.restriction).build();
        return new BoundSql(where.sql(), where.params());
    }

    /**
     * This query restricted by SQL whose values are bound, referring to {@code attributes}: for
     * restrictions copied from another table's restriction (the cascading delete).
     */
    protected Query restrictWhere(BoundSql condition, Set<String> attributes) {
        if (condition.sql().isEmpty()) {
            return this;
        }
        State s = state.kind == State.Kind.QUERY && state.top == null && state.derivedNames().isEmpty() ? state.copy() : state.subquery();
        s.restriction.add(new Fragment("(" + condition.sql() + ")", condition.parameters()));
        s.restrictionAttributes.addAll(attributes);
        return new Query(s);
    }

    /** The attributes the restrictions of this query refer to. */
    protected Set<String> restrictionAttributes() {
        return Set.copyOf(state.restrictionAttributes);
    }

    /** The SELECT of {@code query} producing only {@code fields}, in that order. */
    protected static BoundSql select(Query query, List<String> fields) {
        Fragment f = Renderer.select(query.state, fields);
        return new BoundSql(f.sql(), f.params());
    }

    State state() {
        return state;
    }

    // ---- operators

    /**
     * The rows that satisfy {@code condition}: an SQL string ({@code "id_a > 2"}); a map of attribute
     * values (keys that are not attributes of the query are ignored, but a map naming none of them is
     * an error); a record (its components as a map); another query (rows matching it on their
     * common attributes); a {@link java.util.List} or array of conditions (any of them); an
     * {@link AndList} (all of them); {@link Not}; {@code true}/{@code false}; a {@link Top}.
     *
     * <pre>{@code
     * subject.restrict("date_of_birth > '2020-01-01'").restrict(Map.of("species", "mouse"));
     * }</pre>
     */
    public Query restrict(Object condition) {
        return new Query(Restrictions.restrict(state, condition, false));
    }

    /** The rows that do not satisfy {@code condition} (DataJoint's {@code q - condition}; an antijoin for a query). */
    public Query minus(Object condition) {
        return new Query(Restrictions.restrict(state, new Not(condition), false));
    }

    /**
     * As {@link #restrict} without the join-compatibility check for a query condition (DataJoint's
     * {@code q ^ condition}): matches on common attributes even if they are secondary in both.
     */
    public Query restrictPermissive(Object condition) {
        return new Query(Restrictions.restrict(state, condition, true));
    }

    /**
     * The natural join: combinations of rows that agree on the common attributes. Attributes that
     * are secondary in both operands are an error (rename one with {@link #proj}, or use
     * {@link U#join}).
     *
     * <pre>{@code
     * Query enrolled = student.join(enroll);
     * }</pre>
     */
    public Query join(Query other) {
        return new Query(Joins.join(state, requireQuery(other).state, true, false));
    }

    /** {@code dj.U(...) * q}: this query with the universal set's attributes added to the primary key. */
    public Query join(U universal) {
        return universal.join(this);
    }

    /** The left join: every row of this query, with the other's attributes NULL where nothing matches. */
    public Query leftJoin(Query other) {
        return new Query(Joins.join(state, requireQuery(other).state, true, true));
    }

    /** The natural join without the compatibility check (DataJoint's {@code q1 @ q2}). */
    public Query joinPermissive(Query other) {
        return new Query(Joins.join(state, requireQuery(other).state, false, false));
    }

    /**
     * Projection. Items: attribute names to keep (the primary key is always kept), {@code "..."} for
     * every secondary attribute, {@code "-name"} to leave one out, {@code "new = old"} to rename,
     * {@code "new = (old)"} to copy, {@code "new = <sql expression>"} to compute.
     *
     * <pre>{@code
     * subject.proj();                                   // primary key only
     * subject.proj("...", "-notes", "animal = subject_id", "age_days = datediff(now(), dob)");
     * }</pre>
     */
    public Query proj(String... items) {
        return new Query(Projection.apply(state, List.of(items)));
    }

    /**
     * One row per row of this query, with computations over the matching rows of {@code group};
     * rows without a match are left out. Items as for {@link #proj}: attributes of this query to
     * keep, {@code "..."}, and computations such as {@code "n = count(*)"}.
     *
     * <pre>{@code
     * section.aggr(enroll, "n = count(student_id)");
     * }</pre>
     */
    public Query aggr(Query group, String... items) {
        return aggr(group, false, items);
    }

    /** As {@link #aggr(Query, String...)}; with {@code keepAllRows}, rows without a match are kept (a left join). */
    public Query aggr(Query group, boolean keepAllRows, String... items) {
        List<String> expanded = new ArrayList<>();
        for (String item : items) {
            if (item.strip().equals("...")) {
                expanded.addAll(state.secondary());
            } else {
                expanded.add(item);
            }
        }
        return new Query(Projection.apply(Joins.aggregate(state, requireQuery(group).state, keepAllRows), expanded));
    }

    /**
     * The union with a query of the same primary key and no common secondary attribute
     * (DataJoint's {@code q1 + q2}).
     */
    public Query union(Query other) {
        if (other == null) {
            throw new InvalidQueryException("A QueryExpression can only be unioned with another QueryExpression");
        }
        return new Query(Joins.union(state, other.state));
    }

    /**
     * The first rows in an order ({@link Top}); fetching returns them in that order. Restricting the
     * result filters the top rows.
     *
     * <pre>{@code
     * language.top(Top.limit(4).withOrderBy("language", "name DESC")).fetch();
     * }</pre>
     */
    public Query top(Top top) {
        return new Query(Restrictions.top(state, top));
    }

    // ---- fetching

    /** Every row, as maps from attribute name to value in heading order. */
    public List<Map<String, Object>> fetch() {
        return new Fetcher(state).list();
    }

    /**
     * Every row with only the named attributes; {@code "KEY"} stands for the primary key.
     *
     * <pre>{@code
     * List<Map<String, Object>> names = student.fetch("KEY", "first_name");
     * }</pre>
     */
    public List<Map<String, Object>> fetch(String... attributes) {
        List<String> names = requested(attributes);
        List<Map<String, Object>> rows = new Fetcher(projected(attributes)).list();
        List<Map<String, Object>> result = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            result.add(only(row, names));
        }
        return result;
    }

    /**
     * Every row as a record (or a class with a no-argument constructor) whose components are named
     * after attributes ({@code subjectId} or {@code subject_id} for {@code subject_id}).
     *
     * <pre>{@code
     * record Student(long studentId, String firstName, LocalDate dateOfBirth) {}
     * List<Student> students = student.fetch(Student.class);
     * }</pre>
     */
    public <T> List<T> fetch(Class<T> type) {
        RowMapping<T> mapping = RowMapping.of(type, state.names());
        return fetch(mapping.attributes().toArray(String[]::new)).stream().map(mapping::map).toList();
    }

    /** The primary keys of every row (DataJoint's {@code fetch("KEY")}). */
    public List<Map<String, Object>> fetchKeys() {
        return fetch("KEY");
    }

    /**
     * The one row of this query.
     *
     * @throws DovetailException unless there is exactly one row
     */
    public Map<String, Object> fetch1() {
        List<Map<String, Object>> rows = new Fetcher(limitedForFetch1()).list();
        if (rows.size() != 1) {
            throw new InvalidQueryException("fetch1 requires exactly one tuple in the input set.");
        }
        return rows.get(0);
    }

    /**
     * The named attributes of the one row of this query.
     *
     * <pre>{@code
     * String name = (String) student.restrict(Map.of("student_id", 101)).fetch1("first_name").get("first_name");
     * }</pre>
     *
     * @throws DovetailException unless there is exactly one row
     */
    public Map<String, Object> fetch1(String... attributes) {
        List<Map<String, Object>> rows = fetch(attributes);
        if (rows.size() != 1) {
            throw new InvalidQueryException("fetch1 should only return one tuple. " + rows.size() + " tuples found");
        }
        return rows.get(0);
    }

    /** The one row as a record or class, as for {@link #fetch(Class)}. */
    public <T> T fetch1(Class<T> type) {
        RowMapping<T> mapping = RowMapping.of(type, state.names());
        return mapping.map(fetch1(mapping.attributes().toArray(String[]::new)));
    }

    /**
     * The rows one at a time, read from the server in chunks so that memory stays bounded however
     * many rows there are. Close the stream (try-with-resources); until then, this connection
     * cannot run other statements without first reading the rest of the result.
     *
     * <pre>{@code
     * try (Stream<Map<String, Object>> rows = recording.stream()) {
     *     rows.forEach(this::process);
     * }
     * }</pre>
     */
    public Stream<Map<String, Object>> stream() {
        return new Fetcher(state).stream();
    }

    /** The rows one at a time as records or classes, as for {@link #fetch(Class)}; close the stream. */
    public <T> Stream<T> stream(Class<T> type) {
        RowMapping<T> mapping = RowMapping.of(type, state.names());
        return new Fetcher(projected(mapping.attributes().toArray(String[]::new))).stream().map(mapping::map);
    }

    /** The number of rows (DataJoint's {@code len(q)}). */
    public long count() {
        Fragment sql = Renderer.count(state);
        return state.connection.withJdbc(sql.sql(), jdbc -> {
            try (var ps = Fetcher.prepare(jdbc, sql); var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** True if there is at least one row (DataJoint's {@code bool(q)}, honouring a top). */
    public boolean exists() {
        return exists(state);
    }

    static boolean exists(State s) {
        Fragment sql = Renderer.exists(s);
        return s.connection.withJdbc(sql.sql(), jdbc -> {
            try (var ps = Fetcher.prepare(jdbc, sql); var rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        });
    }

    // ---- introspection

    /** The attribute names, primary key first. */
    public List<String> names() {
        return state.names();
    }

    /** The primary-key attribute names. */
    public List<String> primaryKey() {
        return state.primaryKey();
    }

    /** The secondary (non-key) attribute names. */
    public List<String> secondaryAttributes() {
        return state.secondary();
    }

    /** The table attribute an attribute of this query comes from; empty for computed attributes. */
    public Optional<Attribute> attribute(String name) {
        return state.find(name).map(Column::attribute);
    }

    /** The entry object this query belongs to (its connection, stores and adapters). */
    public Dovetail dovetail() {
        return state.dovetail;
    }

    /** The connection the query runs on. */
    public Connection connection() {
        return state.connection;
    }

    /** The SELECT statement, with {@code ?} where values are bound (DataJoint's {@code make_sql()}). */
    public String sql() {
        return Renderer.select(state).sql();
    }

    /** The values bound to the {@code ?} markers of {@link #sql()}, in order. */
    public List<Object> sqlParameters() {
        return Renderer.select(state).params();
    }

    @Override
    public String toString() {
        return sql();
    }

    private State limitedForFetch1() {
        return state.top == null && state.kind == State.Kind.QUERY ? withLimit(state) : state;
    }

    private static State withLimit(State s) {
        State limited = s.copy();
        limited.top = new Top(2L, List.of(), 0);
        return limited;
    }

    /**
     * This query projected on {@code attributes} for fetching; attributes a top orders by are kept
     * too (and left out of the rows by the caller), so that the rows come in the top's order.
     */
    private State projected(String[] attributes) {
        List<String> items = new ArrayList<>();
        for (String a : attributes) {
            if (a == null) {
                throw new InvalidQueryException("null is not a valid data type for an attribute in .proj");
            }
            if (!a.equals("KEY")) {
                items.add(a);
            }
        }
        if (state.top != null) {
            Renderer.orderAttributes(state.top).stream().filter(a -> !items.contains(a)).forEach(items::add);
        }
        return Projection.apply(state, items);
    }

    private List<String> requested(String[] attributes) {
        List<String> names = new ArrayList<>();
        for (String a : attributes) {
            if ("KEY".equals(a)) {
                names.addAll(0, state.primaryKey().stream().filter(k -> !names.contains(k)).toList());
            } else if (!names.contains(a)) {
                names.add(a);
            }
        }
        return names;
    }

    private static Map<String, Object> only(Map<String, Object> row, List<String> names) {
        Map<String, Object> result = new LinkedHashMap<>(names.size() * 2);
        for (String n : names) {
            result.put(n, row.get(n));
        }
        return result;
    }

    private static Query requireQuery(Query other) {
        if (other == null) {
            throw new InvalidQueryException("The argument of join must be a QueryExpression");
        }
        return other;
    }
}
