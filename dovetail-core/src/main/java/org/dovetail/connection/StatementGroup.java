package org.dovetail.connection;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.dovetail.DovetailException;
import org.dovetail.DuplicateException;
import org.dovetail.TransactionException;

/**
 * Statements that run one after another as if sent one by one, but reach the server as one
 * request where it allows that, so a sequence costs one round trip instead of one per statement.
 * On MariaDB (10.1.1 and later) the group is sent as one anonymous compound statement
 * ({@code BEGIN NOT ATOMIC ... END}); elsewhere (MySQL, or with the system property
 * {@value #PROPERTY} set to {@code false}) the steps are sent one by one. Either way
 * the steps run in order and the first that fails stops the group: every step before it has
 * taken effect, it and every step after it have not, and {@link #completed()} says how many did.
 *
 * <pre>{@code
 * StatementGroup reserve = connection.group()
 *         .execute("INSERT INTO `lab`.`~jobs` (`table_name`,`key_hash`,`status`) VALUES (?,?,'reserved')", "_scan", hash)
 *         .startTransaction()
 *         .query("SELECT EXISTS(SELECT 1 FROM `lab`.`_scan` WHERE `scan_id` = ?)", 7);
 * try {
 *     boolean done = ((Number) reserve.run().get(0)).intValue() != 0;
 * } catch (DuplicateException e) {
 *     // reserve.completed() == 0: the INSERT failed, no transaction was started
 * }
 * }</pre>
 *
 * <p>Values are bound as parameters, never spliced into the SQL. A group is built and run on the
 * connection's thread, once.
 */
public final class StatementGroup {
    /**
     * The system property that, set to {@code false}, sends every group one statement at a time,
     * as on MySQL: for a proxy between Dovetail and MariaDB that cannot pass compound statements.
     */
    public static final String PROPERTY = "dovetail.statement-groups";
    private static final String DONE = "@dovetail_group_done";
    private static final String DUPLICATE = "@dovetail_group_duplicate";
    /** One character per {@link #executeUnlessDuplicate} step run, 0 (ran) or 1 (a duplicate): read back when the group fails. */
    private static final String FLAGS = "@dovetail_group_flags";
    /** This run's number, set first: the variables above are this run's only if it matches (a statement that fails to parse sets none). */
    private static final String RUN = "@dovetail_group_run";
    private static final AtomicLong RUNS = new AtomicLong();

    private final Connection connection;
    private final List<Step> steps = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();
    private int completed;
    private boolean ran;

    StatementGroup(Connection connection) {
        this.connection = connection;
    }

    /** Adds a statement that returns no rows (DML or DDL), with its parameters. */
    public StatementGroup execute(String sql, Object... params) {
        return add(new Step(Kind.EXECUTE, sql, params));
    }

    /**
     * Adds a statement whose duplicate-key error (1062) does not stop the group: its value in
     * {@link #run}'s list is true when it ran, false when the duplicate stopped it (an INSERT that
     * finds its key taken). Any other error stops the group as usual.
     */
    public StatementGroup executeUnlessDuplicate(String sql, Object... params) {
        return add(new Step(Kind.UNLESS_DUPLICATE, sql, params));
    }

    /**
     * Adds a query whose first column of its first row {@link #run} returns (null when it gives
     * no row), with its parameters.
     */
    public StatementGroup query(String sql, Object... params) {
        return add(new Step(Kind.QUERY, sql, params));
    }

    /**
     * Adds the statements the connection holds back ({@link Connection#executeLater}), in order;
     * the connection holds them no longer. A failing one raises the error it would have raised alone.
     */
    public StatementGroup executeDeferred() {
        for (DeferredWrites.Statement d : connection.takeDeferred()) {
            add(new Step(Kind.EXECUTE, d.sql(), d.params(), d.onError()));
        }
        return this;
    }

    /** Adds {@link Connection#startTransaction()}: {@code START TRANSACTION WITH CONSISTENT SNAPSHOT}. */
    public StatementGroup startTransaction() {
        return add(new Step(Kind.START, "START TRANSACTION WITH CONSISTENT SNAPSHOT", new Object[0]));
    }

    /** Adds {@link Connection#commitTransaction()}. */
    public StatementGroup commit() {
        return add(new Step(Kind.COMMIT, "COMMIT", new Object[0]));
    }

    /** Adds {@link Connection#cancelTransaction()}: {@code ROLLBACK}. */
    public StatementGroup rollback() {
        return add(new Step(Kind.ROLLBACK, "ROLLBACK", new Object[0]));
    }

