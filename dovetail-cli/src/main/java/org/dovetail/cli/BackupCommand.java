package org.dovetail.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;
import org.dovetail.ops.backup.BackupRequest;
import org.dovetail.ops.backup.BackupTarget;
import org.dovetail.ops.backup.Backups;
import org.dovetail.ops.backup.Compression;
import org.dovetail.ops.backup.CreatePlan;
import org.dovetail.ops.backup.RestorePlan;
import org.dovetail.ops.backup.RestoreRequest;
import org.dovetail.ops.backup.SetLayout;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code dovetail backup create|list|verify|restore}. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Consistent backups of DataJoint schemas with their external objects, verified, restorable under other names.",
                "TARGET is a directory, store:NAME[/prefix] (a configured store's bucket or directory) or sftp://user@host[:port]/path."},
        footer = {"", "Exit codes: 0 ok, 1 failed (or a set that is not complete), 3 refused or another run holds the target's lock."},
        subcommands = {BackupCommand.Create.class, BackupCommand.ListSets.class, BackupCommand.Verify.class, BackupCommand.Restore.class,
                BackupRemoteCommands.Prune.class, BackupRemoteCommands.Copy.class})
final class BackupCommand {
    @ParentCommand
    DovetailCommand global;
    @Mixin
    BackupRemoteCommands.SftpCliOptions sftp = new BackupRemoteCommands.SftpCliOptions();

    /** {@code TARGET}, the first parameter of list, verify and restore. */
    static final class Target {
        @Parameters(index = "0", paramLabel = "TARGET", description = "A directory, store:NAME[/prefix] or sftp://user@host[:port]/path.")
        String target;
    }

    /** {@code --threads}: sessions that read (create) or load (restore) in parallel. */
    static final class Threads {
        @Option(names = "--threads", defaultValue = "2", paramLabel = "N",
                description = "Sessions working in parallel (default 2). For create, 1 needs no RELOAD privilege.")
        int threads;
    }

    /** Opens the database and the target, runs {@code work} with both. */
    int with(CommandSpec spec, String targetArgument, BiFunction<Backups, BackupTarget, Integer> work) {
        sftp.install();
        try (Database.Opened db = Commands.database(spec, global).open();
             BackupTarget target = BackupTarget.parse(targetArgument, db.dovetail().config())) {
            return work.apply(new Backups(db.dovetail()).withProgress(new Progress.Bars()), target);
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Back up schemas in one consistent snapshot, then their external objects (only new ones are copied),",
                    "then the manifest, last: a set without it is never taken for complete. Needs no --yes (cron)."})
    static final class Create implements Callable<Integer> {
        @ParentCommand
        BackupCommand parent;
        @Spec
        CommandSpec spec;

        @Option(names = "--schemas", arity = "1..*", paramLabel = "PATTERN", description = "Schemas to back up; * and ? match any run and any one character.")
        List<String> schemas = new ArrayList<>();
        @Option(names = "--all", description = "Every schema but information_schema, performance_schema, sys and mysql.")
        boolean all;
        @Option(names = "--to", required = true, paramLabel = "TARGET", description = "Where the set is written.")
        String to;
        @Mixin
        Threads threads;
        @Option(names = "--compress", defaultValue = "zstd", paramLabel = "zstd|none|gzip", description = "Compression of the row files (default zstd).")
        String compress;
        @Option(names = "--label", defaultValue = SetLayout.DEFAULT_LABEL, paramLabel = "L", description = "First part of the set's name <L>-YYYYMMDD[-HHMMSS].")
        String label;
        @Option(names = "--with-sql", description = "Also write the seed's mysql.<db>.sql per schema and mysql-all.sql (mariadb-dump or"
                + " mysqldump: custom backup.mysqldump, else PATH, else the embedded server's).")
        boolean withSql;
        @ArgGroup(exclusive = true)
        Decision decision = new Decision();

        @Override
        public Integer call() {
            BackupRequest request = request();
            return parent.with(spec, to, (backups, target) -> {
                if (withSql) {
                    backups.withSqlFiles(BackupRemoteCommands.embeddedDumpTool());
                }
                CreatePlan plan = backups.plan(request, target);
                Output output = Commands.output(spec, parent.global);
                return decision.dryRun ? output.report(plan) : output.report(backups.create(plan, target));
            });
        }

