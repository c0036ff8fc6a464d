package org.dovetail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine;

/**
 * An option or parameter that several commands take is declared once, as a mixin, an argument
 * group or a global option of {@code dovetail}, so that it reads the same in every command.
 */
class SharedOptionsTest {
    /**
     * The names that mean different things in different commands, each with the classes that
     * declare one of its meanings. Every other name stands for one declaration.
     */
    private static final Map<String, Set<Class<?>>> MEANINGS = Map.ofEntries(
            // rows printed by fetch, keys fetched by populate (DataJoint's limit), audit records shown by cleanup history
            Map.entry("--limit", Set.of(FetchCommand.class, PopulateCommand.class, CleanupCommand.History.class)),
            // any ~jobs status in list, error or ignore in clear
            Map.entry("--status", Set.of(JobsCommand.ListJobs.class, JobsCommand.Clear.class)),
            // one table, or the several a worker takes
            Map.entry("SCHEMA.Table", Set.of(CommandTarget.OfTable.class, WorkerCommand.class)),
            Map.entry("SCHEMA", Set.of(CommandTarget.OfSchema.class, DeclareCommand.class, MigrateCommand.Target.class, JobsCommand.Target.class)),
            Map.entry("--sql", Set.of(AccessOptions.Sql.class, AccessOptions.ReportSql.class)),
            Map.entry("--schema", Set.of(DemoCommand.class, VerifyCommand.class)),
            Map.entry("--file", Set.of(DeclareCommand.class, InsertCommand.class)),
            Map.entry("FILE", Set.of(BlobCommand.Decode.class, BlobCommand.Encode.class)),
            // optional in show, required in reset-password
            Map.entry("USER", Set.of(AccessReportCommands.Show.class, AccessUserCommands.ResetPassword.class)),
            // backup: patterns to back up / names of a set to restore; insert's REPLACE of rows / restore's drop of a schema;
            // the newest set by default in verify, required in restore; cleanup: schemas to report and clean
            Map.entry("--schemas", Set.of(BackupCommand.Create.class, BackupCommand.Restore.class, CleanupCommand.SweepArgs.class)),
            // the connections a backup dumps or restores with; the jobs a worker makes at once
            Map.entry("--threads", Set.of(BackupCommand.Threads.class, WorkerCommand.class)),
            Map.entry("--replace", Set.of(InsertCommand.class, BackupCommand.Restore.class)),
            Map.entry("SET", Set.of(BackupCommand.Verify.class, BackupCommand.Restore.class)),
            // how long a stopping worker lets its makes finish; how old an unreferenced periphery row must be to go
            Map.entry("--grace", Set.of(WorkerCommand.class, CleanupCommand.Rows.Args.class)),
            // the store to verify (required); the store to clean (an apply may take it from its plan file)
            Map.entry("--store", Set.of(VerifyCommand.class, CleanupCommand.StoreName.class)));

    @Test
    void everyNameOfAnOptionOrParameterStandsForOneDeclaration() {
        Map<String, Map<Field, List<String>>> declarations = new TreeMap<>();
        for (CommandSpec command : ourCommands(root())) {
            List<ArgSpec> args = new ArrayList<>(command.options());
            args.addAll(command.positionalParameters());
            for (ArgSpec arg : args) {
                String name = arg instanceof OptionSpec option ? option.longestName() : arg.paramLabel();
                declarations.computeIfAbsent(name, n -> new LinkedHashMap<>())
                        .computeIfAbsent(declaration(arg), f -> new ArrayList<>()).add(command.qualifiedName());
            }
        }
        assertThat(declarations).containsKeys("--format", "--where", "--dry-run", "--temppass", "SCHEMA.Table");
        declarations.forEach((name, fields) -> {
            if (MEANINGS.containsKey(name)) {
                assertThat(fields.keySet().stream().map(Field::getDeclaringClass).collect(Collectors.toSet()))
                        .as("the classes declaring %s: %s", name, fields).isEqualTo(MEANINGS.get(name));
            } else {
                assertThat(fields).as("%s is declared once (a mixin, argument group or global option): %s", name, fields)
                        .hasSize(1);
            }
        });
    }

