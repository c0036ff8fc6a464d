package org.dovetail.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code dovetail}: the top-level command and its global options. */
@Command(name = "dovetail",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"DataJoint for the JVM: tables, data and operations on DataJoint databases,",
                "interoperable with DataJoint-Python 0.14."},
        footer = {"",
                "Connection: dj_local_conf.json in the working directory, else ~/.datajoint_config.json,",
                "then DJ_HOST, DJ_USER, DJ_PASS, then the options above. With nothing configured, commands",
                "use the embedded MariaDB (see `dovetail server`).",
                "Exit codes: 0 ok, 1 failure, 2 usage error, 3 nothing done because a safety limit tripped."},
        subcommands = {
                DemoCommand.class,
                ServerCommand.class,
                SchemasCommand.class,
                TablesCommand.class,
                DescribeCommand.class,
                HeadingCommand.class,
                DeclareCommand.class,
                DiagramCommand.class,
                BlobCommand.class,
                VerifyCommand.class,
                MigrateCommand.class,
                AccessCommand.class,
                BackupCommand.class,
                FetchCommand.class,
                InsertCommand.class,
                DeleteCommand.class,
                DropCommand.class,
                JobsCommand.class,
                WorkerCommand.class,
                PopulateCommand.class,
                CleanupCommand.class,
                AutoComplete.GenerateCompletion.class,
                HelpCommand.class})
public final class DovetailCommand {
    /** The process environment (DJ_HOST, DJ_USER, ...); tests pass their own. */
    final Map<String, String> environment;
    /** Standard input, for {@code --password-stdin} and commands that read data. */
    final InputStream stdin;
    /** Standard output as bytes, for commands that write binary data (text goes through picocli's writer). */
    final OutputStream stdout;

    DovetailCommand(Map<String, String> environment, InputStream stdin, OutputStream stdout) {
        this.environment = Map.copyOf(environment);
        this.stdin = stdin;
        this.stdout = stdout;
    }

    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Read this DataJoint config file instead of dj_local_conf.json / ~/.datajoint_config.json.")
    Path configFile;

    @Option(names = {"-H", "--host"}, paramLabel = "HOST[:PORT]", scope = ScopeType.INHERIT,
            description = "Database server (overrides the config and DJ_HOST).")
    String host;

    @Option(names = {"-P", "--port"}, paramLabel = "PORT", scope = ScopeType.INHERIT, description = "Database port.")
    Integer port;

    @Option(names = {"-u", "--user"}, paramLabel = "USER", scope = ScopeType.INHERIT, description = "Database user.")
    String user;

    @Option(names = "--password-stdin", scope = ScopeType.INHERIT,
            description = "Read the password from the first line of standard input (never from the command line).")
    boolean passwordStdin;

    @Option(names = "--embedded", scope = ScopeType.INHERIT,
            description = "Use the embedded MariaDB even if a database is configured.")
    boolean embedded;

    @Option(names = "--data-dir", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "State directory of the embedded server (default: $XDG_DATA_HOME/dovetail or ~/.local/share/dovetail).")
    Path dataDir;

    @Option(names = "--format", paramLabel = "FORMAT", scope = ScopeType.INHERIT, defaultValue = "table",
            description = "Output format: table, json, jsonl, csv; for `diagram` also mermaid, dot, svg (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Log debug detail and print stack traces to stderr.")
    boolean debug;
}