        private BackupRequest request() {
            if (all == !schemas.isEmpty()) {
                throw new DovetailException(ErrorCode.USAGE, "Give --schemas PATTERN... or --all (one of them)");
            }
            try {
                return new BackupRequest(schemas, all, threads.threads, Compression.parse(compress), label);
            } catch (IllegalArgumentException e) {
                throw new DovetailException(ErrorCode.USAGE, e.getMessage());
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "The sets in a target, oldest first, with their status: complete, invalid, incomplete, unfinished (no manifest), damaged.")
    static final class ListSets implements Callable<Integer> {
        @ParentCommand
        BackupCommand parent;
        @Spec
        CommandSpec spec;
        @Mixin
        Target target;

        @Override
        public Integer call() {
            return parent.with(spec, target.target, (backups, t) -> Commands.output(spec, parent.global).report(backups.list(t)));
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Check a set (default: the newest): manifest, every file's SHA-256, every object. --restore-test also restores it",
                    "into scratch schemas and compares each table's row count and row hash with the manifest. Exit 1 on any problem."})
    static final class Verify implements Callable<Integer> {
        @ParentCommand
        BackupCommand parent;
        @Spec
        CommandSpec spec;
        @Mixin
        Target target;
        @Parameters(index = "1", arity = "0..1", paramLabel = "SET", description = "The set (default: the newest).")
        String set;
        @Option(names = "--restore-test", description = "Restore into scratch schemas, compare, drop them.")
        boolean restoreTest;

        @Override
        public Integer call() {
            return parent.with(spec, target.target, (backups, t) -> Commands.output(spec, parent.global).report(backups.verify(t, set, restoreTest)));
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = {"Restore schemas of a set: DDL, rows, views/routines/triggers, foreign keys checked, objects back into the",
                    "configured stores. Refuses a schema that holds tables (--replace --yes drops it first) and a set that does not verify."})
    static final class Restore implements Callable<Integer> {
        @ParentCommand
        BackupCommand parent;
        @Spec
        CommandSpec spec;
        @Mixin
        Target target;
        @Parameters(index = "1", paramLabel = "SET", description = "The set to restore.")
        String set;
        @Option(names = "--schemas", arity = "1..*", paramLabel = "SCHEMA", description = "Only these schemas of the set.")
        List<String> schemas = new ArrayList<>();
        @Option(names = "--as", paramLabel = "OLD=NEW", description = "Restore schema OLD under the name NEW (repeatable).")
        List<String> renames = new ArrayList<>();
        @Option(names = "--with-grants", description = "Also create the set's accounts and grants (existing accounts are kept).")
        boolean withGrants;
        @Mixin
        Threads threads;
        @Option(names = "--replace", description = "Drop a destination schema that holds tables first (with --yes).")
        boolean replace;
        @Option(names = "--unverified", description = "Restore even when the set does not verify.")
        boolean unverified;
        @ArgGroup(exclusive = true)
        Decision decision = new Decision();

        @Override
        public Integer call() {
            RestoreRequest request = request();
            return parent.with(spec, target.target, (backups, t) -> {
                RestorePlan plan = backups.plan(request, t);
                Output output = Commands.output(spec, parent.global);
                if (decision.dryRun || plan.refusal().isPresent()) {
                    return output.report(plan);
                }
                if (plan.replaces()) {
                    return decision.decide(output, spec.commandLine().getErr(), plan, false, () -> backups.restore(plan, t),
                            "nothing restored: run again with --yes to drop and replace the schemas listed");
                }
                return output.report(backups.restore(plan, t));
            });
        }

        private RestoreRequest request() {
            Map<String, String> as = new LinkedHashMap<>();
            for (String r : renames) {
                int eq = r.indexOf('=');
                if (eq <= 0 || eq == r.length() - 1) {
                    throw new DovetailException(ErrorCode.USAGE, "--as takes OLD=NEW: " + r);
                }
                as.put(r.substring(0, eq), r.substring(eq + 1));
            }
            try {
                return new RestoreRequest(set, schemas, as, withGrants, threads.threads, replace, unverified, true);
            } catch (IllegalArgumentException e) {
                throw new DovetailException(ErrorCode.USAGE, e.getMessage());
            }
        }
    }
}
