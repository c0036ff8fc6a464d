package org.dovetail.ops.access;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.dovetail.Report;

/**
 * What applying a plan did: the statements that ran, the one that failed (with the server's
 * message) and those that therefore did not run. A new password appears here once.
 *
 * <pre>{@code
 * ChangeReport report = access.apply(access.addUser("alice", Role.USER, InitialPassword.RANDOM_EXPIRED));
 * if (!report.succeeded()) {
 *     System.err.println(report.failed() + ": " + report.error() + "; not run: " + report.notApplied());
 * }
 * }</pre>
 *
 * @param action     the command, e.g. {@code add-user alice}
 * @param applied    statements that ran, in order
 * @param failed     the statement that failed, or null
 * @param error      the server's message for the failure, or null
 * @param notApplied statements after the failure, not run
 * @param notes      the plan's notes
 * @param password   the password that was set, or null (also null when the statement setting it did not run)
 */
public record ChangeReport(String action, List<SqlStatement> applied, SqlStatement failed, String error,
                           List<SqlStatement> notApplied, List<String> notes, String password) implements Report {
    public ChangeReport {
        applied = List.copyOf(applied);
        notApplied = List.copyOf(notApplied);
        notes = List.copyOf(notes);
    }

    /** True if every statement ran. */
    public boolean succeeded() {
        return failed == null;
    }

    /** {@code FAILED} when a statement failed. */
    @Override
    public Outcome outcome() {
        return succeeded() ? Outcome.OK : Outcome.FAILED;
    }

    @Override
    public String toText() {
        StringBuilder sb = new StringBuilder();
        if (succeeded()) {
            sb.append(action).append(": ").append(applied.isEmpty() ? "nothing to do, everything is in place"
                    : applied.size() + (applied.size() == 1 ? " statement" : " statements") + " applied").append('\n');
        } else {
            sb.append(action).append(": FAILED after ").append(applied.size()).append(" of ")
                    .append(applied.size() + 1 + notApplied.size()).append(" statements\n");
        }
        applied.forEach(s -> sb.append("  applied      ").append(s.display()).append('\n'));
        if (failed != null) {
            sb.append("  FAILED       ").append(failed.display()).append('\n');
            sb.append("               ").append(error).append('\n');
        }
        notApplied.forEach(s -> sb.append("  not applied  ").append(s.display()).append('\n'));
        notes.forEach(n -> sb.append("note: ").append(n).append('\n'));
        if (password != null) {
            sb.append("password: ").append(password)
                    .append("   (shown only now; give it to the user over a private channel)\n");
        }
        return sb.toString();
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("action", action);
        json.put("succeeded", succeeded());
        statements(json.putArray("applied"), applied);
        if (failed != null) {
            json.putObject("failed").put("sql", failed.display()).put("error", error);
        }
        statements(json.putArray("not_applied"), notApplied);
        ArrayNode notesArray = json.putArray("notes");
        notes.forEach(notesArray::add);
        if (password != null) {
            json.put("password", password);
        }
        return json;
    }

    @Override
    public List<String> columns() {
        return List.of("status", "sql");
    }

    @Override
    public List<List<Object>> rows() {
        List<List<Object>> rows = new ArrayList<>();
        applied.forEach(s -> rows.add(List.of("applied", s.display())));
        if (failed != null) {
            rows.add(List.of("failed: " + error, failed.display()));
        }
        notApplied.forEach(s -> rows.add(List.of("not applied", s.display())));
        return rows;
    }

    private static void statements(ArrayNode array, List<SqlStatement> statements) {
        statements.forEach(s -> array.add(s.display()));
    }
}
