package org.dovetail.schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dovetail.AccessException;
import org.dovetail.Dovetail;
import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;
import org.dovetail.MissingSchemaException;
import org.dovetail.MissingTableException;
import org.dovetail.TableName;
import org.dovetail.connection.Connection;
import org.dovetail.graph.DependencyGraph;
import org.dovetail.heading.Heading;
import org.dovetail.internal.declare.DeclarationContext;
import org.dovetail.internal.declare.DefinitionCompiler;
import org.dovetail.internal.declare.TableNames;
import org.dovetail.internal.heading.Describe;
import org.dovetail.internal.heading.HeadingReader;
import org.dovetail.spi.AttributeAdapter;

/**
 * A DataJoint schema (a MySQL database): declare tables in it, list them, read their headings
 * and definitions. Tables declared here are indistinguishable from tables DataJoint-Python 0.14
 * declares from the same definitions.
 *
 * <pre>{@code
 * Schema lab = dovetail.createSchema("lab");
 * lab.declare(Tier.MANUAL, "Subject", """
 *         # experimental subjects
 *         subject_id : int unsigned
 *         ---
 *         dob = null : date
 *         """);
 * lab.declare(TableDefinition.of(Tier.MANUAL, "Session", "-> Subject\nsession_idx : smallint"));
 * String definition = lab.describe("Session");
 * }</pre>
 *
 * <p>Not thread-safe, like the {@link Connection} it uses.
 */
public final class Schema {
    /** DataJoint's {@code ~jobs} definition, for the schema name. */
    private static final String JOBS_DEFINITION = """
            # job reservation table for `%s`
            table_name  :varchar(255)  # className of the table
            key_hash  :char(32)  # key hash
            ---
            status  :enum('reserved','error','ignore')  # if tuple is missing, the job is available
            key=null  :blob  # structure containing the key
            error_message=""  :varchar(2047)  # error message returned if failed
            error_stack=null  :mediumblob  # error stack if failed
            user="" :varchar(255) # database user
            host=""  :varchar(255)  # system hostname
            pid=0  :int unsigned  # system process id
            connection_id = 0  : bigint unsigned          # connection_id()
            timestamp=CURRENT_TIMESTAMP  :timestamp   # automatic timestamp
            """;
    private final Dovetail dovetail;
    private final Connection connection;
    private final String name;
    private final Map<String, String> aliases;
    private final Map<String, String> adapters;
    private final SchemaLog log;

    private Schema(Dovetail dovetail, String name, Map<String, String> aliases, Map<String, String> adapters) {
        this.dovetail = dovetail;
        this.connection = dovetail.connection();
        this.name = name;
        this.aliases = Map.copyOf(aliases);
        this.adapters = Map.copyOf(adapters);
        this.log = new SchemaLog(connection, name);
    }

    /**
     * Opens the schema {@code name}, creating it first (and logging {@code created} to its
     * {@code ~log}) if it does not exist.
     */
    public static Schema create(Dovetail dovetail, String name) {
        TableName.checkIdentifier("schema", name);
        Connection connection = dovetail.connection();
        if (!exists(dovetail, name)) {
            try {
                connection.execute("CREATE DATABASE " + TableName.quote(name));
            } catch (AccessException e) {
                throw new DovetailException(ErrorCode.ACCESS_DENIED, "Schema `" + name + "` does not exist and could not be created. Check permissions.", e);
            }
            new SchemaLog(connection, name).log("created");
        }
        return new Schema(dovetail, name, Map.of(), Map.of());
    }

    /** Opens the existing schema {@code name}; throws if it does not exist. */
    public static Schema open(Dovetail dovetail, String name) {
        TableName.checkIdentifier("schema", name);
        if (!exists(dovetail, name)) {
            throw new MissingSchemaException("Database `" + name + "` has not yet been declared. Use createSchema to create it.");
        }
        return new Schema(dovetail, name, Map.of(), Map.of());
    }

    /**
     * True if a schema (database) of that name exists.
     *
     * @throws org.dovetail.InvalidInputException if the name cannot be a schema name (see {@link TableName#checkIdentifier})
     */
    public static boolean exists(Dovetail dovetail, String name) {
        TableName.checkIdentifier("schema", name);
        return !dovetail.connection().query("SELECT schema_name FROM information_schema.schemata WHERE schema_name = ?",
                r -> r.getString(1), name).isEmpty();
    }

