package org.dovetail.connection;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.dovetail.DovetailException;

/**
 * The writes a {@link Connection} holds back ({@link Connection#executeLater}): statements in the
 * order given, with what they add up to, so the connection sends them before they grow past one
 * request's worth (16 statements, 20,000 parameters, 8 MB of values).
 */
final class DeferredWrites {
    private static final int MAX_STATEMENTS = 16;
    private static final int MAX_PARAMETERS = 20_000;
    private static final long MAX_BYTES = 8L << 20;

    /** One statement held back; {@code onError} turns its error into the one its caller raises. */
    record Statement(String sql, Object[] params, UnaryOperator<DovetailException> onError) {
    }

    private final List<Statement> held = new ArrayList<>();
    private boolean on;
    private int parameters;
    private long bytes;

    void turn(boolean value) {
        on = value;
    }

    boolean isOn() {
        return on;
    }

    boolean isEmpty() {
        return held.isEmpty();
    }

    /** True when {@code params} would take what is held past a limit: it is to be sent first. */
    boolean fullFor(Object[] params) {
        return !held.isEmpty() && (held.size() >= MAX_STATEMENTS || parameters + params.length > MAX_PARAMETERS
                || bytes + size(params) > MAX_BYTES);
    }

    void add(String sql, Object[] params, UnaryOperator<DovetailException> onError) {
        held.add(new Statement(sql, params.clone(), onError));
        parameters += params.length;
        bytes += size(params);
    }

    /** What is held, handed over and held no longer. */
    List<Statement> take() {
        List<Statement> out = List.copyOf(held);
        drop();
        return out;
    }

    /** Forgets what is held (rolled back, or lost with the session). */
    void drop() {
        held.clear();
        parameters = 0;
        bytes = 0;
    }

    private static long size(Object[] params) {
        long n = 0;
        for (Object p : params) {
            n += p instanceof byte[] b ? b.length : p instanceof String t ? t.length() : 8;
        }
        return n;
    }
}
