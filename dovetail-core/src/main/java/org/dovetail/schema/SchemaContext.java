package org.dovetail.schema;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dovetail.TableName;
import org.dovetail.connection.Connection;
import org.dovetail.internal.declare.DeclarationContext;
import org.dovetail.internal.declare.ParentTable;
import org.dovetail.internal.declare.TableNames;
import org.dovetail.internal.heading.HeadingReader;

/**
 * Resolves foreign-key references for declarations in one schema: class names of its tables
 * ({@code Subject}, {@code Session.Trial}), {@code master} inside a part, {@code alias.ClassName}
 * for schemas registered under an alias, and full names {@code `db`.`tbl`}. Parent headings are
 * read from the database.
 */
final class SchemaContext implements DeclarationContext {
    private final Connection connection;
    private final String database;
    private final Map<String, String> aliases;
    private final Map<String, String> adapters;
    private final String masterClassName;
    private final Map<String, List<String>> tablesByDatabase = new HashMap<>();

    SchemaContext(Connection connection, String database, Map<String, String> aliases, Map<String, String> adapters,
            String masterClassName) {
        this.connection = connection;
        this.database = database;
        this.aliases = aliases;
        this.adapters = adapters;
        this.masterClassName = masterClassName;
    }

    @Override
    public Optional<ParentTable> table(String reference) {
        if (reference.startsWith("`")) {
            TableName parts = TableName.parse(reference);
            return exists(parts.schema(), parts.table()) ? Optional.of(parent(parts.schema(), parts.table())) : Optional.empty();
        }
        String db = database;
        String className = reference;
        int dot = reference.indexOf('.');
        String first = dot < 0 ? reference : reference.substring(0, dot);
        if (first.equals("master") && masterClassName != null) {
            className = masterClassName + (dot < 0 ? "" : reference.substring(dot));
        } else if (dot > 0 && aliases.containsKey(first)) {
            db = aliases.get(first);
            className = reference.substring(dot + 1);
        }
        String table = classes(db).get(className);
        return table == null ? Optional.empty() : Optional.of(parent(db, table));
    }

    @Override
    public Optional<String> adapterType(String name) {
        return Optional.ofNullable(adapters.get(name));
    }

    @Override
    public boolean adaptedTypesEnabled() {
        return connection.config().adaptedTypes();
    }

    @Override
    public boolean filepathEnabled() {
        return connection.config().filepathManagement();
    }

    private ParentTable parent(String db, String table) {
        return HeadingReader.read(connection, db, table).asParent();
    }

    private boolean exists(String db, String table) {
        return tables(db).contains(table);
    }

    /** Class name → SQL name of the tables of {@code db} that follow a tier's naming. */
    private Map<String, String> classes(String db) {
        Map<String, String> byClass = new HashMap<>();
        for (String table : tables(db)) {
            TableInfo.of(db, table).ifPresent(t -> byClass.putIfAbsent(t.className(), table));
        }
        return byClass;
    }

    private List<String> tables(String db) {
        return tablesByDatabase.computeIfAbsent(db, d -> Schema.tableNames(connection, d));
    }
}
