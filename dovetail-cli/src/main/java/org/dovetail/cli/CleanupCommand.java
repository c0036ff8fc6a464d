package org.dovetail.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;
import org.dovetail.InvalidInputException;
import org.dovetail.Report;
import org.dovetail.ops.cleanup.CleanupHistory;
import org.dovetail.ops.Durations;
import org.dovetail.ops.cleanup.ObjectsPlan;
import org.dovetail.ops.cleanup.ObjectsReport;
import org.dovetail.ops.cleanup.Quarantine;
import org.dovetail.ops.cleanup.QuarantinePlan;
import org.dovetail.ops.cleanup.QuarantineReport;
import org.dovetail.ops.cleanup.RowsCleanup;
import org.dovetail.ops.cleanup.RowsPlan;
import org.dovetail.ops.cleanup.RowsReport;
import org.dovetail.ops.cleanup.StoreCleanup;
import org.dovetail.ops.cleanup.SweepOptions;
import org.dovetail.schema.Table;
import org.dovetail.store.ExternalStore;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code dovetail cleanup objects|files|quarantine|rows|history}. */
@Command(name = "cleanup", mixinStandardHelpOptions = true,
        description = {"Store-wide cleanup of unused tracking rows, untracked objects and unreferenced periphery rows:",
                "planned (read-only), age-gated, refused past safety limits, quarantined instead of deleted, locked and audited.",
                "A plan prints and changes nothing; apply needs --yes (without it: the plan, exit 3). Each command ends with a",
                "one-line summary on stderr. Exit codes: 0 done (or nothing to do), 1 something failed, 3 refused or not confirmed."},
        subcommands = {CleanupCommand.Objects.class, CleanupCommand.FilesCommand.class, CleanupCommand.QuarantineCommands.class,
                CleanupCommand.Rows.class, CleanupCommand.History.class})
final class CleanupCommand {
    @ParentCommand
    DovetailCommand global;

    /** {@code --store NAME} of every cleanup command (an apply may take the store from its plan file instead). */
    static final class StoreName {
        @Option(names = "--store", paramLabel = "NAME", description = "Store name as configured under `stores`.")
        String store;

        String require() {
            if (store == null) {
                throw new DovetailException(ErrorCode.USAGE, "--store NAME is required (an apply may give a PLAN-FILE instead)");
            }
            return store;
        }
    }

    /** {@code PLAN-FILE} of the applies. */
    static final class PlanFile {
        @Parameters(arity = "0..1", paramLabel = "PLAN-FILE", description = "A plan written by `plan --format json` (default: plan afresh).")
        Path file;
    }

    /** The sweep's options, shared by objects and files. */
    static final class SweepArgs {
        @Mixin
        StoreName storeName;

        @Option(names = "--min-age", paramLabel = "AGE", defaultValue = "7d",
                description = "Keep rows and objects younger than this (d, h, m, s; default: ${DEFAULT-VALUE}).")
        String minAge;

        @Option(names = "--max-fraction", paramLabel = "F", defaultValue = "0.1",
                description = "Refuse a plan that moves more than this fraction of the store's objects or bytes (default: ${DEFAULT-VALUE}).")
        double maxFraction;

        @Option(names = "--schemas", paramLabel = "SCHEMA", split = ",",
                description = "Report and clean only these schemas' rows and folders; every schema still protects its objects.")
        List<String> schemas = new ArrayList<>();

        @Option(names = "--valid-for", paramLabel = "PERIOD", defaultValue = "24h",
                description = "How long a plan file stays valid (default: ${DEFAULT-VALUE}).")
        String validFor;

        SweepOptions options() {
            if (maxFraction < 0 || maxFraction > 1) {
                throw new DovetailException(ErrorCode.USAGE, "--max-fraction is between 0 and 1, e.g. 0.1 for 10 %");
            }
            return new SweepOptions(Durations.parse("--min-age", minAge), maxFraction, new HashSet<>(schemas),
                    Durations.parse("--valid-for", validFor));
        }

        String requireStore() {
            return storeName.require();
        }
    }

