package org.dovetail.table;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dovetail.MissingTableException;
import org.dovetail.connection.Connection;
import org.dovetail.declare.TableNames;
import org.dovetail.declare.Tier;
import org.dovetail.heading.Heading;
import org.dovetail.heading.HeadingReader;
import org.dovetail.query.BoundSql;
import org.dovetail.query.Query;
import org.dovetail.schema.Schema;
import org.dovetail.schema.TableInfo;

/**
 * A DataJoint table: a query of its rows that can also insert, update and delete. Restricting a
 * table gives a table again, so that {@code table.restrict(...).delete()} deletes those rows.
 * The heading is read from the database once, when the table is opened.
 *
 * <pre>{@code
 * Table subject = Table.of(schema, "Subject");
 * subject.insert1(Map.of("subject_id", 7, "species", "mouse", "date_of_birth", LocalDate.of(2024, 5, 1)));
 * subject.insert(List.of(List.of(8, "rat", "2024-06-01")), InsertOption.SKIP_DUPLICATES);
 * subject.update1(Map.of("subject_id", 7, "species", "rat"));
 * long deleted = subject.restrict("subject_id > 7").deleteQuick();
 * }</pre>
 */
public class Table extends Query {
    private final Heading heading;

    private Table(Connection connection, Heading heading) {
        super(Query.of(connection, heading));
        this.heading = heading;
    }

    private Table(Heading heading, Query restricted) {
        super(restricted);
        this.heading = heading;
    }

    /** The table with DataJoint class name {@code className} ({@code Subject}, {@code Session.Trial}) in {@code schema}. */
    public static Table of(Schema schema, String className) {
        TableInfo info = schema.table(className).orElseThrow(() -> new MissingTableException(
                "Schema `" + schema.name() + "` has no table of class " + className));
        return of(schema.connection(), info.schema(), info.tableName());
    }

    /** The table {@code `database`.`tableName`} (DataJoint's {@code FreeTable}); {@code tableName} is the SQL name. */
    public static Table of(Connection connection, String database, String tableName) {
        return new Table(connection, HeadingReader.read(connection, database, tableName));
    }

    /** The table of a full name {@code `database`.`table`}. */
    public static Table of(Connection connection, String fullName) {
        String[] parts = TableNames.splitFullName(fullName);
        return of(connection, parts[0], parts[1]);
    }

    /** The heading read from the database. */
    public Heading heading() {
        return heading;
    }

    /** {@code `database`.`table`}. */
    public String fullName() {
        return heading.fullTableName();
    }

    /** The tier, from the table name. */
    public Tier tier() {
        return heading.tierValue().orElse(Tier.MANUAL);
    }

    /** True if the table is restricted (by {@link #restrict} or {@link #minus}). */
    public boolean isRestricted() {
        return !tableCondition().sql().isEmpty();
    }

    @Override
    public Table restrict(Object condition) {
        return new Table(heading, super.restrict(condition));
    }

    @Override
    public Table minus(Object condition) {
        return new Table(heading, super.minus(condition));
    }

    @Override
    public Table restrictPermissive(Object condition) {
        return new Table(heading, super.restrictPermissive(condition));
    }

    // ---- insert and update

    /**
     * Inserts rows: maps (attribute → value), records (components named after attributes) or
     * positional lists and arrays (every attribute, in heading order). A null value means the
     * column's default (NULL for nullable attributes). Rows that need several statements are
     * inserted in one transaction: all of them or none.
     *
     * @return the number of rows sent (including duplicates skipped)
     * @throws org.dovetail.DuplicateException naming the key, unless skipped or replaced
     * @throws org.dovetail.IntegrityException naming the parents when a parent row is missing
     * @throws org.dovetail.InvalidValueException naming the attribute and value of a value that does not fit
     */
    public long insert(Iterable<?> rows, InsertOption... options) {
        return new Insert(this, options(options)).rows(rows);
    }

    /** Inserts one row; see {@link #insert(Iterable, InsertOption...)}. */
    public void insert1(Object row, InsertOption... options) {
        new Insert(this, options(options)).rows(List.of(row));
    }

    /**
     * Inserts the rows of a query, copied by the server ({@code INSERT … SELECT}). Every attribute
     * of the query must be an attribute of this table, unless {@link InsertOption#IGNORE_EXTRA_FIELDS}.
     *
     * <pre>{@code
     * archive.insert(session.restrict("session_date < '2020-01-01'"));
     * }</pre>
     *
     * @return the number of rows the server reports as affected
     */
    public long insert(Query source, InsertOption... options) {
        return new Insert(this, options(options)).fromQuery(source);
    }

    /**
     * Updates secondary attributes of one existing row (DataJoint's {@code update1}); the map must
     * hold the whole primary key. A null value resets the attribute to its default.
     *
     * <pre>{@code
     * session.update1(Map.of("subject_id", 7, "session_idx", 1, "notes", "re-annotated"));
     * }</pre>
     */
    public void update1(Map<String, ?> row) {
        new Update(this).update1(row);
    }

    // ---- delete and drop

    /**
     * Deletes the rows of this (restricted) table only, without cascading and without asking
     * (DataJoint's {@code delete_quick}); fails with an IntegrityException if dependent rows exist.
     *
     * @return the number of rows deleted
     */
    public long deleteQuick() {
        BoundSql where = tableCondition();
        String sql = "DELETE FROM " + fullName() + (where.sql().isEmpty() ? "" : " WHERE " + where.sql());
        return connection().execute(sql, where.parameters().toArray());
    }

    /** The WHERE condition of this table's restriction (empty when unrestricted). */
    BoundSql where() {
        return tableCondition();
    }

    Set<String> restrictedBy() {
        return restrictionAttributes();
    }

    static BoundSql selectOf(Query query, List<String> fields) {
        return select(query, fields);
    }

    private static Set<InsertOption> options(InsertOption[] options) {
        Set<InsertOption> set = EnumSet.noneOf(InsertOption.class);
        set.addAll(List.of(options));
        return set;
    }
}
