package org.dovetail.schema;

import java.util.List;
import org.dovetail.TransactionException;
import org.dovetail.connection.Connection;
import org.dovetail.internal.declare.AlterCompiler;
import org.dovetail.internal.declare.CompiledTable;
import org.dovetail.internal.declare.DeclarationContext;
import org.dovetail.internal.declare.DefinitionCompiler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One call of {@link Schema#alter}: DataJoint's {@code Table.alter} without the prompt. */
final class Alteration {
    private static final Logger LOG = LoggerFactory.getLogger(Alteration.class);

    private final Schema schema;
    private final Connection connection;
    private final SchemaLog log;

    Alteration(Schema schema, Connection connection, SchemaLog log) {
        this.schema = schema;
        this.connection = connection;
        this.log = log;
    }

    List<String> alter(TableInfo table, String definition) {
        if (connection.inTransaction()) {
            throw new TransactionException("Cannot update table declaration inside a transaction, e.g. from inside a populate/make call");
        }
        String fullName = table.fullName();
        int dot = table.className().indexOf('.');
        String master = dot < 0 ? null : table.className().substring(0, dot);
        DeclarationContext context = new SchemaContext(connection, schema.name(), schema.aliases(), schema.adapters(), master);
        CompiledTable old = DefinitionCompiler.compile(fullName, schema.describe(table.className()), context);
        CompiledTable now = DefinitionCompiler.compile(fullName, definition, context);
        List<String> clauses = AlterCompiler.clauses(fullName, now, old);
        if (clauses.isEmpty()) {
            LOG.info("Nothing to alter in {}", fullName);
            return clauses;
        }
        connection.execute(AlterCompiler.alterTableSql(fullName, clauses));
        log.log("Altered " + fullName);
        return clauses;
    }
}
