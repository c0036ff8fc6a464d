package org.dovetail.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import org.dovetail.Dovetail;
import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;
import org.dovetail.embedded.EmbeddedSettings;
import org.dovetail.embedded.MariaDbBinaries;
import org.dovetail.ops.backup.BackupCopy;
import org.dovetail.ops.backup.BackupPrune;
import org.dovetail.ops.backup.BackupTarget;
import org.dovetail.ops.backup.CopyPlan;
import org.dovetail.ops.backup.PrunePlan;
import org.dovetail.ops.backup.RetentionPolicy;
import org.dovetail.ops.backup.sftp.SftpOptions;
import org.dovetail.ops.backup.sftp.SftpTargets;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code dovetail backup prune} and {@code dovetail backup copy}, and the SFTP login options of every backup command. */
final class BackupRemoteCommands {
    private BackupRemoteCommands() {}

    /** How {@code sftp://} targets log in; over the configuration's {@code custom["backup.sftp.*"]} settings. */
    static final class SftpCliOptions {
        @Option(names = "--identity", paramLabel = "FILE", scope = ScopeType.INHERIT,
                description = "Private key for sftp:// targets (default: backup.sftp.identity, else ~/.ssh/id_ed25519, id_ecdsa, id_rsa).")
        Path identity;
        @Option(names = "--known-hosts", paramLabel = "FILE", scope = ScopeType.INHERIT,
                description = "known_hosts file the SFTP server's host key is checked against (default: backup.sftp.known_hosts, else ~/.ssh/known_hosts).")
        Path knownHosts;
        @Option(names = "--accept-new-host-key", scope = ScopeType.INHERIT,
                description = "Add the key of an SFTP server that known_hosts does not list yet (a changed key is refused regardless).")
        boolean acceptNew;

        /** Makes {@code sftp://} targets open with these options. */
        void install() {
            BackupTarget.useSftp(SftpTargets.opener(this::apply));
        }

        private SftpOptions apply(SftpOptions options) {
            SftpOptions o = options;
            if (identity != null) {
                o = o.withIdentity(identity);
            }
            if (knownHosts != null) {
                o = o.withKnownHosts(knownHosts);
            }
            return acceptNew ? o.withAcceptNewHostKey(true) : o;
        }
    }

    /** The embedded server's mariadb-dump, where its binaries are unpacked (for {@code create --with-sql}). */
    static List<Path> embeddedDumpTool() {
        return List.of(EmbeddedSettings.defaultCacheDir(System.getenv()).resolve("mariadb-" + MariaDbBinaries.VERSION)
                .resolve("bin").resolve("mariadb-dump"));
    }

    /** Opens the database and the target, runs {@code work} with both (as {@code BackupCommand.with}, with the connection). */
    private static int with(BackupCommand parent, CommandSpec spec, String targetArgument, BiFunction<Dovetail, BackupTarget, Integer> work) {
        parent.sftp.install();
        try (Database.Opened db = Commands.database(spec, parent.global).open();
             BackupTarget target = BackupTarget.parse(targetArgument, db.dovetail().config())) {
            return work.apply(db.dovetail(), target);
        }
    }

    /** The {@code --keep-*} options. */
    static final class Keep {
        @Option(names = "--keep-daily", paramLabel = "N", description = "Keep the newest set of each of the last N days that have one.")
        int daily;
        @Option(names = "--keep-weekly", paramLabel = "N", description = "... of each of the last N ISO weeks (UTC).")
        int weekly;
        @Option(names = "--keep-monthly", paramLabel = "N", description = "... of each of the last N months.")
        int monthly;
        @Option(names = "--keep-yearly", paramLabel = "N", description = "... of each of the last N years.")
        int yearly;
        @Option(names = "--keep-failed-days", paramLabel = "N", defaultValue = "7",
                description = "Days a set that did not complete stays for inspection once a newer set completed (default 7).")
        int failedDays;

        boolean given() {
            return daily + weekly + monthly + yearly > 0;
        }

        RetentionPolicy policy() {
            return new RetentionPolicy(daily, weekly, monthly, yearly, Duration.ofDays(failedDays));
        }
    }

    @Command(name = "prune", mixinStandardHelpOptions = true,
            description = {"Delete the sets a grandfather-father-son policy does not keep, then the objects no kept set names.",
                    "Never deletes the newest complete set; deletes nothing (exit 3) while a label's newest run did not complete.",
                    "Prints the plan; --yes deletes."})
    static final class Prune implements Callable<Integer> {
        @ParentCommand
        BackupCommand parent;
        @Spec
        CommandSpec spec;
        @Mixin
        BackupCommand.Target target;
        @Mixin
        Keep keep;
        @ArgGroup(exclusive = true)
        Decision decision = new Decision();

        @Override
        public Integer call() {
            RetentionPolicy policy = keep.policy();
            return with(parent, spec, target.target, (dj, t) -> {
                BackupPrune prune = new BackupPrune(dj).withProgress(new Progress.Bars());
                PrunePlan plan = prune.plan(t, policy);
                Output output = Commands.output(spec, parent.global);
                return decision.decide(output, spec.commandLine().getErr(), plan, plan.isEmpty(), () -> prune.apply(plan, t),
                        "nothing deleted: run again with --yes to delete the sets and objects listed");
            });
        }
    }

    @Command(name = "copy", mixinStandardHelpOptions = true,
            description = {"Copy sets from SRC to DST (e.g. a directory to sftp://...): by default every complete set newer than DST's newest",
                    "of its label; the objects they name only when DST lacks them. Every file is checked against the manifest and re-read",
                    "at DST, the manifest written last. --prune-source then prunes SRC by the --keep-* rules, deleting only sets verified",
                    "at DST. Needs no --yes (cron); --dry-run prints the plan."})
    static final class Copy implements Callable<Integer> {
        @ParentCommand
        BackupCommand parent;
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "SRC")
        String source;
        @Parameters(index = "1", paramLabel = "DST")
        String destination;
        @Option(names = "--set", paramLabel = "SET", description = "Copy this set (repeatable) instead of the new ones.")
        List<String> sets = new ArrayList<>();
        @Option(names = "--prune-source", description = "After the copy, prune SRC by the --keep-* rules (only what verified at DST).")
        boolean pruneSource;
        @Mixin
        Keep keep;
        @ArgGroup(exclusive = true)
        Decision decision = new Decision();

        @Override
        public Integer call() {
            if (pruneSource != keep.given()) {
                throw new DovetailException(ErrorCode.USAGE, pruneSource
                        ? "--prune-source needs the rules: --keep-daily, --keep-weekly, --keep-monthly or --keep-yearly"
                        : "--keep-* options go with --prune-source (or use backup prune on either side)");
            }
            RetentionPolicy policy = pruneSource ? keep.policy() : null;
            return with(parent, spec, source, (dj, src) -> {
                try (BackupTarget dst = BackupTarget.parse(destination, dj.config())) {
                    BackupCopy copy = new BackupCopy(dj).withProgress(new Progress.Bars());
                    CopyPlan plan = copy.plan(src, dst, sets);
                    Output output = Commands.output(spec, parent.global);
                    if (decision.dryRun || plan.refusal().isPresent()) {
                        return output.report(plan);
                    }
                    return output.report(policy == null ? copy.apply(plan, src, dst) : copy.apply(plan, src, dst, policy));
                }
            });
        }
    }
}
