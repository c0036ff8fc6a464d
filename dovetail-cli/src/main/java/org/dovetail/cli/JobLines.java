package org.dovetail.cli;

import java.io.PrintWriter;
import org.dovetail.populate.JobOutcome;
import org.dovetail.populate.JobResult;

/** One line per job on standard error, as workers under SLURM, cron or systemd log them. */
final class JobLines {
    private final PrintWriter err;
    private final String prefix;

    JobLines(PrintWriter err, String prefix) {
        this.err = err;
        this.prefix = prefix;
    }

    /** {@code dovetail worker: made `lab`.`__spike_count` {subject_id=1} in 0.012 s}, with the message of a failed job. */
    void print(String table, JobResult result) {
        String verb = switch (result.outcome()) {
            case MADE -> "made";
            case ALREADY_DONE -> "already done";
            case TAKEN -> "taken by another worker";
            case FAILED -> "FAILED";
            case INTERRUPTED -> "aborted";
        };
        StringBuilder line = new StringBuilder(prefix).append(": ").append(verb).append(' ').append(table).append(' ').append(result.key())
                .append(String.format(" in %.3f s", result.duration().toNanos() / 1e9));
        if (result.outcome() == JobOutcome.FAILED || result.outcome() == JobOutcome.INTERRUPTED) {
            line.append(": ").append(firstLine(result.message()));
        }
        synchronized (err) {
            err.println(line);
            err.flush();
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl) + " ...";
    }
}
