package org.dovetail.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.ToIntFunction;
import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;
import org.dovetail.ops.migrate.FinalizePlan;
import org.dovetail.ops.migrate.LegacyMigration;
import org.dovetail.ops.migrate.MigrationCheck;
import org.dovetail.ops.migrate.MigrationPlan;
import org.dovetail.ops.migrate.PlanReport;
import org.dovetail.ops.migrate.RelocateReport;
import org.dovetail.ops.migrate.RunReport;
import org.dovetail.ops.migrate.RunSummary;
import org.dovetail.ops.migrate.StoreMap;
import org.dovetail.ops.migrate.VerifySummary;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code dovetail migrate legacy-external plan|run|verify|finalize}. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Migrations of data written by older DataJoint versions.",
        subcommands = {MigrateCommand.LegacyExternal.class})
final class MigrateCommand {
    @ParentCommand
    DovetailCommand global;

    /** Options every phase takes. */
    static final class Target {
        @Parameters(arity = "1..*", paramLabel = "SCHEMA", description = "Schemas to migrate.")
        List<String> schemas;

        @Option(names = "--store-map", paramLabel = "LEGACY=NEW",
                description = "Map a legacy store to a configured store (default: external-<name> -> <name>, external -> external).")
        List<String> storeMap = new ArrayList<>();
    }

    @Command(name = "legacy-external", mixinStandardHelpOptions = true,
            description = {"Migrate DataJoint 0.11 external storage (`external`, `external-<name>` columns and `~external`)",
                    "to the format DataJoint 0.12+ reads (`blob@<store>`, `~external_<store>`). Objects stay where they are:",
                    "configure each new store with the legacy location. Phases: plan (read-only), run (resumable),",
                    "verify (read-only), finalize (drops ~external once nothing needs it)."},
            subcommands = {Plan.class, Run.class, Verify.class, Finalize.class})
    static final class LegacyExternal {
        @ParentCommand
        MigrateCommand parent;

        DovetailCommand global() {
            return parent.global;
        }

        /** Opens the command's database and runs one phase on it. */
        int withMigration(CommandSpec spec, Target target, ToIntFunction<LegacyMigration> phase) {
            StoreMap stores = StoreMap.parse(target.storeMap); // a bad --store-map fails before any connection
            try (Database.Opened db = Commands.database(spec, global()).open()) {
                return phase.applyAsInt(new LegacyMigration(db.dovetail(), stores).withProgress(new Progress.Bars()));
            }
        }
    }

    @Command(name = "plan", mixinStandardHelpOptions = true,
            description = "Show per column: rows, distinct objects, bytes, NULLs, missing objects, and the statements a run executes.")
    static final class Plan implements Callable<Integer> {
        @ParentCommand
        LegacyExternal parent;
        @Spec
        CommandSpec spec;
        @Mixin
        Target target;

        @Override
        public Integer call() {
            DovetailCommand global = parent.global();
            return parent.withMigration(spec, target, migration -> {
                List<MigrationPlan> plans = target.schemas.stream().map(migration::plan).toList();
                return Commands.output(spec, global).report(new PlanReport(plans));
            });
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Migrate every column that can be migrated. Resumes an interrupted run; a finished run is a no-op.",
                    "Exit code 3 when a column was left alone (missing objects, foreign values)."})
    static final class Run implements Callable<Integer> {
        @ParentCommand
        LegacyExternal parent;
        @Spec
        CommandSpec spec;
        @Mixin
        Target target;

        @Option(names = "--accept-missing", description = "Migrate references to objects missing from the store (they stay missing).")
        boolean acceptMissing;

        @Option(names = "--ignore-sessions", description = "Run even while other sessions use the schema.")
        boolean ignoreSessions;

        @Option(names = "--relocate", description = {"Afterwards copy the migrated blobs to the current layout and point the",
                "references at them, as if DataJoint 0.12+ had written them (repeatable)."})
        boolean relocate;

        @Option(names = "--delete-legacy-objects", description = "With --relocate: delete each legacy object once its copy is referenced.")
        boolean deleteLegacyObjects;

        @Override
        public Integer call() {
            DovetailCommand global = parent.global();
            return parent.withMigration(spec, target, migration -> {
                if (deleteLegacyObjects && !relocate) {
                    throw new DovetailException(ErrorCode.USAGE, "--delete-legacy-objects goes with --relocate");
                }
                List<RunReport> reports = new ArrayList<>();
                List<RelocateReport> relocations = new ArrayList<>();
                for (String schema : target.schemas) {
                    reports.add(migration.run(schema, acceptMissing, ignoreSessions));
                    if (relocate) {
                        relocations.add(migration.relocate(schema, deleteLegacyObjects));
                    }
                }
                return Commands.output(spec, global).report(new RunSummary(reports, relocations, relocate));
            });
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Follow every migrated reference to its object: present, of the recorded size and hash, decodable. Exit 1 on problems.")
    static final class Verify implements Callable<Integer> {
        @ParentCommand
        LegacyExternal parent;
        @Spec
        CommandSpec spec;
        @Mixin
        Target target;

        @Override
        public Integer call() {
            DovetailCommand global = parent.global();
            return parent.withMigration(spec, target, migration -> {
                List<MigrationCheck> checks = target.schemas.stream().map(migration::verify).toList();
                return Commands.output(spec, global).report(new VerifySummary(checks));
            });
        }
    }

    @Command(name = "finalize", mixinStandardHelpOptions = true,
            description = {"Drop the legacy ~external table, only when verify passes and nothing refers to it.",
                    "Without --yes it verifies and says what it would drop (exit 3); nothing is dropped."})
    static final class Finalize implements Callable<Integer> {
        @ParentCommand
        LegacyExternal parent;
        @Spec
        CommandSpec spec;
        @Mixin
        Target target;

        @ArgGroup(exclusive = true)
        Decision decision = new Decision();

        @Override
        public Integer call() {
            DovetailCommand global = parent.global();
            return parent.withMigration(spec, target, migration -> {
                List<FinalizePlan> plans = target.schemas.stream().map(migration::finalizePlan).toList();
                long drops = plans.stream().filter(p -> !p.isEmpty()).count();
                return decision.decide(Commands.output(spec, global), spec.commandLine().getErr(), new ReportList(plans), drops == 0,
                        () -> new ReportList(plans.stream().map(migration::finalizeSchema).toList()),
                        "nothing dropped: run again with --yes to drop " + drops + " legacy table" + (drops == 1 ? "" : "s"));
            });
        }
    }
}
