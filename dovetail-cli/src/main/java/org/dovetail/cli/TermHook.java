package org.dovetail.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * SIGTERM (and Ctrl-C) for long-running commands: the JVM's shutdown hook tells the command to
 * stop, then waits until the command says it has ended (its jobs finished or aborted and
 * recorded, its report printed), at most {@code patience}. Removed again when the command ends
 * on its own, so in-process runs leave nothing behind.
 */
final class TermHook implements AutoCloseable {
    private final Thread hook;
    private final CountDownLatch ended = new CountDownLatch(1);

    private TermHook(Runnable onTerm, Duration patience) {
        this.hook = new Thread(() -> {
            onTerm.run();
            try {
                ended.await(patience.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "dovetail-sigterm");
    }

    /** Installs the hook: {@code onTerm} runs on SIGTERM, then the JVM waits for {@link #ended()} (at most {@code patience}). */
    static TermHook install(Runnable onTerm, Duration patience) {
        TermHook term = new TermHook(onTerm, patience);
        Runtime.getRuntime().addShutdownHook(term.hook);
        return term;
    }

    /** The command has ended: a waiting hook lets the JVM exit. */
    void ended() {
        ended.countDown();
    }

    @Override
    public void close() {
        ended();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it returns once ended
        }
    }
}