    /**
     * Runs the steps. The connection's transaction state follows the steps that took effect, as
     * when they are run one by one (starting a transaction inside one is an error, committing or
     * rolling back outside one too, before anything is sent).
     *
     * @return the value of each {@link #query} and {@link #executeUnlessDuplicate} step, in order
     * @throws DovetailException the failing step's error, as the statement alone would raise it;
     *         {@link #completed()} then counts the steps before it
     */
    public List<Object> run() {
        ServerVersion server = connection.serverVersion();
        return run(server.isMariaDb() && server.atLeast(10, 1, 1) && !"false".equals(System.getProperty(PROPERTY)));
    }

    /** {@link #run}, sending one compound statement only when {@code compound} (and there are two steps or more). */
    List<Object> run(boolean compound) {
        if (ran) {
            throw new IllegalStateException("a statement group runs once");
        }
        ran = true;
        checkTransactions();
        return compound && steps.size() > 1 ? runCompound() : runOneByOne();
    }

    /** How many steps the group has so far: the index the next step added will have. */
    public int size() {
        return steps.size();
    }

    /** How many steps took effect: all of them after {@link #run} returned, those before the failing one after it threw. */
    public int completed() {
        return completed;
    }

    private StatementGroup add(Step step) {
        if (ran) {
            throw new IllegalStateException("a statement group runs once");
        }
        steps.add(step);
        return this;
    }

    private void checkTransactions() {
        boolean open = connection.inTransaction();
        for (Step step : steps) {
            switch (step.kind) {
                case START -> {
                    if (open) {
                        throw new TransactionException(Connection.NESTED);
                    }
                    open = true;
                }
                case COMMIT, ROLLBACK -> {
                    if (!open) {
                        throw new TransactionException("Cannot " + (step.kind == Kind.COMMIT ? "commit" : "cancel")
                                + " a transaction: none is open on this connection");
                    }
                    open = false;
                }
                default -> { }
            }
        }
    }

    private List<Object> runOneByOne() {
        for (Step step : steps) {
            switch (step.kind) {
                case EXECUTE -> {
                    try {
                        connection.execute(step.sql, step.params);
                    } catch (DovetailException e) {
                        throw step.error(e);
                    }
                }
                case UNLESS_DUPLICATE -> values.add(unlessDuplicate(step));
                case QUERY -> values.add(connection.queryValue(step.sql, Object.class, step.params).orElse(null));
                case START -> connection.startTransaction();
                case COMMIT -> connection.commitTransaction();
                case ROLLBACK -> connection.cancelTransaction();
            }
            completed++;
        }
        return copy(values);
    }

    private boolean unlessDuplicate(Step step) {
        try {
            connection.execute(step.sql, step.params);
            return true;
        } catch (DuplicateException e) {
            return false;
        }
    }