    /**
     * The global options are declared on {@code dovetail} and inherited (picocli refuses a
     * subcommand that declares one of their names itself): every command's {@code --format} is
     * the root's, with its description, default and completion candidates.
     */
    @Test
    void everyCommandTakesTheGlobalFormatOptionOfTheRoot() {
        CommandLine root = root();
        OptionSpec global = root.getCommandSpec().findOption("--format");
        List<CommandSpec> commands = all(root.getSubcommands().values());
        assertThat(commands).hasSizeGreaterThan(30);
        for (CommandSpec command : commands) {
            OptionSpec format = command.findOption("--format");
            assertThat(format).as(command.qualifiedName()).isNotNull();
            assertThat(format.inherited()).as(command.qualifiedName()).isTrue();
            assertThat(format.root()).as(command.qualifiedName()).isSameAs(global);
            assertThat(format.description()).as(command.qualifiedName()).containsExactly(global.description());
            assertThat(format.defaultValue()).as(command.qualifiedName()).isEqualTo("table");
            assertThat(candidates(format)).as(command.qualifiedName()).containsExactlyElementsOf(candidates(global))
                    .contains("json", "svg");
        }
    }

    /**
     * Pairs of commands whose help has the same column widths (picocli sizes the option column
     * to each command's longest option, up to 20 characters), so shared options must print the
     * same lines.
     */
    @Test
    void theSharedOptionsReadTheSameInTheHelpOfEveryCommandThatTakesThem() {
        assertSameHelp(List.of("delete"), List.of("drop"), "SCHEMA.Table", "--dry-run", "--yes", "--format", "--host");
        assertSameHelp(List.of("access", "add-user"), List.of("access", "reset-password"), "--temppass", "--no-expire", "--sql");
        assertSameHelp(List.of("access", "show"), List.of("access", "check"), "--sql", "--user", "--config");
    }

    /** Asserts that the help entries both commands have are the same lines, and that they have {@code shared}. */
    private static void assertSameHelp(List<String> first, List<String> second, String... shared) {
        Map<String, String> a = helpEntries(first);
        Map<String, String> b = helpEntries(second);
        Set<String> both = new HashSet<>(a.keySet());
        both.retainAll(b.keySet());
        assertThat(both).contains(shared);
        for (String name : both) {
            assertThat(a.get(name)).as("%s in the help of %s and %s", name, first, second).isEqualTo(b.get(name));
        }
    }

    /**
     * The entries of the options and parameters in a command's {@code --help}, by their last name:
     * the line naming the option with the lines that continue its description.
     */
    private static Map<String, String> helpEntries(List<String> command) {
        List<String> args = new ArrayList<>(command);
        args.add("--help");
        CommandRun.Result help = CommandRun.run(Map.of(), args.toArray(String[]::new));
        assertThat(help.code()).as(help.err()).isZero();
        Map<String, String> entries = new LinkedHashMap<>();
        String current = null;
        for (String line : help.out().lines().toList()) {
            String[] words = line.strip().split("[ =,]+");
            boolean starts = line.startsWith("  ") && !line.startsWith("        ") && !line.isBlank();
            if (starts) {
                current = words[0].startsWith("-") && words.length > 1 && words[1].startsWith("-") ? words[1] : words[0];
                entries.put(current, line);
            } else if (current != null && line.startsWith("        ")) {
                entries.put(current, entries.get(current) + "\n" + line);
            } else {
                current = null;
            }
        }
        return entries;
    }

    private static CommandLine root() {
        return new CommandLine(new DovetailCommand(Map.of(), InputStream.nullInputStream(), OutputStream.nullOutputStream()));
    }

    /** The commands under {@code dovetail}, without picocli's own (help, generate-completion). */
    private static List<CommandSpec> ourCommands(CommandLine root) {
        List<CommandSpec> ours = new ArrayList<>(List.of(root.getCommandSpec()));
        all(root.getSubcommands().values()).stream()
                .filter(c -> !c.userObject().getClass().getPackageName().startsWith("picocli"))
                .forEach(ours::add);
        return ours;
    }

    private static List<CommandSpec> all(Iterable<CommandLine> commands) {
        List<CommandSpec> all = new ArrayList<>();
        for (CommandLine command : commands) {
            all.add(command.getCommandSpec());
            all.addAll(all(command.getSubcommands().values()));
        }
        return all;
    }

    /** The field an option or parameter is declared on (for an inherited option, the root's). */
    private static Field declaration(ArgSpec arg) {
        ArgSpec declared = arg instanceof OptionSpec option && option.inherited() ? option.root() : arg;
        return (Field) declared.userObject();
    }

    private static List<String> candidates(OptionSpec option) {
        return StreamSupport.stream(option.completionCandidates().spliterator(), false).toList();
    }
}
