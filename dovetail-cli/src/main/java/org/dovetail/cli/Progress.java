package org.dovetail.cli;

import java.util.function.LongConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.dovetail.ops.migrate.MigrationProgress;

/**
 * A progress bar on stderr when a person watches (a terminal), nothing otherwise (cron, pipes,
 * tests): long operations report through {@link #step()} either way.
 */
final class Progress implements AutoCloseable {
    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    /** A bar for {@code total} units named {@code task}, shown only on a terminal. */
    static Progress of(String task, long total) {
        if (System.console() == null) {
            return new Progress(null);
        }
        return new Progress(new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setUpdateIntervalMillis(250).build());
    }

    /** Reports the number of units done so far. */
    LongConsumer step() {
        return done -> {
            if (bar != null) {
                bar.stepTo(done);
            }
        };
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }

    /**
     * An operation's phases ({@code OperationProgress}) as one bar after another on a terminal,
     * nothing elsewhere. A {@link MigrationProgress}, which is an {@code OperationProgress}, so
     * every operation command reports through it.
     */
    static final class Bars implements MigrationProgress {
        private Progress current;

        @Override
        public void start(String phase, long total) {
            end();
            current = Progress.of(phase, total);
        }

        @Override
        public void advance(long done) {
            if (current != null) {
                current.step().accept(done);
            }
        }

        @Override
        public void end() {
            if (current != null) {
                current.close();
                current = null;
            }
        }
    }
}