    /**
     * This schema, in which definitions may refer to the tables of {@code otherSchema} as
     * {@code alias.ClassName} (as Python code refers to another module's classes).
     */
    public Schema withAlias(String alias, String otherSchema) {
        Map<String, String> more = new HashMap<>(aliases);
        more.put(alias, otherSchema);
        return new Schema(dovetail, name, more, adapters);
    }

    /**
     * This schema, in which definitions may use the adapted type {@code <adapterName>} stored as
     * {@code storageType} (the adapter's {@code attribute_type}, e.g. {@code longblob} or {@code blob@raw}).
     */
    public Schema withAdapter(String adapterName, String storageType) {
        Map<String, String> more = new HashMap<>(adapters);
        more.put(adapterName, storageType);
        return new Schema(dovetail, name, aliases, more);
    }

    /**
     * This schema with an adapter: definitions may use {@code <name>}, and inserts and fetches on
     * this connection convert values through it.
     */
    public Schema withAdapter(AttributeAdapter adapter) {
        dovetail.register(adapter);
        return withAdapter(adapter.name(), adapter.attributeType());
    }

    public String name() {
        return name;
    }

    /** The entry object this schema was opened through. */
    public Dovetail dovetail() {
        return dovetail;
    }

    /** The connection (for plain SQL in the same session). */
    public Connection connection() {
        return connection;
    }

    /**
     * Declares the table of a class annotated with {@link Definition}, with its nested part
     * classes and {@code CONTENTS}; see {@link #declare(TableDefinition)}.
     */
    public Table declare(Class<?> annotatedClass) {
        return declare(TableDefinition.of(annotatedClass));
    }

    /**
     * Declares every table of a pipeline in order, its other schemas available under their
     * aliases and its adapters registered; tables that exist with the same definition are left
     * as they are. Stops at the first failure (the tables of that one table's declaration are
     * dropped again; earlier tables stay).
     *
     * @return the master tables, in the pipeline's order
     */
    public List<Table> declare(Pipeline pipeline) {
        Schema target = this;
        for (var alias : pipeline.schemas().entrySet()) {
            target = target.withAlias(alias.getKey(), alias.getValue());
        }
        for (var adapter : pipeline.adapters().entrySet()) {
            target = target.withAdapter(adapter.getKey(), adapter.getValue());
        }
        List<Table> declared = new ArrayList<>();
        for (TableDefinition table : pipeline.tables()) {
            declared.add(target.declare(table));
        }
        return declared;
    }

    /** Declares a table without parts or contents; see {@link #declare(TableDefinition)}. */
    public Table declare(Tier tier, String className, String definition) {
        return declare(TableDefinition.of(tier, className, definition));
    }

    /**
     * Declares a table, then its parts, then inserts its contents. A table that exists with the
     * same definition is left as it is; one with another definition is a
     * {@link org.dovetail.DefinitionConflictException} listing the differences. If anything fails,
     * the tables created by this call are dropped again.
     *
     * @return the master table
     * @throws org.dovetail.InvalidDefinitionException for a definition that cannot be declared
     */
    public Table declare(TableDefinition table) {
        return freeTable(new Declaration(this, connection, log).declare(table).tableName());
    }

    /**
     * Changes the secondary attributes and the table comment of an existing table to those of
     * {@code definition}, as DataJoint's {@code alter()} does: attributes are added, dropped,
     * modified or moved, and renamed when the new comment starts with {@code {old_name}}. The
     * change is logged to {@code ~log} as {@code Altered `db`.`tbl`}.
     *
     * <pre>{@code
     * lab.alter("Subject", """
     *         subject_id : int unsigned
     *         ---
     *         dob = null : date
     *         weight = null : float   # {mass} grams
     *         """);
     * }</pre>
     *
     * @return the clauses of the {@code ALTER TABLE} statement sent, empty if nothing changed
     * @throws org.dovetail.InvalidDefinitionException if the definition is invalid or changes the
     *         primary key, the foreign keys or the indexes
     */
    public List<String> alter(String className, String definition) {
        return new Alteration(this, connection, log).alter(require(className), definition);
    }

