package org.dovetail.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.dovetail.Report;
import org.dovetail.ops.Durations;
import org.dovetail.ops.jobs.JobsAdmin;
import org.dovetail.ops.jobs.JobsPlan;
import org.dovetail.populate.JobStatus;
import org.dovetail.schema.Schema;
import org.dovetail.schema.TableInfo;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code dovetail jobs list|errors|clear|release-stale|stats SCHEMA} and {@code jobs prioritize SCHEMA.Table}: the
 * {@code ~jobs} queue DataJoint workers share.
 */
@Command(name = "jobs", mixinStandardHelpOptions = true,
        description = {"The job queue of a schema (`~jobs`, shared with DataJoint-Python workers) and what Dovetail workers record"
                + " beside it (`~dovetail_jobs`: heartbeats, timings, attempts).",
                "clear and release-stale print their plan and change nothing (exit 3) unless given --yes."},
        subcommands = {JobsCommand.ListJobs.class, JobsCommand.Errors.class, JobsCommand.Clear.class, JobsCommand.ReleaseStale.class,
                JobsCommand.Stats.class, JobsCommand.Prioritize.class})
final class JobsCommand {
    @ParentCommand
    DovetailCommand global;

    /** The schema parameter and the table filter every subcommand takes. */
    static final class Target {
        @Parameters(index = "0", paramLabel = "SCHEMA", description = "The schema.")
        String schema;

        @Option(names = "--table", paramLabel = "TABLE",
                description = "Only the jobs of this target table: its class name (SpikeCount) or SQL name (__spike_count).")
        String table;

        /** The bare SQL name {@code --table} names, or null. */
        String tableName(Schema schema) {
            if (table == null) {
                return null;
            }
            return schema.tables().stream().filter(t -> t.className().equals(table)).map(TableInfo::tableName).findFirst().orElse(table);
        }
    }

    /** Opens the database and the front door, runs {@code work} and prints its report. */
    int report(CommandSpec spec, Target target, Function<Context, Report> work) {
        try (Database.Opened db = Commands.database(spec, global).open()) {
            Schema schema = db.dovetail().schema(target.schema);
            return Commands.output(spec, global).report(work.apply(new Context(JobsAdmin.on(db.dovetail()), target.tableName(schema))));
        }
    }

    /** Plans, then prints the plan or with {@code --yes} applies it ({@link Decision#decide}). */
    int decide(CommandSpec spec, Target target, Decision decision, Function<Context, JobsPlan> planner) {
        try (Database.Opened db = Commands.database(spec, global).open()) {
            Schema schema = db.dovetail().schema(target.schema);
            JobsAdmin admin = JobsAdmin.on(db.dovetail());
            JobsPlan plan = planner.apply(new Context(admin, target.tableName(schema)));
            int n = plan.entries().size();
            return decision.decide(Commands.output(spec, global), spec.commandLine().getErr(), plan, plan.isEmpty(), () -> admin.apply(plan),
                    "nothing deleted: run again with --yes to delete " + n + (n == 1 ? " row" : " rows") + " from ~jobs");
        }
    }

    /** The front door and the resolved {@code --table}. */
    record Context(JobsAdmin admin, String tableName) {
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Print the rows of ~jobs: key, status, who reserved or failed it (user, host, pid), age, heartbeat, message.")
    static final class ListJobs implements Callable<Integer> {
        @ParentCommand
        JobsCommand parent;
        @Spec
        CommandSpec spec;
        @Mixin
        Target target;

        @Option(names = "--status", paramLabel = "STATUS", split = ",", description = "Only these statuses: reserved, error, ignore.")
        List<JobStatus> statuses = new ArrayList<>();

        @Override
        public Integer call() {
            Set<JobStatus> only = statuses.isEmpty() ? Set.of() : EnumSet.copyOf(statuses);
            return parent.report(spec, target, c -> c.admin().list(target.schema, only, c.tableName()));
        }
    }

    @Command(name = "errors", mixinStandardHelpOptions = true, description = "Print the error rows of ~jobs with their messages.")
    static final class Errors implements Callable<Integer> {
        @ParentCommand
        JobsCommand parent;
        @Spec
        CommandSpec spec;
        @Mixin
        Target target;

        @Override
        public Integer call() {
            return parent.report(spec, target, c -> c.admin().list(target.schema, Set.of(JobStatus.ERROR), c.tableName()));
        }
    }

