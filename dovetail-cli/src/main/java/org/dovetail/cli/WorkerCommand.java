package org.dovetail.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;
import org.dovetail.ops.Durations;
import org.dovetail.populate.Heartbeat;
import org.dovetail.populate.StopReason;
import org.dovetail.schema.Table;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code dovetail worker}: a long-running populate worker for SLURM, cron and systemd. */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = {"Populate Imported and Computed tables through ~jobs, side by side with other Dovetail and DataJoint-Python"
                + " workers: reserve a key, make it, record it; one line per job on standard error, a report (--format json) on"
                + " standard output when it ends.",
                "SIGTERM: no new job starts; the running ones finish within --grace, else are aborted and recorded as"
                        + " `SystemExit: SIGTERM received`, as DataJoint-Python records them. No reservation is left behind."})
final class WorkerCommand implements Callable<Integer> {
    @ParentCommand
    DovetailCommand global;
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "SCHEMA.Table", description = "The tables to populate, in this order each pass.")
    List<String> tables = new ArrayList<>();

    @Mixin
    MakeOptions make;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1", description = "Worker threads, each with its own connection (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--max-jobs", paramLabel = "M", description = "Stop after making (or failing) M jobs.")
    long maxJobs;

    @ArgGroup(exclusive = true)
    Until until = new Until();

    /** {@code --until-empty} (the default) or {@code --forever}. */
    static final class Until {
        @Option(names = "--until-empty", description = "Stop when a pass over the tables finds nothing to do (default).")
        boolean untilEmpty;

        @Option(names = "--forever", description = "Keep going: wait when idle (1 s, doubling up to --max-idle) and look again.")
        boolean forever;
    }

    @Option(names = "--max-idle", paramLabel = "DURATION", defaultValue = "60s", description = "Longest wait when idle (default: ${DEFAULT-VALUE}).")
    String maxIdle;

    @Option(names = "--heartbeat", paramLabel = "DURATION", defaultValue = "30s",
            description = "How often running jobs are marked alive in ~dovetail_jobs (default: ${DEFAULT-VALUE}).")
    String heartbeat;

    @Option(names = "--grace", paramLabel = "DURATION", defaultValue = "0s",
            description = "After SIGTERM, let running jobs finish this long before aborting them (default: ${DEFAULT-VALUE}).")
    String grace;

    @Override
    public Integer call() throws Exception {
        if (threads < 1) {
            throw new DovetailException(ErrorCode.USAGE, "--threads must be at least 1");
        }
        Duration graceTime = Durations.parse("--grace", grace);
        Duration beat = Durations.parse("--heartbeat", heartbeat);
        Duration idle = Durations.parse("--max-idle", maxIdle);
        try (Database.Opened db = Commands.database(spec, global).open()) {
            List<String> fullNames = new ArrayList<>();
            for (String t : tables) {
                Table target = TableArgument.open(db.dovetail(), t);
                make.populator(target, global.environment); // a wrong table or make fails here, before any thread
                fullNames.add(target.fullName());
            }
            WorkerLoop loop = new WorkerLoop(db.dovetail().config(), new WorkerLoop.Settings(fullNames, make, global.environment, threads,
                    maxJobs, until.forever, beat.isZero() ? Heartbeat.DEFAULT_INTERVAL : beat, idle, graceTime), spec.commandLine().getErr());
            try (TermHook term = TermHook.install(() -> terminate(loop), graceTime.plusSeconds(60))) {
                WorkerReport report = loop.run();
                int code = Commands.output(spec, global).report(report);
                term.ended();
                return code;
            }
        }
    }

    /** On SIGTERM: no new jobs; running ones get the grace period, then are aborted. */
    private static void terminate(WorkerLoop loop) {
        if (loop.grace().isZero()) {
            loop.stop(StopReason.TERMINATE, true);
            return;
        }
        loop.stop(StopReason.TERMINATE, false);
        Thread abort = new Thread(() -> {
            try {
                Thread.sleep(loop.grace().toMillis());
                loop.stop(StopReason.TERMINATE, true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "dovetail-grace");
        abort.setDaemon(true);
        abort.start();
    }
}
