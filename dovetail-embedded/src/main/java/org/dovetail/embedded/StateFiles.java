package org.dovetail.embedded;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;

/**
 * The files the launcher keeps in its state directory: the running server's pid and port, and the
 * administrator password. Each is written to a temporary file and renamed into place.
 */
final class StateFiles {
    private final Path stateDir;

    StateFiles(Path stateDir) {
        this.stateDir = stateDir;
    }

    /**
     * Creates a directory only its owner can enter (a lab machine has other users; the data
     * files are the database). An existing directory keeps its permissions.
     */
    static void createPrivateDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir.getParent());
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
    }

    Path dataDir() {
        return stateDir.resolve("data");
    }

    /** The server's own temporary folder: never /tmp, which other programs clean and share. */
    Path tmpDir() {
        return stateDir.resolve("tmp");
    }

    Path lockFile() {
        return stateDir.resolve("server.lock");
    }

    Path errorLog() {
        return stateDir.resolve("mariadb.err");
    }

    Path pidFile() {
        return stateDir.resolve("mariadb.pid");
    }

    Path passwordFile() {
        return stateDir.resolve("root-password");
    }

    Path serverFile() {
        return stateDir.resolve("server.properties");
    }

    record Running(long pid, int port) {}

    Optional<Running> readRunning() {
        Path file = serverFile();
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
            return Optional.of(new Running(Long.parseLong(props.getProperty("pid").trim()),
                    Integer.parseInt(props.getProperty("port").trim())));
        } catch (IOException | RuntimeException e) {
            // Unreadable state is stale state: the caller treats the server as not running.
            return Optional.empty();
        }
    }

    void writeRunning(Running running) {
        Properties props = new Properties();
        props.setProperty("pid", Long.toString(running.pid()));
        props.setProperty("port", Integer.toString(running.port()));
        Path tmp = stateDir.resolve("server.properties.tmp");
        try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            props.store(out, "embedded MariaDB started by dovetail");
        } catch (IOException e) {
            throw new EmbeddedServerException("Could not write " + tmp + ": " + e.getMessage(), e);
        }
        move(tmp, serverFile());
    }

    void clearRunning() {
        try {
            Files.deleteIfExists(serverFile());
        } catch (IOException e) {
            throw new EmbeddedServerException("Could not delete " + serverFile() + ": " + e.getMessage(), e);
        }
    }

    Optional<String> readPassword() {
        try {
            return Files.exists(passwordFile())
                    ? Optional.of(Files.readString(passwordFile(), StandardCharsets.UTF_8).strip())
                    : Optional.empty();
        } catch (IOException e) {
            throw new EmbeddedServerException("Could not read " + passwordFile() + ": " + e.getMessage(), e);
        }
    }

    void writePassword(String password) {
        Path tmp = stateDir.resolve("root-password.tmp");
        try {
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, password + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new EmbeddedServerException("Could not write " + tmp + ": " + e.getMessage(), e);
        }
        move(tmp, passwordFile());
    }

    private static void move(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new EmbeddedServerException("Could not write " + to + ": " + e.getMessage(), e);
        }
    }
}
