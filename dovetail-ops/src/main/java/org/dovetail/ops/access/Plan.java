package org.dovetail.ops.access;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.Collectors;
import org.dovetail.ops.OperationPlan;

/**
 * What an access command would do: the statements in order, notes about what is left as it is,
 * and the new password if the plan sets one. Print it ({@link #toText()}, {@link #script()}) or
 * apply it ({@link AccessManager#apply(Plan)}). The password is never printed: it appears once,
 * in the report of the apply that set it.
 *
 * <pre>{@code
 * Plan plan = access.addModule("ephys");
 * System.out.print(plan.script());     // GRANT ALL PRIVILEGES ON `ephys\_%`.* TO `dj_user`; ...
 * ChangeReport report = access.apply(plan);
 * }</pre>
 *
 * @param action     the command, e.g. {@code add-user alice --role user}
 * @param statements the statements, in the order they run
 * @param notes      what the plan found and leaves unchanged, and warnings
 * @param password   the password the plan sets, to be shown once; null if none
 * @param header     operation {@code access}, scope {@code server}, when it was made and the
 *                   fingerprint of the accounts, roles and schemas it was made from
 */
public record Plan(String action, List<SqlStatement> statements, List<String> notes, String password, Header header)
        implements OperationPlan {
    /** The operation's name in plans, locks and the audit log. */
    public static final String OPERATION = "access";
    /** Access plans change server-wide accounts and roles: one scope, one lock. */
    public static final String SCOPE = "server";

    public Plan {
        statements = List.copyOf(statements);
        notes = List.copyOf(notes);
    }

    /** A plan made now, without a fingerprint (never refused as stale). */
    public Plan(String action, List<SqlStatement> statements, List<String> notes, String password) {
        this(action, statements, notes, password, Header.of(OPERATION, SCOPE, action));
    }

    /** The same plan with the fingerprint of the state it was made from. */
    Plan withFingerprint(String fingerprint) {
        return new Plan(action, statements, notes, password, header.withFingerprint(fingerprint));
    }

    /** True if there is nothing to run. */
    @Override
    public boolean isEmpty() {
        return statements.isEmpty();
    }

    /** The plan as an SQL script: notes as comments, one statement a line, passwords redacted. */
    public String script() {
        StringBuilder sb = new StringBuilder("-- dovetail access ").append(action).append('\n');
        notes.forEach(n -> sb.append("-- ").append(n.replace("\n", "\n-- ")).append('\n'));
        if (statements.isEmpty()) {
            sb.append("-- nothing to do\n");
        }
        sb.append(statements.stream().map(s -> s.display() + ";\n").collect(Collectors.joining()));
        return sb.toString();
    }

    /** What would run, a statement a line (passwords redacted), then the notes. */
    @Override
    public String toText() {
        StringBuilder sb = new StringBuilder(action).append(": ");
        sb.append(statements.isEmpty() ? "nothing to do, everything is in place"
                : statements.size() + (statements.size() == 1 ? " statement" : " statements") + " to apply").append('\n');
        statements.forEach(s -> sb.append("  to apply     ").append(s.display()).append('\n'));
        notes.forEach(n -> sb.append("note: ").append(n).append('\n'));
        return sb.toString();
    }

    /** The header's fields, {@code statements} (redacted) and {@code notes}; never the password. */
    @Override
    public ObjectNode toJson() {
        ObjectNode json = header.toJson();
        ArrayNode list = json.putArray("statements");
        statements.forEach(s -> list.add(s.display()));
        ArrayNode notesArray = json.putArray("notes");
        notes.forEach(notesArray::add);
        return json;
    }

    @Override
    public List<String> columns() {
        return List.of("sql");
    }

    @Override
    public List<List<Object>> rows() {
        return statements.stream().map(s -> List.<Object>of(s.display())).toList();
    }

    /** The password is left out: a plan may be printed or recorded, and the password is shown once, after it is set. */
    @Override
    public String toString() {
        return "Plan[" + action + ", " + statements + ", notes=" + notes + ", " + header + "]";
    }
}
