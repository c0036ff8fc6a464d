package org.dovetail.populate;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.dovetail.Dovetail;

/**
 * The arguments of {@link Populator#populate(PopulateOptions)}, named after DataJoint's
 * {@code populate()} keywords and with their meaning; immutable, start from {@link #defaults()}.
 *
 * <pre>{@code
 * PopulateOptions options = PopulateOptions.defaults()
 *         .withRestrictions(Map.of("subject_id", 7))
 *         .withReserveJobs(true)
 *         .withSuppressErrors(true)
 *         .withOrder(PopulateOptions.Order.RANDOM)
 *         .withMaxCalls(100)
 *         .withProcesses(4);
 * }</pre>
 */
public final class PopulateOptions {
    /** DataJoint's {@code order}: the order in which the keys are made. */
    public enum Order {
        /** As the server returns them (by key when a limit is set). */
        ORIGINAL,
        /** The original order reversed. */
        REVERSE,
        /** Shuffled: workers started together spread over the keys. */
        RANDOM
    }

    private static final PopulateOptions DEFAULTS = new PopulateOptions(List.of(), false, false, Order.ORIGINAL, -1, -1, 1,
            new JobListener() { }, null);

    private final List<Object> restrictions;
    private final boolean reserveJobs;
    private final boolean suppressErrors;
    private final Order order;
    private final long limit;
    private final long maxCalls;
    private final int processes;
    private final JobListener listener;
    private final Supplier<Dovetail> connections;

    private PopulateOptions(List<Object> restrictions, boolean reserveJobs, boolean suppressErrors, Order order, long limit,
            long maxCalls, int processes, JobListener listener, Supplier<Dovetail> connections) {
        this.restrictions = restrictions;
        this.reserveJobs = reserveJobs;
        this.suppressErrors = suppressErrors;
        this.order = order;
        this.limit = limit;
        this.maxCalls = maxCalls;
        this.processes = processes;
        this.listener = listener;
        this.connections = connections;
    }

    /** DataJoint's defaults: no restriction, no reservation, stop at the first error, original order, one process. */
    public static PopulateOptions defaults() {
        return DEFAULTS;
    }

    /** Conditions on the key source, all of which must hold (DataJoint's {@code *restrictions}). */
    public PopulateOptions withRestrictions(Object... conditions) {
        return new PopulateOptions(List.of(conditions), reserveJobs, suppressErrors, order, limit, maxCalls, processes, listener,
                connections);
    }

    /** DataJoint's {@code reserve_jobs}: claim each key in {@code ~jobs} first and skip keys with a row there. */
    public PopulateOptions withReserveJobs(boolean reserve) {
        return new PopulateOptions(restrictions, reserve, suppressErrors, order, limit, maxCalls, processes, listener, connections);
    }

    /** DataJoint's {@code suppress_errors}: record a failed key and go on, instead of stopping with a {@link MakeException}. */
    public PopulateOptions withSuppressErrors(boolean suppress) {
        return new PopulateOptions(restrictions, reserveJobs, suppress, order, limit, maxCalls, processes, listener, connections);
    }

    /** DataJoint's {@code order}. */
    public PopulateOptions withOrder(Order newOrder) {
        return new PopulateOptions(restrictions, reserveJobs, suppressErrors, Objects.requireNonNull(newOrder), limit, maxCalls,
                processes, listener, connections);
    }

    /**
     * DataJoint's {@code limit}: fetch at most this many keys of the key source that the target
     * lacks, ordered by key, <em>before</em> keys with a {@code ~jobs} row are left out (so a
     * worker may get fewer, even none, while work remains; {@link #withMaxCalls} is the cap after).
     * 0 means no limit, as in DataJoint.
     */
    public PopulateOptions withLimit(long keys) {
        return new PopulateOptions(restrictions, reserveJobs, suppressErrors, order, requireCount("limit", keys), maxCalls,
                processes, listener, connections);
    }

    /** DataJoint's {@code max_calls}: make at most this many keys, counted after leaving out keys with a {@code ~jobs} row. */
    public PopulateOptions withMaxCalls(long calls) {
        return new PopulateOptions(restrictions, reserveJobs, suppressErrors, order, limit, requireCount("maxCalls", calls),
                processes, listener, connections);
    }

    /**
     * DataJoint's {@code processes}: how many workers make keys in parallel, each on its own
     * connection (threads of this process); at most one per key. 0 means one per core.
     */
    public PopulateOptions withProcesses(int workers) {
        if (workers < 0) {
            throw new IllegalArgumentException("processes must not be negative: " + workers);
        }
        return new PopulateOptions(restrictions, reserveJobs, suppressErrors, order, limit, maxCalls, workers, listener, connections);
    }

    /** Told about every key attempted. */
    public PopulateOptions withListener(JobListener jobListener) {
        return new PopulateOptions(restrictions, reserveJobs, suppressErrors, order, limit, maxCalls, processes,
                Objects.requireNonNull(jobListener), connections);
    }

    /**
     * How a worker opens its connection when there are several; by default
     * {@code Dovetail.connect(config)} with the target's configuration. A {@code Dovetail}
     * connected through a DataSource, or one with registered adapters, needs this. Each
     * connection is closed when its worker ends.
     */
    public PopulateOptions withConnections(Supplier<Dovetail> opener) {
        return new PopulateOptions(restrictions, reserveJobs, suppressErrors, order, limit, maxCalls, processes, listener,
                Objects.requireNonNull(opener));
    }

    /** The restrictions of the key source. */
    public List<Object> restrictions() {
        return restrictions;
    }

    /** Whether keys are reserved in {@code ~jobs}. */
    public boolean reserveJobs() {
        return reserveJobs;
    }

    /** Whether failures are recorded and populate goes on. */
    public boolean suppressErrors() {
        return suppressErrors;
    }

    /** The order of the keys. */
    public Order order() {
        return order;
    }

    /** The limit on fetched keys, if any (a limit of 0 is none). */
    public OptionalLong limit() {
        return limit <= 0 ? OptionalLong.empty() : OptionalLong.of(limit);
    }

    /** The cap on make calls, if any. */
    public OptionalLong maxCalls() {
        return maxCalls < 0 ? OptionalLong.empty() : OptionalLong.of(maxCalls);
    }

    /** The number of workers asked for (0: one per core). */
    public int processes() {
        return processes;
    }

    /** The job listener (by default one that does nothing). */
    public JobListener listener() {
        return listener;
    }

    /** How workers connect, if set. */
    Supplier<Dovetail> connections() {
        return connections;
    }

    private static long requireCount(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
        return value;
    }
}
