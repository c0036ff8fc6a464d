package org.dovetail.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.dovetail.embedded.EmbeddedMariaDb;
import org.dovetail.embedded.EmbeddedSettings;
import org.dovetail.embedded.MariaDbBinaries;
import org.dovetail.embedded.ServerInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dovetail server start|stop|status}: the embedded MariaDB. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = {"Start, stop or show the embedded MariaDB " + MariaDbBinaries.VERSION + ".",
                "It listens on 127.0.0.1 only; data persists in the state directory (--data-dir)."},
        subcommands = {ServerCommand.Start.class, ServerCommand.Stop.class, ServerCommand.Status.class})
final class ServerCommand {
    @ParentCommand
    DovetailCommand global;

    EmbeddedMariaDb server() {
        EmbeddedSettings.Builder settings = EmbeddedSettings.builder(global.environment);
        if (global.dataDir != null) {
            settings.stateDir(global.dataDir);
        }
        return settings.create();
    }

    static Map<String, Object> describe(ServerInfo info, EmbeddedSettings settings) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("status", "running");
        fields.put("server", "MariaDB " + MariaDbBinaries.VERSION);
        fields.put("host", info.host());
        fields.put("port", info.port());
        fields.put("pid", info.pid());
        fields.put("user", info.user());
        fields.put("password_file", settings.stateDir().resolve("root-password").toString());
        fields.put("data_dir", info.dataDir().toString());
        return fields;
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Start the embedded server (installs it on first use); reports the running one if it is up.")
    static final class Start implements Callable<Integer> {
        @ParentCommand
        ServerCommand parent;
        @Spec
        CommandSpec spec;

        @Option(names = "--server-port", paramLabel = "PORT", defaultValue = "3306",
                description = "Preferred port; another free one is taken if it is in use (default: ${DEFAULT-VALUE}).")
        int preferredPort;

        @Override
        public Integer call() {
            EmbeddedMariaDb configured = parent.server();
            EmbeddedMariaDb server = EmbeddedMariaDb.of(configured.settings().toBuilder().preferredPort(preferredPort).build());
            ServerInfo info = server.start();
            Map<String, Object> fields = describe(info, server.settings());
            fields.put("status", info.startedNow() ? "started" : "already running");
            Commands.output(spec, parent.global).record(fields);
            if (info.startedNow() && preferredPort > 0 && info.port() != preferredPort) {
                spec.commandLine().getErr().printf("dovetail: port %d was in use; the server took %d%n", preferredPort, info.port());
            }
            spec.commandLine().getErr().printf("DataJoint-Python can use it too: DJ_HOST=%s:%d DJ_USER=%s DJ_PASS=\"$(cat %s)\"%n",
                    info.host(), info.port(), info.user(), server.settings().stateDir().resolve("root-password"));
            return ExitCode.OK.code();
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the embedded server cleanly.")
    static final class Stop implements Callable<Integer> {
        @ParentCommand
        ServerCommand parent;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            boolean stopped = parent.server().stop();
            Commands.output(spec, parent.global).record(Map.of("status", stopped ? "stopped" : "not running"));
            return ExitCode.OK.code();
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Show whether the embedded server runs, and where. Exit code 1 when it does not.")
    static final class Status implements Callable<Integer> {
        @ParentCommand
        ServerCommand parent;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            EmbeddedMariaDb server = parent.server();
            Optional<ServerInfo> info = server.status();
            Output out = Commands.output(spec, parent.global);
            if (info.isEmpty()) {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("status", "not running");
                fields.put("data_dir", server.settings().stateDir().resolve("data").toString());
                out.record(fields);
                return ExitCode.FAILURE.code();
            }
            out.record(describe(info.get(), server.settings()));
            return ExitCode.OK.code();
        }
    }
}
