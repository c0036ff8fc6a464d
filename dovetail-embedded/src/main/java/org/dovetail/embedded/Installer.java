package org.dovetail.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Creates a new data directory with {@code mariadb-install-db}. The system tables are written to
 * a sibling directory that is renamed into place only when installation succeeded, so an
 * interrupted install never leaves a data directory that looks usable.
 */
final class Installer {
    private final MariaDbBinaries binaries;
    private final StateFiles state;

    Installer(MariaDbBinaries binaries, StateFiles state) {
        this.binaries = binaries;
        this.state = state;
    }

    void install() {
        Path dataDir = state.dataDir();
        Path staging = dataDir.resolveSibling("data.installing");
        MariaDbBinaries.deleteTree(staging);
        if (Files.exists(dataDir)) {
            throw new EmbeddedServerException("Data directory " + dataDir + " exists but has no mysql/ system tables;"
                    + " move it away (it is not a MariaDB data directory) and start again");
        }
        List<String> command = EmbeddedMariaDb.commandWithUser(List.of(
                binaries.installDb().toString(),
                "--no-defaults",
                "--basedir=" + binaries.home(),
                "--datadir=" + staging,
                "--tmpdir=" + state.tmpDir(),
                "--auth-root-authentication-method=normal",
                "--skip-test-db",
                "--skip-name-resolve"));
        Path log = state.errorLog();
        try {
            StateFiles.createPrivateDirectory(staging);
            StateFiles.createPrivateDirectory(state.tmpDir());
            Process process = new ProcessBuilder(command)
                    .directory(binaries.home().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new EmbeddedServerException("mariadb-install-db did not finish within 180 s; see " + log);
            }
            if (process.exitValue() != 0) {
                throw new EmbeddedServerException("mariadb-install-db failed with exit code " + process.exitValue()
                        + "; see " + log + ":\n" + LogTail.of(log));
            }
            Files.move(staging, dataDir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new EmbeddedServerException("Could not install a MariaDB data directory in " + dataDir + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedServerException("Interrupted while installing the MariaDB data directory", e);
        }
    }
}
