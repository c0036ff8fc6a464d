package org.dovetail.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.dovetail.populate.Heartbeat;
import org.dovetail.populate.JobListener;
import org.dovetail.populate.JobResult;
import org.dovetail.populate.PopulateOptions;
import org.dovetail.populate.PopulateReport;
import org.dovetail.populate.Populator;
import org.dovetail.populate.StopReason;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code dovetail populate}: one run of DataJoint's {@code populate()} on one table, with a progress bar. */
@Command(name = "populate", mixinStandardHelpOptions = true,
        description = {"Make every key of an Imported or Computed table's key source that it lacks, as DataJoint's populate()"
                + " does, one transaction per key; a progress bar on a terminal, the report when done.",
                "SIGTERM aborts the running key: rolled back and, with --reserve-jobs, recorded as DataJoint records it."})
final class PopulateCommand implements Callable<Integer> {
    @ParentCommand
    DovetailCommand global;
    @Spec
    CommandSpec spec;

    @Mixin
    CommandTarget.OfTable table;

    @Mixin
    Restriction where;

    @Mixin
    MakeOptions make;

    @Option(names = "--reserve-jobs", description = "Reserve each key in ~jobs first (to share the work with other workers).")
    boolean reserveJobs;

    @Option(names = "--suppress-errors", description = "Record a failed key and go on (DataJoint's suppress_errors).")
    boolean suppressErrors;

    @Option(names = "--limit", paramLabel = "N", description = "Fetch at most N keys to do, before the ~jobs filter (DataJoint's limit).")
    long limit;

    @Option(names = "--max-calls", paramLabel = "N", description = "Make at most N keys (DataJoint's max_calls).")
    Long maxCalls;

    @Option(names = "--order", paramLabel = "ORDER", defaultValue = "original", description = "original, reverse or random (default: ${DEFAULT-VALUE}).")
    PopulateOptions.Order order;

    @Option(names = "--processes", paramLabel = "N", defaultValue = "1", description = "Workers in parallel, each with its own connection (0: one per core).")
    int processes;

    @Override
    public Integer call() throws Exception {
        return table.run(target -> {
            Populator populator = make.populator(target, global.environment);
            PopulateOptions options = PopulateOptions.defaults().withRestrictions(where.conditions.toArray())
                    .withReserveJobs(reserveJobs).withSuppressErrors(suppressErrors).withOrder(order).withLimit(limit)
                    .withProcesses(processes);
            if (maxCalls != null) {
                options = options.withMaxCalls(maxCalls);
            }
            long total = System.console() == null ? 0 : populator.keysToDo(options).size();
            JobLines lines = new JobLines(table.err(), "dovetail populate");
            try (Progress progress = Progress.of("populate " + target.className(), total);
                 Heartbeat heartbeat = reserveJobs ? Heartbeat.start(target.dovetail().config(), Heartbeat.DEFAULT_INTERVAL) : null;
                 TermHook term = TermHook.install(() -> populator.requestStop(StopReason.TERMINATE, true), Duration.ofSeconds(60))) {
                AtomicLong done = new AtomicLong();
                JobListener counting = new JobListener() {
                    @Override
                    public void made(JobResult result) {
                        progress.step().accept(done.incrementAndGet());
                    }

                    @Override
                    public void failed(JobResult result) {
                        progress.step().accept(done.incrementAndGet());
                        lines.print(target.fullName(), result);
                    }

                    @Override
                    public void skipped(JobResult result) {
                        progress.step().accept(done.incrementAndGet());
                    }
                };
                PopulateReport report = populator.populate(options.withListener(heartbeat == null ? counting : heartbeat.listener(target, counting)));
                int code = table.output().report(report);
                term.ended();
                return code;
            }
        });
    }
}
