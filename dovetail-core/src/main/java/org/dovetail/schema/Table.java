package org.dovetail.schema;

import java.io.Console;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.dovetail.Dovetail;
import org.dovetail.DovetailException;
import org.dovetail.InvalidOperationException;
import org.dovetail.TableName;
import org.dovetail.graph.Dependency;
import org.dovetail.graph.DependencyGraph;
import org.dovetail.heading.Heading;
import org.dovetail.internal.declare.TableNames;
import org.dovetail.internal.heading.Describe;
import org.dovetail.internal.heading.HeadingReader;
import org.dovetail.query.BoundSql;
import org.dovetail.query.Query;

/**
 * A DataJoint table: a query of its rows that can also insert, update and delete. Restricting a
 * table gives a table again, so that {@code table.restrict(...).delete()} deletes those rows.
 * The heading is read from the database once, when the table is opened.
 *
 * <pre>{@code
 * Table subject = dovetail.schema("lab").table("Subject");
 * subject.insert1(Map.of("subject_id", 7, "species", "mouse", "date_of_birth", LocalDate.of(2024, 5, 1)));
 * subject.insert(List.of(List.of(8, "rat", "2024-06-01")), InsertOption.SKIP_DUPLICATES);
 * subject.update1(Map.of("subject_id", 7, "species", "rat"));
 * long deleted = subject.restrict("subject_id > 7").deleteQuick();
 * }</pre>
 */
public class Table extends Query {
    private final Heading heading;

    private Table(Dovetail dovetail, Heading heading) {
        super(dovetail, heading);
        this.heading = heading;
    }

    private Table(Heading heading, Query restricted) {
        super(restricted);
        this.heading = heading;
    }

    /** The table of full name {@code `database`.`tableName`}. */
    static Table open(Dovetail dovetail, String fullName) {
        TableName parts = TableName.parse(fullName);
        return open(dovetail, parts.schema(), parts.table());
    }

    /** The table {@code `database`.`tableName`}; {@code tableName} is the SQL name. */
    static Table open(Dovetail dovetail, String database, String tableName) {
        return new Table(dovetail, HeadingReader.read(dovetail.connection(), database, tableName));
    }

    /** The heading read from the database. */
    public Heading heading() {
        return heading;
    }

    /** {@code `database`.`table`}. */
    public String fullName() {
        return heading.fullTableName();
    }

    /** The tier, from the table name; empty for names that follow no tier. */
    public Optional<Tier> tier() {
        return heading.tierValue();
    }

    /** The schema (database) name. */
    public String database() {
        return heading.database();
    }

    /** The SQL table name ({@code _session__trial}). */
    public String tableName() {
        return heading.tableName();
    }

    /** DataJoint's class name for the table ({@code Session.Trial} for a part). */
    public String className() {
        return TableNames.className(tableName());
    }

    /** DataJoint's {@code describe()}: parents of the same schema by class name, others by full name. */
    public String describe() {
        return Describe.definition(heading);
    }

    /** The foreign keys of this table (loads the graph of its schema). */
    public List<Dependency> parents() {
        return DependencyGraph.load(connection(), database()).parents(fullName());
    }

    /** The foreign keys referencing this table, from any schema (loads the graph of its schema). */
    public List<Dependency> children() {
        return DependencyGraph.load(connection(), database()).children(fullName());
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

    /**
     * What a cascading delete of these rows would delete, table by table, in every schema that
     * depends on this table; nothing is deleted.
     *
     * @throws DovetailException for a part table (unless {@link DeleteOption#FORCE_PARTS}), or when part rows
     *         would be deleted without their master's (unless FORCE_PARTS or FORCE_MASTERS)
     * @throws org.dovetail.MissingPrivilegeException naming every table the account may not delete from
     */
    public DeletePlan deletePlan(DeleteOption... options) {
        Set<DeleteOption> set = EnumSet.noneOf(DeleteOption.class);
        set.addAll(List.of(options));
        if (tier().orElse(null) == Tier.PART && !set.contains(DeleteOption.FORCE_PARTS)) {
            throw new InvalidOperationException("Cannot delete from a Part directly. Delete from master instead");
        }
        return new Cascade(this, set).plan();
    }

    /**
     * Deletes these rows and every row that depends on them, in any schema, leaves first in one
     * transaction (DataJoint's {@code delete}). With {@code safemode} on (the default), the plan is
     * shown on the console and deleted only after "yes"; without a console, use
     * {@link #delete(Predicate, DeleteOption...)}.
     *
     * @return the rows deleted from this table
     */
    public long delete(DeleteOption... options) {
        if (!connection().config().safemode()) {
            return delete(plan -> true, options);
        }
        Console console = System.console();
        if (console == null) {
            throw new InvalidOperationException("safemode is on and there is no console to confirm the delete: call delete(plan -> ..., options)"
                    + " to decide in code, or set safemode to false");
        }
        return delete(plan -> {
            console.printf("%s", plan);
            return "yes".equals(console.readLine("Commit deletes? [yes, No]: "));
        }, options);
    }

    /**
     * Plans the cascading delete, asks {@code confirm}, and deletes if it says yes.
     *
     * <pre>{@code
     * long n = session.restrict("session_date < '2020-01-01'").delete(plan -> plan.totalRows() < 10_000);
     * }</pre>
     *
     * @return the rows deleted from this table (0 if not confirmed)
     */
    public long delete(Predicate<DeletePlan> confirm, DeleteOption... options) {
        DeletePlan plan = deletePlan(options);
        if (plan.totalRows() == 0 || !confirm.test(plan)) {
            return 0;
        }
        return plan.execute();
    }

    /**
     * What {@link #drop()} would drop: this table and every table that depends on it, with their
     * row counts; nothing is dropped.
     */
    public DropPlan dropPlan() {
        if (isRestricted()) {
            throw new InvalidOperationException("A table with an applied restriction cannot be dropped. Call drop() on the unrestricted Table.");
        }
        return DropPlan.of(this);
    }

    /**
     * Drops this table and every table that depends on it, children first (DataJoint's
     * {@code drop}). With {@code safemode} on, asks on the console as {@link #delete} does.
     */
    public void drop() {
        if (!connection().config().safemode()) {
            drop(plan -> true);
            return;
        }
        Console console = System.console();
        if (console == null) {
            throw new InvalidOperationException("safemode is on and there is no console to confirm the drop: call drop(plan -> ...) to decide"
                    + " in code, or set safemode to false");
        }
        drop(plan -> {
            console.printf("%s", plan);
            return "yes".equals(console.readLine("Proceed? [yes, No]: "));
        });
    }

    /** Plans the drop, asks {@code confirm}, and drops if it says yes; returns true if dropped. */
    public boolean drop(Predicate<DropPlan> confirm) {
        DropPlan plan = dropPlan();
        if (!confirm.test(plan)) {
            return false;
        }
        plan.execute();
        return true;
    }

    /** This table restricted as {@code other} is (same attribute names), by copying its conditions. */
    Table restrictedLike(Table other) {
        return new Table(heading, restrictWhere(other.where(), other.restrictedBy()));
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