    /**
     * Every table of the schema that follows DataJoint's naming, in DataJoint's {@code list_tables()}
     * order: parents before children (from the {@link DependencyGraph}), each master followed by its
     * parts. Tables without a primary key, which the graph does not hold, come last.
     */
    public List<TableInfo> tables() {
        List<String> ordered = new ArrayList<>();
        for (String fullName : DependencyGraph.load(connection, name).topologicalOrder()) {
            TableName parts = TableName.parse(fullName);
            if (parts.schema().equals(name)) {
                ordered.add(parts.table());
            }
        }
        for (String table : tableNames(connection, name)) {
            if (!ordered.contains(table)) {
                ordered.add(table);
            }
        }
        List<TableInfo> tables = new ArrayList<>();
        for (String table : ordered) {
            TableInfo.of(name, table).ifPresent(tables::add);
        }
        return tables;
    }

    /**
     * The table with DataJoint class name {@code className} ({@code Subject}, {@code Session.Trial}).
     *
     * @throws MissingTableException if the schema has no table of that class
     */
    public Table table(String className) {
        return freeTable(require(className).tableName());
    }

    /**
     * Any table of the schema by its SQL name ({@code session}, {@code _session__trial}), also one
     * that follows no DataJoint naming (DataJoint's {@code FreeTable}).
     *
     * @throws MissingTableException if there is no such table
     */
    public Table freeTable(String sqlName) {
        TableName.checkIdentifier("table", sqlName);
        return Table.open(dovetail, name, sqlName);
    }

    /** The name, tier and class of the table with DataJoint class name {@code className}, if there is one. */
    public Optional<TableInfo> find(String className) {
        return tableNames(connection, name).stream()
                .map(t -> TableInfo.of(name, t))
                .flatMap(Optional::stream)
                .filter(t -> t.className().equals(className))
                .findFirst();
    }

    /**
     * Every table of the schema by DataJoint class name ({@code Session}, {@code Session.Note}), in
     * {@link #tables()} order: DataJoint's virtual module ({@code spawn_missing_classes}) without
     * classes. Tables whose names follow no tier are left out.
     */
    public Map<String, Table> tablesByClass() {
        Map<String, Table> byClass = new LinkedHashMap<>();
        for (TableInfo t : tables()) {
            byClass.put(t.className(), freeTable(t.tableName()));
        }
        return byClass;
    }

    /**
     * The schema's {@code ~jobs} table (DataJoint's job reservation table), declared on first use
     * exactly as DataJoint declares it.
     *
     * @return its full name
     */
    public String jobsTable() {
        String fullName = fullName("~jobs");
        if (!tableNames(connection, name).contains("~jobs")) {
            connection.execute(DefinitionCompiler.compile(fullName, JOBS_DEFINITION.formatted(name), DeclarationContext.EMPTY)
                    .createTableSql(fullName, null));
        }
        return fullName;
    }

    /** The heading of the table with class name {@code className}, read from the database. */
    public Heading heading(String className) {
        return HeadingReader.read(connection, name, require(className).tableName());
    }

    /** DataJoint's {@code describe()} of the table with class name {@code className}. */
    public String describe(String className) {
        return Describe.definition(heading(className));
    }

    /**
     * The warning DataJoint-based labs (Spyglass) give when new tables go to this schema: empty
     * when its prefix is a shared module, {@code temp}, {@code test}, or the user's own (see
     * {@link SchemaPrefixRule}). Declarations log it; it never stops them.
     */
    public Optional<String> prefixWarning() {
        String user = connection.config().user().orElseGet(() -> connection.queryValue("SELECT CURRENT_USER()", String.class)
                .map(u -> u.substring(0, Math.max(0, u.lastIndexOf('@')))).orElse(""));
        return SchemaPrefixRule.of(connection.config(), user).warning(name);
    }

    /** {@code `name`.`table`}. */
    public String fullName(String table) {
        return TableNames.fullName(name, table);
    }

    Map<String, String> aliases() {
        return aliases;
    }

    Map<String, String> adapters() {
        return adapters;
    }

    private TableInfo require(String className) {
        return find(className).orElseThrow(() -> new MissingTableException(
                "Schema `" + name + "` has no table of class " + className));
    }

    /** The SQL names of the tables of {@code database}, sorted. */
    static List<String> tableNames(Connection connection, String database) {
        return connection.query("SELECT table_name FROM information_schema.tables WHERE table_schema = ? ORDER BY table_name",
                r -> r.getString(1), database);
    }
}
