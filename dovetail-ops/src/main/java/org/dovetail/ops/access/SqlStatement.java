package org.dovetail.ops.access;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One statement of a plan: its SQL, the values bound to its {@code ?} parameters, and how it is
 * shown (passwords redacted).
 *
 * <pre>{@code
 * SqlStatement s = SqlStatement.withSecret("ALTER USER 'alice'@'%' IDENTIFIED BY ?", password);
 * s.display();   // ALTER USER 'alice'@'%' IDENTIFIED BY '<password>'
 * }</pre>
 *
 * @param sql        the statement
 * @param parameters values for its parameters, bound by the driver
 * @param display    the statement as printed, secrets replaced by {@code '<password>'}
 */
public record SqlStatement(String sql, List<Object> parameters, String display) {
    static final String REDACTED = "'<password>'";

    public SqlStatement {
        parameters = Collections.unmodifiableList(new ArrayList<>(parameters));
    }

    /** A statement without parameters. */
    public static SqlStatement of(String sql) {
        return new SqlStatement(sql, List.of(), sql);
    }

    /** A statement whose parameters are secrets, shown as {@code '<password>'}. */
    public static SqlStatement withSecret(String sql, Object... secrets) {
        return new SqlStatement(sql, Arrays.asList(secrets), sql.replace("?", REDACTED));
    }

    @Override
    public String toString() {
        return display;
    }
}