    @Command(name = "clear", mixinStandardHelpOptions = true,
            description = {"Delete error and ignore rows from ~jobs, so that populate tries those keys again.",
                    "Reservations are never cleared here (see release-stale)."})
    static final class Clear implements Callable<Integer> {
        @ParentCommand
        JobsCommand parent;
        @Spec
        CommandSpec spec;
        @Mixin
        Target target;

        @Option(names = "--status", paramLabel = "STATUS", split = ",", description = "error, ignore or both (default: both).")
        List<ClearableStatus> statuses = new ArrayList<>(List.of(ClearableStatus.error, ClearableStatus.ignore));

        @ArgGroup(exclusive = true)
        Decision decision = new Decision();

        @Override
        public Integer call() {
            Set<JobStatus> chosen = EnumSet.noneOf(JobStatus.class);
            statuses.forEach(s -> chosen.add(s == ClearableStatus.error ? JobStatus.ERROR : JobStatus.IGNORE));
            return parent.decide(spec, target, decision, c -> c.admin().clearPlan(target.schema, chosen, c.tableName()));
        }
    }

    /** The statuses {@code clear} takes. */
    enum ClearableStatus { error, ignore }

    @Command(name = "release-stale", mixinStandardHelpOptions = true,
            description = {"Free the reservations of workers that died (killed, out of memory, node lost).",
                    "A Dovetail worker's reservation is freed when its heartbeat has been silent for --stale-after. Reservations"
                            + " without a heartbeat (DataJoint-Python workers) are freed only with --python-older-than: with"
                            + " processes>1 their connection_id is the parent's, closed during the run, so a closed connection"
                            + " does not mean the job is dead."})
    static final class ReleaseStale implements Callable<Integer> {
        @ParentCommand
        JobsCommand parent;
        @Spec
        CommandSpec spec;
        @Mixin
        Target target;

        @Option(names = "--stale-after", paramLabel = "DURATION", defaultValue = "10m",
                description = "Heartbeat silence after which a Dovetail worker counts as dead, e.g. 90s, 10m (default: ${DEFAULT-VALUE};"
                        + " keep it well above the workers' --heartbeat).")
        String staleAfter;

        @Option(names = "--python-older-than", paramLabel = "DURATION",
                description = "Also free reservations without a heartbeat that are at least this old, e.g. 24h.")
        String pythonOlderThan;

        @ArgGroup(exclusive = true)
        Decision decision = new Decision();

        @Override
        public Integer call() {
            Duration stale = Durations.parse("--stale-after", staleAfter);
            Duration python = pythonOlderThan == null ? null : Durations.parse("--python-older-than", pythonOlderThan);
            return parent.decide(spec, target, decision, c -> c.admin().releasePlan(target.schema, stale, python, c.tableName()));
        }
    }

    @Command(name = "stats", mixinStandardHelpOptions = true,
            description = "Throughput and failure rates per target table, from the attempts Dovetail workers recorded.")
    static final class Stats implements Callable<Integer> {
        @ParentCommand
        JobsCommand parent;
        @Spec
        CommandSpec spec;
        @Mixin
        Target target;

        @Option(names = "--window", paramLabel = "DURATION", defaultValue = "1h",
                description = "Count successes over this span for the rate (default: ${DEFAULT-VALUE}).")
        String window;

        @Override
        public Integer call() {
            Duration span = Durations.parse("--window", window);
            return parent.report(spec, target, c -> c.admin().stats(target.schema, span, c.tableName()));
        }
    }

    @Command(name = "prioritize", mixinStandardHelpOptions = true,
            description = {"Give the keys still to do of a table (or those --where selects) a priority: dovetail workers take"
                    + " lower priorities first (the default is 5). Recorded in ~dovetail_jobs; DataJoint-Python workers ignore it."})
    static final class Prioritize implements Callable<Integer> {
        @Mixin
        CommandTarget.OfTable table;

        @Parameters(index = "1", paramLabel = "PRIORITY", description = "Lower is sooner; the default of every job is 5.")
        int priority;

        @Mixin
        Restriction where;

        @Override
        public Integer call() throws Exception {
            return table.run(t -> table.output().report(JobsAdmin.on(t.dovetail()).prioritize(t, priority, where.conditions.toArray())));
        }
    }
}
