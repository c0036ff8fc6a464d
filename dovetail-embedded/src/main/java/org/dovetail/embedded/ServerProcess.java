package org.dovetail.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** One {@code mariadbd} process being started. */
final class ServerProcess {
    enum Outcome {
        READY("ready"),
        PORT_IN_USE("the port is in use"),
        DIED("the process exited"),
        ACCESS_DENIED("the administrator password in the state directory was refused"),
        TIMED_OUT("not ready in time");

        private final String description;

        Outcome(String description) {
            this.description = description;
        }

        String describe() {
            return description;
        }
    }

    private final Process process;
    private final StateFiles state;
    private final int port;

    private ServerProcess(Process process, StateFiles state, int port) {
        this.process = process;
        this.state = state;
        this.port = port;
    }

    static ServerProcess start(MariaDbBinaries binaries, StateFiles state, EmbeddedSettings settings, int port) {
        List<String> command = new ArrayList<>();
        if (settings.detached() && Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            // A session of its own: Ctrl-C in the terminal that started it does not reach the server.
            command.add("/usr/bin/setsid");
        }
        command.addAll(EmbeddedMariaDb.commandWithUser(List.of(
                binaries.server().toString(),
                "--no-defaults",
                "--basedir=" + binaries.home(),
                "--datadir=" + state.dataDir(),
                "--tmpdir=" + state.tmpDir(),
                "--port=" + port,
                "--bind-address=127.0.0.1",
                "--socket=" + socketPath(state),
                "--pid-file=" + state.pidFile(),
                "--log-error=" + state.errorLog(),
                "--max-allowed-packet=1G",
                "--innodb-log-file-size=" + settings.redoLogSize(),
                "--innodb-buffer-pool-size=" + settings.bufferPoolSize(),
                "--innodb-flush-log-at-trx-commit=" + (settings.durable() ? 1 : 2),
                "--character-set-server=utf8mb4",
                "--collation-server=utf8mb4_general_ci")));
        try {
            Files.deleteIfExists(state.pidFile());
            StateFiles.createPrivateDirectory(state.tmpDir());
            Process process = new ProcessBuilder(command)
                    .directory(binaries.home().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(state.errorLog().toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            return new ServerProcess(process, state, port);
        } catch (IOException e) {
            throw new EmbeddedServerException("Could not run " + binaries.server() + ": " + e.getMessage(), e);
        }
    }

    /** The server's pid as it wrote it to its pid file (the launcher's pid until then). */
    long pid() {
        try {
            if (Files.exists(state.pidFile())) {
                return Long.parseLong(Files.readString(state.pidFile(), StandardCharsets.US_ASCII).trim());
            }
        } catch (IOException | NumberFormatException e) {
            // fall through to the launcher's pid
        }
        return process.pid();
    }

    @SuppressWarnings("try") // the login itself is the check
    Outcome awaitReady(Duration timeout, String password) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Properties props = new Properties();
        props.setProperty("user", "root");
        props.setProperty("password", password);
        props.setProperty("connectTimeout", "2000");
        String url = "jdbc:mariadb://127.0.0.1:" + port + "/";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return logTail().contains("Address already in use") ? Outcome.PORT_IN_USE : Outcome.DIED;
            }
            try (Connection ignored = DriverManager.getConnection(url, props)) {
                return Outcome.READY;
            } catch (SQLException e) {
                if (e.getErrorCode() == 1045) {
                    return Outcome.ACCESS_DENIED;
                }
            }
            sleep(100);
        }
        process.destroyForcibly();
        return Outcome.TIMED_OUT;
    }

    String logTail() {
        return LogTail.of(state.errorLog());
    }

    /** Unix socket paths are limited to 107 bytes; deep state directories use the temp folder. */
    private static Path socketPath(StateFiles state) {
        Path preferred = state.dataDir().resolveSibling("mariadb.sock");
        if (preferred.toString().length() < 100) {
            return preferred;
        }
        String name = "dovetail-" + Integer.toHexString(state.dataDir().toString().hashCode()) + ".sock";
        return Path.of(System.getProperty("java.io.tmpdir")).resolve(name);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedServerException("Interrupted while waiting for mariadbd", e);
        }
    }
}
