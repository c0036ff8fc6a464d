package org.dovetail.ops.migrate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.dovetail.ops.OperationPlan;

/**
 * The plan of a run or a relocation as the shared {@link org.dovetail.ops.Operation} applies it:
 * its header (operation {@code migrate}, the schema as scope) and what it was made from, as JSON
 * for the audit log. The command line prints the migration's own reports, not this.
 *
 * @param header  operation, schema, action
 * @param details what the step starts from (the migration plan, the options)
 * @param empty   true when the step has nothing to do
 * @param refused why the step would be refused, or null
 */
record MigrationStep(Header header, ObjectNode details, boolean empty, String refused) implements OperationPlan {
    static final String OPERATION = "migrate";

    @Override
    public boolean isEmpty() {
        return empty;
    }

    @Override
    public Optional<String> refusal() {
        return Optional.ofNullable(refused);
    }

    @Override
    public String toText() {
        return header.action() + (empty ? ": nothing to do" : "") + "\n";
    }

    @Override
    public ObjectNode toJson() {
        return header.toJson().setAll(details);
    }

    @Override
    public List<String> columns() {
        return List.of("schema", "action");
    }

    @Override
    public List<List<Object>> rows() {
        return List.of(List.of(header.scope(), header.action()));
    }
}