    /** Prints the report, then its one-line summary on stderr; returns the report's exit code. */
    static int finish(CommandSpec spec, int code, String summary) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("dovetail: " + summary);
        err.flush();
        return code;
    }

    static DovetailCommand global(CommandSpec spec) {
        Object root = spec.root().userObject();
        return (DovetailCommand) root;
    }

    // ------------------------------------------------------------------ objects and files

    abstract static class SweepCommand {
        abstract ObjectsPlan.Mode mode();

        int plan(CommandSpec spec, SweepArgs args) {
            DovetailCommand global = global(spec);
            try (Database.Opened db = Commands.database(spec, global).open();
                 ExternalStore store = ExternalStore.open(db.dovetail().connection(), args.requireStore())) {
                ObjectsPlan plan = new StoreCleanup(db.dovetail().connection(), store).withProgress(new Progress.Bars()).plan(mode(), args.options());
                return finish(spec, Commands.output(spec, global).report(plan), plan.summary());
            }
        }

        int apply(CommandSpec spec, SweepArgs args, Path planFile, Decision decision) {
            DovetailCommand global = global(spec);
            ObjectsPlan saved = planFile == null ? null : ObjectsPlan.fromJson(readJson(planFile));
            if (saved != null && saved.mode() != mode()) {
                throw new DovetailException(ErrorCode.USAGE, planFile + " is a plan of `cleanup " + saved.mode().name().toLowerCase() + "`");
            }
            String name = saved != null ? saved.store() : args.requireStore();
            try (Database.Opened db = Commands.database(spec, global).open();
                 ExternalStore store = ExternalStore.open(db.dovetail().connection(), name)) {
                StoreCleanup cleanup = new StoreCleanup(db.dovetail().connection(), store).withProgress(new Progress.Bars());
                ObjectsPlan plan = saved != null ? saved : cleanup.plan(mode(), args.options());
                ObjectsReport[] report = new ObjectsReport[1];
                int code = decision.decide(Commands.output(spec, global), spec.commandLine().getErr(), plan, plan.isEmpty(), () -> {
                    report[0] = cleanup.apply(plan);
                    return report[0];
                }, "nothing changed: run again with --yes to delete " + plan.rowsToDelete() + " tracking rows and quarantine "
                        + plan.quarantined() + " objects");
                return finish(spec, code, report[0] != null ? report[0].summary() : plan.summary());
            }
        }
    }

    @Command(name = "objects", mixinStandardHelpOptions = true,
            description = {"Blobs and attachments of a store, across every schema whose tracking table maps to the store's location:",
                    "tracking rows no column refers to, objects in schema folders no row names, leftovers of interrupted uploads.",
                    "Folder markers and keys that are not DataJoint objects are never touched."},
            subcommands = {Objects.Plan.class, Objects.Apply.class})
    static final class Objects extends SweepCommand {
        @Override
        ObjectsPlan.Mode mode() {
            return ObjectsPlan.Mode.OBJECTS;
        }

        @Command(name = "plan", mixinStandardHelpOptions = true,
                description = "Classify and count, change nothing; --format json writes a plan file for `apply`. Exit 3 if it would be refused.")
        static final class Plan implements Callable<Integer> {
            @ParentCommand
            Objects parent;
            @Spec
            CommandSpec spec;
            @Mixin
            SweepArgs args;

            @Override
            public Integer call() {
                return parent.plan(spec, args);
            }
        }

        @Command(name = "apply", mixinStandardHelpOptions = true,
                description = {"Delete the unused tracking rows and move the objects to _dovetail_quarantine/<date>/ in the store:",
                        "those of PLAN-FILE (until it expires), or of a fresh plan of --store."})
        static final class Apply implements Callable<Integer> {
            @ParentCommand
            Objects parent;
            @Spec
            CommandSpec spec;
            @Mixin
            SweepArgs args;
            @Mixin
            PlanFile planFile;
            @ArgGroup(exclusive = true)
            Decision decision = new Decision();

            @Override
            public Integer call() {
                return parent.apply(spec, args, planFile.file, decision);
            }
        }
    }

    @Command(name = "files", mixinStandardHelpOptions = true,
            description = {"Files of a filepath@ store that no tracking row's filepath names, in any schema (filepath paths carry",
                    "no schema, so every schema of the location protects a file). Every file under the location counts."},
            subcommands = {FilesCommand.Plan.class, FilesCommand.Apply.class})
    static final class FilesCommand extends SweepCommand {
        @Override
        ObjectsPlan.Mode mode() {
            return ObjectsPlan.Mode.FILES;
        }

        @Command(name = "plan", mixinStandardHelpOptions = true, description = "Classify and count, change nothing.")
        static final class Plan implements Callable<Integer> {
            @ParentCommand
            FilesCommand parent;
            @Spec
            CommandSpec spec;
            @Mixin
            SweepArgs args;

            @Override
            public Integer call() {
                return parent.plan(spec, args);
            }
        }

        @Command(name = "apply", mixinStandardHelpOptions = true, description = "Move the untracked files to _dovetail_quarantine/<date>/.")
        static final class Apply implements Callable<Integer> {
            @ParentCommand
            FilesCommand parent;
            @Spec
            CommandSpec spec;
            @Mixin
            SweepArgs args;
            @Mixin
            PlanFile planFile;
            @ArgGroup(exclusive = true)
            Decision decision = new Decision();

            @Override
            public Integer call() {
                return parent.apply(spec, args, planFile.file, decision);
            }
        }
    }

    static JsonNode readJson(Path file) {
        try {
            return Output.JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new InvalidInputException("Cannot read the plan file " + file + ": " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ quarantine

    @Command(name = "quarantine", mixinStandardHelpOptions = true,
            description = "What cleanups moved into a store's _dovetail_quarantine/ folder: list, restore, purge.",
            subcommands = {QuarantineCommands.ListCommand.class, QuarantineCommands.Restore.class, QuarantineCommands.Purge.class})
    static final class QuarantineCommands {
        static int with(CommandSpec spec, String storeName, Function<Quarantine, Integer> work) {
            DovetailCommand global = global(spec);
            try (Database.Opened db = Commands.database(spec, global).open();
                 ExternalStore store = ExternalStore.open(db.dovetail().connection(), storeName)) {
                return work.apply(new StoreCleanup(db.dovetail().connection(), store).quarantine());
            }
        }

        static int decide(CommandSpec spec, Decision decision, Quarantine quarantine, QuarantinePlan plan, String verb) {
            DovetailCommand global = global(spec);
            Report[] report = new Report[1];
            int code = decision.decide(Commands.output(spec, global), spec.commandLine().getErr(), plan, plan.isEmpty(), () -> {
                report[0] = quarantine.apply(plan);
                return report[0];
            }, "nothing changed: run again with --yes to " + verb + " " + plan.entries().size() + " objects");
            return finish(spec, code, report[0] != null ? ((QuarantineReport) report[0]).summary()
                    : plan.entries().size() + " objects (" + plan.bytes() + " bytes) of " + plan.store() + " to " + verb);
        }

        @Command(name = "list", mixinStandardHelpOptions = true, description = "List what is in quarantine, by day.")
        static final class ListCommand implements Callable<Integer> {
            @Spec
            CommandSpec spec;
            @Mixin
            StoreName store;

            @Override
            public Integer call() {
                return with(spec, store.require(), q -> {
                    QuarantinePlan listing = q.listing();
                    return finish(spec, Commands.output(spec, global(spec)).report(listing),
                            listing.entries().size() + " objects (" + listing.bytes() + " bytes) in the quarantine of " + store.store);
                });
            }
        }

        @Command(name = "restore", mixinStandardHelpOptions = true,
                description = "Move objects back to their original paths (an object already there is left in quarantine).")
        static final class Restore implements Callable<Integer> {
            @Spec
            CommandSpec spec;
            @Mixin
            StoreName store;
            @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "Only objects moved on this day.")
            LocalDate date;
            @Parameters(arity = "0..*", paramLabel = "PATH", description = "Original paths (or path prefixes) to restore; default: all.")
            List<String> paths = new ArrayList<>();
            @ArgGroup(exclusive = true)
            Decision decision = new Decision();

            @Override
            public Integer call() {
                return with(spec, store.require(), q -> decide(spec, decision, q, q.planRestore(date, paths), "restore"));
            }
        }

        @Command(name = "purge", mixinStandardHelpOptions = true,
                description = {"Delete what has been in quarantine longer than --older-than. An object that a tracking row of any",
                        "schema names again is moved back instead (or kept, if its original is in place)."})
        static final class Purge implements Callable<Integer> {
            @Spec
            CommandSpec spec;
            @Mixin
            StoreName store;
            @Option(names = "--older-than", paramLabel = "AGE", defaultValue = "30d", description = "Retention (default: ${DEFAULT-VALUE}).")
            String olderThan;
            @ArgGroup(exclusive = true)
            Decision decision = new Decision();

            @Override
            public Integer call() {
                Duration retention = Durations.parse("--older-than", olderThan);
                return with(spec, store.require(), q -> decide(spec, decision, q, q.planPurge(retention), "purge"));
            }
        }
    }

    // ------------------------------------------------------------------ rows

    @Command(name = "rows", mixinStandardHelpOptions = true,
            description = {"Rows of a periphery table (IntervalList-like) that no row of any child table refers to, older than",
                    "--grace by a date attribute; deleted through the regular cascade plan, which must find nothing below them."},
            subcommands = {Rows.Plan.class, Rows.Apply.class})
    static final class Rows {
        /** The options of both. */
        static final class Args {
            @Option(names = "--grace", paramLabel = "AGE", defaultValue = "7d", description = "Keep rows younger than this (default: ${DEFAULT-VALUE}).")
            String grace;
            @Option(names = "--age-column", paramLabel = "C", description = "The date or time attribute that dates a row (default: chosen, see the guide).")
            String ageColumn;
            @Option(names = "--owner-column", paramLabel = "C", description = "Count the rows by this attribute's values.")
            String ownerColumn;

            RowsPlan plan(Database.Opened db, RowsCleanup rows, CommandTarget.OfTable target) {
                Table table = TableArgument.open(db.dovetail(), target.table);
                return rows.plan(table, Durations.parse("--grace", grace), ageColumn, ownerColumn);
            }
        }

        @Command(name = "plan", mixinStandardHelpOptions = true, description = "List the rows, change nothing.")
        static final class Plan implements Callable<Integer> {
            @Spec
            CommandSpec spec;
            @Mixin
            CommandTarget.OfTable target;
            @Mixin
            Args args;

            @Override
            public Integer call() {
                DovetailCommand global = global(spec);
                try (Database.Opened db = target.openDatabase()) {
                    RowsPlan plan = args.plan(db, new RowsCleanup(db.dovetail()), target);
                    return finish(spec, Commands.output(spec, global).report(plan), plan.summary());
                }
            }
        }

        @Command(name = "apply", mixinStandardHelpOptions = true, description = "Plan afresh and, with --yes, delete the rows (audited).")
        static final class Apply implements Callable<Integer> {
            @Spec
            CommandSpec spec;
            @Mixin
            CommandTarget.OfTable target;
            @Mixin
            Args args;
            @ArgGroup(exclusive = true)
            Decision decision = new Decision();

            @Override
            public Integer call() {
                DovetailCommand global = global(spec);
                try (Database.Opened db = target.openDatabase()) {
                    RowsCleanup rows = new RowsCleanup(db.dovetail());
                    RowsPlan plan = args.plan(db, rows, target);
                    RowsReport[] report = new RowsReport[1];
                    int code = decision.decide(Commands.output(spec, global), spec.commandLine().getErr(), plan, plan.isEmpty(), () -> {
                        report[0] = rows.apply(plan);
                        return report[0];
                    }, "nothing changed: run again with --yes to delete " + plan.keys().size() + " rows");
                    return finish(spec, code, report[0] != null ? report[0].summary() : plan.summary());
                }
            }
        }
    }

    // ------------------------------------------------------------------ history

    @Command(name = "history", mixinStandardHelpOptions = true,
            description = "The cleanups recorded in the audit log: who, when, what, counts and bytes, newest first.")
    static final class History implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "How many (default: ${DEFAULT-VALUE}).")
        int limit;

        @Override
        public Integer call() {
            DovetailCommand global = global(spec);
            try (Database.Opened db = Commands.database(spec, global).open()) {
                CleanupHistory history = CleanupHistory.read(db.dovetail().connection(), limit);
                return finish(spec, Commands.output(spec, global).report(history), history.entries().size() + " cleanups recorded");
            }
        }
    }
}
