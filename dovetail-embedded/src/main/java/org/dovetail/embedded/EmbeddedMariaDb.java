package org.dovetail.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded MariaDB 10.11 server: one data directory, at most one server process on it.
 *
 * <pre>{@code
 * EmbeddedMariaDb db = EmbeddedMariaDb.builder().build();   // ~/.local/share/dovetail
 * ServerInfo info = db.start();                             // installs on first use, then starts
 * try (var c = DriverManager.getConnection(info.jdbcUrl(), info.user(), info.password())) { ... }
 * db.stop();
 * }</pre>
 *
 * <p>{@code start}, {@code status} and {@code stop} may be called from different processes: the
 * state directory records the running server, and a file lock serialises the three operations, so
 * two processes never start two servers on one data directory. A server that was killed leaves a
 * stale record that the next {@code start} recognises and replaces.
 */
public final class EmbeddedMariaDb {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMariaDb.class);
    private static final Object IN_PROCESS_LOCK = new Object();
    private static final String ADMIN = "root";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);

    private final EmbeddedSettings settings;
    private final StateFiles state;

    private EmbeddedMariaDb(EmbeddedSettings settings) {
        this.settings = settings;
        this.state = new StateFiles(settings.stateDir());
    }

    /** Settings with the defaults of {@link EmbeddedSettings}. */
    public static EmbeddedSettings.Builder builder() {
        return EmbeddedSettings.builder();
    }

    public static EmbeddedMariaDb of(EmbeddedSettings settings) {
        return new EmbeddedMariaDb(settings);
    }

    public EmbeddedSettings settings() {
        return settings;
    }

    /**
     * Starts the server unless it is already running, and returns how to reach it. Installs the
     * system tables only when the data directory is new; data survives restarts.
     */
    public ServerInfo start() {
        return locked(() -> {
            Optional<ServerInfo> running = runningServer();
            if (running.isPresent()) {
                return running.get();
            }
            state.clearRunning();
            MariaDbBinaries binaries = MariaDbBinaries.unpackedInto(settings.cacheDir());
            if (!Files.exists(state.dataDir().resolve("mysql"))) {
                new Installer(binaries, state).install();
            }
            return launch(binaries);
        });
    }

    /** The running server, or empty when none runs on this data directory. */
    public Optional<ServerInfo> status() {
        return locked(this::runningServer);
    }

    /**
     * Stops the server with SIGTERM (a clean InnoDB shutdown), waiting for it to exit.
     *
     * @return true if a server was running and has stopped, false if none was running
     */
    public boolean stop() {
        return locked(() -> {
            Optional<StateFiles.Running> recorded = state.readRunning();
            Optional<ProcessHandle> process = recorded.flatMap(r -> serverProcess(r.pid()));
            state.clearRunning();
            if (process.isEmpty()) {
                return false;
            }
            terminate(process.get());
            return true;
        });
    }

    /**
     * Deletes the state directory with all data. Refuses while a server runs on it.
     */
    public void deleteStateDir() {
        locked(() -> {
            if (runningServer().isPresent()) {
                throw new EmbeddedServerException("The server on " + state.dataDir() + " is running; stop it first");
            }
            return null;
        });
        MariaDbBinaries.deleteTree(settings.stateDir());
    }

    private Optional<ServerInfo> runningServer() {
        return state.readRunning().flatMap(r -> serverProcess(r.pid()).map(p -> info(r, false)));
    }

    private ServerInfo info(StateFiles.Running running, boolean startedNow) {
        String password = state.readPassword().orElse("");
        return new ServerInfo(running.pid(), "127.0.0.1", running.port(), state.dataDir(), ADMIN, password, startedNow);
    }

    /** The live {@code mariadbd} process with this pid that serves our data directory, if any. */
    private Optional<ProcessHandle> serverProcess(long pid) {
        String dataDirArg = "--datadir=" + state.dataDir();
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("mariadbd")).orElse(false))
                .filter(p -> p.info().arguments().map(a -> List.of(a).contains(dataDirArg)).orElse(true));
    }

    private ServerInfo launch(MariaDbBinaries binaries) {
        int port = Ports.choose(settings.preferredPort());
        for (int attempt = 1; ; attempt++) {
            ServerProcess process = ServerProcess.start(binaries, state, settings, port);
            ServerProcess.Outcome outcome = process.awaitReady(READY_TIMEOUT, state.readPassword().orElse(""));
            if (outcome == ServerProcess.Outcome.READY) {
                StateFiles.Running running = new StateFiles.Running(process.pid(), port);
                if (state.readPassword().isEmpty()) {
                    secureNewServer(running);
                }
                state.writeRunning(running);
                if (!settings.detached()) {
                    Runtime.getRuntime().addShutdownHook(new Thread(this::stopQuietly, "dovetail-embedded-stop"));
                }
                LOG.info("embedded MariaDB {} ready on 127.0.0.1:{} (data in {})", MariaDbBinaries.VERSION, port, state.dataDir());
                return info(running, true);
            }
            if (outcome == ServerProcess.Outcome.PORT_IN_USE && attempt < 3) {
                LOG.info("port {} was taken while the server started; trying another", port);
                port = Ports.choose(0);
                continue;
            }
            throw new EmbeddedServerException("MariaDB did not start on 127.0.0.1:" + port + " ("
                    + outcome.describe() + "). Error log " + state.errorLog() + ":\n" + process.logTail());
        }
    }

    private void secureNewServer(StateFiles.Running running) {
        try {
            state.writePassword(new Administrator(running.port()).secureRoot(randomPassword()));
        } catch (RuntimeException e) {
            serverProcess(running.pid()).ifPresent(EmbeddedMariaDb::terminate);
            throw e;
        }
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (RuntimeException e) {
            LOG.warn("could not stop the embedded server: {}", e.getMessage());
        }
    }

    private static void terminate(ProcessHandle process) {
        process.destroy();
        try {
            process.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("mariadbd (pid {}) did not stop within {} s; killing it", process.pid(), STOP_TIMEOUT.toSeconds());
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedServerException("Interrupted while waiting for mariadbd to stop", e);
        } catch (ExecutionException e) {
            throw new EmbeddedServerException("Could not wait for mariadbd to stop: " + e.getMessage(), e);
        }
    }

    private static String randomPassword() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder(24);
        for (int i = 0; i < 24; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private interface Action<T> {
        T run();
    }

    /** Runs an action holding both the in-process monitor and the state directory's file lock. */
    @SuppressWarnings("try") // the lock is held, not used
    private <T> T locked(Action<T> action) {
        synchronized (IN_PROCESS_LOCK) {
            try {
                StateFiles.createPrivateDirectory(settings.stateDir());
                try (FileChannel channel = FileChannel.open(state.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock ignored = channel.lock()) {
                    return action.run();
                }
            } catch (IOException e) {
                throw new EmbeddedServerException("Could not lock " + state.lockFile() + ": " + e.getMessage(), e);
            }
        }
    }

    /** Free-port selection on the loopback interface. */
    static final class Ports {
        private Ports() {}

        /** The preferred port if it is free (0 = any), else a free port chosen by the kernel. */
        static int choose(int preferred) {
            if (preferred > 0 && isFree(preferred)) {
                return preferred;
            }
            if (preferred > 0) {
                LOG.info("port {} is in use; the embedded server takes another one", preferred);
            }
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new EmbeddedServerException("No free TCP port on 127.0.0.1: " + e.getMessage(), e);
            }
        }

        static boolean isFree(int port) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }

    static List<String> commandWithUser(List<String> base) {
        List<String> command = new ArrayList<>(base);
        if (RunningUser.isRoot()) {
            command.add("--user=root");
        }
        return command;
    }
}