    private List<Object> runCompound() {
        long run = RUNS.incrementAndGet();
        StringBuilder sql = new StringBuilder("BEGIN NOT ATOMIC SET ").append(RUN).append(" = ?; ");
        if (steps.stream().anyMatch(s -> s.kind == Kind.UNLESS_DUPLICATE)) {
            sql.append("SET ").append(FLAGS).append(" = ''; ");
        }
        List<Object> params = new ArrayList<>(List.of(run));
        boolean commits = false;
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            sql.append("SET ").append(DONE).append(" = ").append(i).append("; ");
            if (step.kind == Kind.UNLESS_DUPLICATE) {
                sql.append("BEGIN DECLARE CONTINUE HANDLER FOR 1062 SET ").append(DUPLICATE).append(" = 1; SET ").append(DUPLICATE)
                        .append(" = 0; ").append(step.sql).append("; END; SET ").append(FLAGS).append(" = CONCAT(").append(FLAGS)
                        .append(", ").append(DUPLICATE).append("); SELECT ").append(DUPLICATE).append(" = 0; ");
            } else {
                sql.append(step.sql).append("; ");
            }
            params.addAll(Arrays.asList(step.params));
            commits |= step.kind == Kind.COMMIT;
        }
        sql.append("END"); // on success every step is done: nothing reads the variable
        String text = sql.toString();
        Connection.JdbcWork<Void> work = jdbc -> {
            completed = 0;
            values.clear();
            try {
                String prepared = connection.preparedGroup(jdbc, text);
                String sent = prepared == null ? text
                        : params.isEmpty() ? "EXECUTE " + prepared : "EXECUTE " + prepared + " USING " + "?, ".repeat(params.size() - 1) + "?";
                PreparedStatement ps = connection.kept(jdbc, sent);
                ps.clearParameters();
                for (int i = 0; i < params.size(); i++) {
                    ps.setObject(i + 1, params.get(i));
                }
                read(ps);
                return null;
            } catch (SQLException e) {
                if (SqlErrors.isConnectionLost(e)) {
                    throw e;
                }
                recover(jdbc, run);
                Step failed = steps.get(Math.min(completed, steps.size() - 1));
                throw failed.error(SqlErrors.translate(e, failed.sql));
            }
        };
        try {
            // a group that commits is never sent twice: the first may have committed before the connection went
            if (commits) {
                connection.withJdbcOnce(text, work);
            } else {
                connection.withJdbc(text, work);
            }
            settle(steps.size());
            return copy(values);
        } catch (DovetailException e) {
            settle(completed);
            throw e;
        }
    }

    /**
     * The values of the {@link #query} and {@link #executeUnlessDuplicate} steps that took
     * effect, in order: all of them once {@link #run} returned, those before the failing step
     * after it threw. A group sent as one compound statement loses the values of its queries
     * with the error: after it threw, the list ends before the first query.
     */
    public List<Object> values() {
        return copy(values.subList(0, Math.min(values.size(), valueSteps(completed))));
    }

    /**
     * The value of the {@link #query} or {@link #executeUnlessDuplicate} step at index {@code step}
     * (what {@link #size} was when it was added), once it took effect: empty before {@link #run},
     * when the group stopped before it, when the query gave no row, or when its value was lost
     * with a later step's error ({@link #values}). For a caller that adds steps to a group
     * another builds and runs.
     */
    public Optional<Object> valueAt(int step) {
        Kind kind = steps.get(step).kind;
        if (kind != Kind.QUERY && kind != Kind.UNLESS_DUPLICATE) {
            throw new IllegalArgumentException("step " + step + " is not a query: " + steps.get(step).sql);
        }
        int index = valueSteps(step);
        return step < completed && index < values.size() ? Optional.ofNullable(values.get(index)) : Optional.empty();
    }

    /** An unmodifiable copy that may hold nulls (a query that gave no row), which {@code List.copyOf} refuses. */
    private static List<Object> copy(List<Object> values) {
        return Collections.unmodifiableList(new ArrayList<>(values));
    }

    private int valueSteps(int stepCount) {
        int n = 0;
        for (int i = 0; i < stepCount; i++) {
            Kind kind = steps.get(i).kind;
            if (kind == Kind.QUERY || kind == Kind.UNLESS_DUPLICATE) {
                n++;
            }
        }
        return n;
    }

    /** Reads every result of the compound statement into {@link #values}, typed as the one-by-one run gives them. */
    private void read(PreparedStatement ps) throws SQLException {
        List<Kind> valueKinds = new ArrayList<>();
        for (Step step : steps) {
            if (step.kind == Kind.QUERY || step.kind == Kind.UNLESS_DUPLICATE) {
                valueKinds.add(step.kind);
            }
        }
        boolean isResult = ps.execute();
        while (isResult || ps.getUpdateCount() != -1) {
            if (isResult) {
                try (ResultSet rs = ps.getResultSet()) {
                    Object value = rs.next() ? rs.getObject(1) : null;
                    boolean flag = valueKinds.get(values.size()) == Kind.UNLESS_DUPLICATE;
                    values.add(flag ? (Object) (((Number) value).intValue() != 0) : value);
                }
            }
            isResult = ps.getMoreResults(Statement.CLOSE_CURRENT_RESULT);
        }
    }

    /**
     * After the compound statement failed: the steps done and the values of those before the
     * first query among them, from the session variables it keeps (the driver gives no result
     * of a statement that fails). A query's value is lost with the error.
     */
    private void recover(java.sql.Connection jdbc, long run) throws SQLException {
        String flags = "";
        completed = 0;
        try (Statement s = jdbc.createStatement(); ResultSet rs = s.executeQuery("SELECT " + RUN + ", " + DONE + ", " + FLAGS)) {
            if (rs.next() && rs.getLong(1) == run) { // else the statement did not run at all: nothing took effect
                completed = rs.getInt(2);
                flags = rs.getString(3) == null ? "" : rs.getString(3);
            }
        }
        values.clear();
        for (int i = 0, flag = 0; i < completed; i++) {
            Kind kind = steps.get(i).kind;
            if (kind == Kind.QUERY) {
                return;
            }
            if (kind == Kind.UNLESS_DUPLICATE) {
                values.add(flags.charAt(flag++) == '0');
            }
        }
    }

    private void settle(int done) {
        completed = done;
        for (int i = 0; i < done; i++) {
            switch (steps.get(i).kind) {
                case START -> connection.markTransaction(true);
                case COMMIT, ROLLBACK -> connection.markTransaction(false);
                default -> { }
            }
        }
    }

    private enum Kind { EXECUTE, UNLESS_DUPLICATE, QUERY, START, COMMIT, ROLLBACK }

    /** One statement; {@code onError} (or null) turns its error into the one its caller raises. */
    private record Step(Kind kind, String sql, Object[] params, UnaryOperator<DovetailException> onError) {
        Step(Kind kind, String sql, Object[] params) {
            this(kind, sql, params, null);
        }

        DovetailException error(DovetailException e) {
            return onError == null ? e : onError.apply(e);
        }
    }
}
