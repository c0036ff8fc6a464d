package org.dovetail.ops.access;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What an access command would do: the statements in order, notes about what is left as it is,
 * and the new password if the plan sets one. Print it ({@link #script()}) or apply it
 * ({@link AccessManager#apply(Plan)}).
 *
 * <pre>{@code
 * Plan plan = access.addModule("ephys");
 * System.out.print(plan.script());     // GRANT ALL PRIVILEGES ON `ephys\_%`.* TO `dj_user`; ...
 * ChangeReport report = access.apply(plan);
 * }</pre>
 *
 * @param action     the command, e.g. {@code add-user alice}
 * @param statements the statements, in the order they run
 * @param notes      what the plan found and leaves unchanged, and warnings
 * @param password   the password the plan sets, to be shown once; null if none
 */
public record Plan(String action, List<SqlStatement> statements, List<String> notes, String password) {
    public Plan {
        statements = List.copyOf(statements);
        notes = List.copyOf(notes);
    }

    /** True if there is nothing to run. */
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
}
