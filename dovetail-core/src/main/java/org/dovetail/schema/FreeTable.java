package org.dovetail.schema;

import java.util.List;
import java.util.Optional;
import org.dovetail.TableName;
import org.dovetail.connection.Connection;
import org.dovetail.declare.TableNames;
import org.dovetail.declare.Tier;
import org.dovetail.graph.Dependency;
import org.dovetail.graph.DependencyGraph;
import org.dovetail.heading.Describe;
import org.dovetail.heading.Heading;
import org.dovetail.heading.HeadingReader;

/**
 * Any existing table, opened by name without a class or a definition (DataJoint's
 * {@code FreeTable}): its heading read from the database, its definition, its place in the
 * dependency graph.
 *
 * <pre>{@code
 * FreeTable session = FreeTable.of(connection, "`lab`.`session`");
 * session.heading().primaryKey();     // [subject_id, session_idx]
 * session.describe();                 // "-> Subject\nsession_idx : smallint unsigned ..."
 * session.children();                 // foreign keys that reference it, from any loaded schema
 * }</pre>
 *
 * <p>The heading is read once, on first use.
 */
public final class FreeTable {
    private final Connection connection;
    private final String database;
    private final String table;
    private Heading heading;

    private FreeTable(Connection connection, String database, String table) {
        this.connection = connection;
        this.database = database;
        this.table = table;
    }

    /** The table of full name {@code `db`.`tbl`}; it need not follow DataJoint's naming. */
    public static FreeTable of(Connection connection, String fullName) {
        TableName name = TableName.parse(fullName);
        return new FreeTable(connection, name.schema(), name.table());
    }

    /** The table {@code table} of schema {@code database}. */
    public static FreeTable of(Connection connection, String database, String table) {
        return new FreeTable(connection, database, table);
    }

    /** {@code `db`.`tbl`}. */
    public String fullName() {
        return TableNames.fullName(database, table);
    }

    public String database() {
        return database;
    }

    /** The SQL table name. */
    public String tableName() {
        return table;
    }

    /** The tier read from the name; empty for names that follow no tier. */
    public Optional<Tier> tier() {
        return Tier.ofSqlName(table);
    }

    /** DataJoint's class name for the table ({@code Trial.Condition} for a part). */
    public String className() {
        return TableNames.className(table);
    }

    /**
     * The heading, read from the database on first use.
     *
     * @throws org.dovetail.MissingTableException if the table does not exist
     */
    public Heading heading() {
        if (heading == null) {
            heading = HeadingReader.read(connection, database, table);
        }
        return heading;
    }

    /** DataJoint's {@code describe()}: parents of the same schema by class name, others by full name. */
    public String describe() {
        return Describe.definition(heading());
    }

    /** The foreign keys of this table (loads the graph of its schema). */
    public List<Dependency> parents() {
        return DependencyGraph.load(connection, database).parents(fullName());
    }

    /** The foreign keys referencing this table, from any schema (loads the graph of its schema). */
    public List<Dependency> children() {
        return DependencyGraph.load(connection, database).children(fullName());
    }

    @Override
    public String toString() {
        return "FreeTable(" + fullName() + ")";
    }
}
