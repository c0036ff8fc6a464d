package org.dovetail.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.dovetail.DefinitionConflictException;
import org.dovetail.DovetailException;
import org.dovetail.InvalidDefinitionException;
import org.dovetail.InvalidOperationException;
import org.dovetail.MissingPrivilegeException;
import org.dovetail.TableName;
import org.dovetail.TransactionException;
import org.dovetail.connection.Connection;
import org.dovetail.internal.declare.CompiledTable;
import org.dovetail.internal.declare.DeclarationContext;
import org.dovetail.internal.declare.DefinitionCompiler;
import org.dovetail.internal.declare.TableNames;
import org.dovetail.internal.heading.TableShape;
import org.dovetail.internal.store.TrackingTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call of {@link Schema#declare(TableDefinition)}: the master, its parts and its contents,
 * all or nothing.
 */
final class Declaration {
    private static final Logger LOG = LoggerFactory.getLogger(Declaration.class);
    /** The schema-prefix warning's own logger, so that an application that shows it itself can silence the log. */
    static final Logger PREFIX_LOG = LoggerFactory.getLogger("org.dovetail.schema.prefix");
    private static final Set<String> PREFIX_WARNED = ConcurrentHashMap.newKeySet();

    private final Schema schema;
    private final Connection connection;
    private final SchemaLog log;
    /** Tables created by this declaration, in creation order, to drop if a later step fails. */
    private final List<String> created = new ArrayList<>();
    private final List<String> declaredEvents = new ArrayList<>();
    private Optional<Grants> grants;
    private boolean prefixChecked;

    Declaration(Schema schema, Connection connection, SchemaLog log) {
        this.schema = schema;
        this.connection = connection;
        this.log = log;
    }

    TableInfo declare(TableDefinition table) {
        if (connection.inTransaction()) {
            throw new TransactionException("Cannot declare new tables inside a transaction, e.g. from inside a populate/make call");
        }
        if (table.tier() == Tier.PART) {
            throw new InvalidOperationException("Part table " + table.className() + " must be declared with its master (TableDefinition.withPart)");
        }
        String masterName = sqlName(table.tier().prefix(), table.className());
        try {
            declareOne(masterName, table.definition(), null);
            for (TableDefinition part : table.parts()) {
                declareOne(masterName + "__" + sqlName("", part.className()), part.definition(), table.className());
            }
            if (!table.contents().isEmpty()) {
                new LookupContents(schema.dovetail(), schema.name(), masterName).insert(table.contents());
            }
            for (TableDefinition part : table.parts()) {
                if (!part.contents().isEmpty()) {
                    new LookupContents(schema.dovetail(), schema.name(), masterName + "__" + sqlName("", part.className()))
                            .insert(part.contents());
                }
            }
        } catch (RuntimeException e) {
            dropCreated(e);
            throw e;
        }
        declaredEvents.forEach(log::log);
        return TableInfo.of(schema.name(), masterName).orElseThrow();
    }

    private String sqlName(String prefix, String className) {
        if (!TableNames.isCamelCase(className)) {
            throw new InvalidDefinitionException(schema.fullName("?"), 0, "", "Table class name `" + className
                    + "` is invalid. ClassName must be alphanumeric in CamelCase, begin with a capital letter.");
        }
        return prefix + TableNames.toSnakeCase(className);
    }

    private void declareOne(String table, String definition, String masterClassName) {
        // quoted without TableName's checks, so that the compiler reports a long name in DataJoint's words
        String fullName = TableName.quote(schema.name()) + "." + TableName.quote(table);
        DeclarationContext context = new SchemaContext(connection, schema.name(), schema.aliases(), schema.adapters(), masterClassName);
        CompiledTable compiled = DefinitionCompiler.compile(fullName, definition, context);
        if (Schema.tableNames(connection, schema.name()).contains(table)) {
            List<String> differences = TableShape.ofDefinition(connection, schema.name(), compiled)
                    .differencesFrom(TableShape.ofTable(connection, schema.name(), table));
            if (!differences.isEmpty()) {
                throw new DefinitionConflictException(fullName, differences);
            }
            LOG.debug("{} exists with the same definition", fullName);
            return;
        }
        checkPrivileges(fullName, compiled);
        warnAboutTheSchemaPrefix();
        for (String store : new LinkedHashSet<>(compiled.externalStores())) {
            declareExternalTable(store);
        }
        boolean hidden = connection.config().addHiddenTimestamp();
        connection.execute(compiled.createTableSql(fullName, hidden ? DefinitionCompiler.hiddenTimestampSql(fullName) : null));
        created.add(fullName);
        declaredEvents.add("Declared " + fullName);
    }

    /**
     * Names every privilege the CREATE TABLE needs and the account lacks, before sending it.
     * MariaDB does not enforce REFERENCES, so there a missing REFERENCES alone is only a warning.
     */
    private void checkPrivileges(String fullName, CompiledTable compiled) {
        if (grants == null) {
            grants = Grants.ofCurrentUser(connection);
        }
        if (grants.isEmpty()) {
            return;
        }
        List<String> parents = new ArrayList<>(compiled.parents());
        compiled.externalStores().forEach(store -> parents.add(schema.fullName("~external_" + store)));
        List<String> missing = grants.get().missingToDeclare(schema.name(), parents);
        boolean enforced = connection.serverVersion().isMySql() || missing.stream().anyMatch(m -> !m.startsWith("REFERENCES"));
        if (missing.isEmpty()) {
            return;
        }
        if (enforced) {
            throw new MissingPrivilegeException(fullName, missing);
        }
        LOG.warn("{} is declared without {}, which MySQL 8 would require", fullName, String.join("; ", missing));
    }

    /** Once per schema and process: a pipeline of many tables gets one warning, not one per table. */
    private void warnAboutTheSchemaPrefix() {
        if (!prefixChecked) {
            prefixChecked = true;
            if (PREFIX_WARNED.add(schema.name())) {
                schema.prefixWarning().ifPresent(PREFIX_LOG::warn);
            }
        }
    }

    private void declareExternalTable(String store) {
        String table = TrackingTable.PREFIX + store;
        if (Schema.tableNames(connection, schema.name()).contains(table)) {
            return;
        }
        connection.execute(TrackingTable.createTableSql(schema.name(), store));
        created.add(schema.fullName(table));
    }

    private void dropCreated(RuntimeException cause) {
        List<String> reversed = new ArrayList<>(created);
        Collections.reverse(reversed);
        Set<String> failed = new LinkedHashSet<>();
        for (String fullName : reversed) {
            try {
                connection.execute("DROP TABLE " + fullName);
            } catch (DovetailException e) {
                failed.add(fullName);
                cause.addSuppressed(e);
            }
        }
        if (!failed.isEmpty()) {
            LOG.warn("declaration failed and these tables could not be dropped again: {}", failed);
        }
    }
}
