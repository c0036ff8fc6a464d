package org.dovetail.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.dovetail.embedded.EmbeddedMariaDb;
import org.dovetail.embedded.EmbeddedSettings;
import org.dovetail.embedded.ServerInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The servers of one test JVM: a database (embedded or external) and, on first use, an S3
 * server. {@link DovetailTest} manages one for you; benchmarks and other programs outside JUnit
 * can start their own:
 *
 * <pre>{@code
 * try (TestServers servers = TestServers.start()) {
 *     TestDatabase db = servers.newDatabase();   // a fresh schema prefix
 *     TestS3 s3 = servers.newBucket();           // a fresh bucket
 * }
 * }</pre>
 */
public final class TestServers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TestServers.class);
    static final String URL_VARIABLE = "DOVETAIL_TEST_DB_URL";
    static final String USER_VARIABLE = "DOVETAIL_TEST_DB_USER";
    static final String PASSWORD_VARIABLE = "DOVETAIL_TEST_DB_PASSWORD";

    private final DatabaseServer database;
    private final EmbeddedMariaDb embedded;
    private final Path stateDir;
    private S3Server s3;
    private S3Server filesystemS3;

    private TestServers(DatabaseServer database, EmbeddedMariaDb embedded, Path stateDir) {
        this.database = database;
        this.embedded = embedded;
        this.stateDir = stateDir;
    }

    /** Starts the database (embedded unless {@code DOVETAIL_TEST_DB_URL} is set); S3 starts on first use. */
    public static TestServers start() {
        Path base = Path.of("target", "it-servers").toAbsolutePath();
        Path stateDir = base.resolve(Long.toString(ProcessHandle.current().pid()));
        String url = System.getenv(URL_VARIABLE);
        if (url != null && !url.isBlank()) {
            String user = System.getenv().getOrDefault(USER_VARIABLE, "root");
            String password = System.getenv().getOrDefault(PASSWORD_VARIABLE, "");
            LOG.info("tests use the external database {}", url);
            return new TestServers(DatabaseServer.external(url, user, password), null, stateDir);
        }
        stopOrphans(base);
        EmbeddedMariaDb embedded = EmbeddedMariaDb.builder()
                .stateDir(stateDir)
                .preferredPort(0)
                // benchmarks of large tables may ask for more: -Ddovetail.test.db.redo-log=1G -Ddovetail.test.db.buffer-pool=1G
                .redoLogSize(System.getProperty("dovetail.test.db.redo-log", "96M"))
                .bufferPoolSize(System.getProperty("dovetail.test.db.buffer-pool", "128M"))
                // benchmarks of commit-bound work may ask for a flush per commit: -Ddovetail.test.db.durable=true
                .durable(Boolean.getBoolean("dovetail.test.db.durable"))
                .detached(false)
                .create();
        ServerInfo info = embedded.start();
        return new TestServers(new DatabaseServer(info.host(), info.port(), info.user(), info.password()), embedded, stateDir);
    }

    DatabaseServer database() {
        return database;
    }

    /** The database server with a fresh schema-name prefix; closing it drops that prefix's schemas. */
    public TestDatabase newDatabase() {
        return database.forClass(TestServers.class);
    }

    /** A fresh bucket on the S3 server (started now if needed); closing it deletes the bucket. */
    public TestS3 newBucket() {
        return s3().forClass(TestServers.class);
    }

    /**
     * A fresh bucket on a second S3 server, s3proxy over its filesystem backend (objects as files
     * in {@code target/it-servers/<pid>/s3}), whose listings also name the directories, as
     * {@code lab/7c/} entries, the way consoles and sync tools leave folder markers in real buckets.
     */
    public TestS3 newFilesystemBucket() {
        return filesystemS3().forClass(TestServers.class);
    }

    synchronized S3Server s3() {
        if (s3 == null) {
            s3 = S3Server.start();
        }
        return s3;
    }

    synchronized S3Server filesystemS3() {
        if (filesystemS3 == null) {
            filesystemS3 = S3Server.start(stateDir.resolve("s3"));
        }
        return filesystemS3;
    }

    @Override
    public synchronized void close() {
        if (s3 != null) {
            s3.close();
        }
        if (filesystemS3 != null) {
            filesystemS3.close();
            deleteTree(stateDir.resolve("s3"));
        }
        if (embedded != null) {
            embedded.stop();
            embedded.deleteStateDir();
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            LOG.warn("could not remove the S3 directory {}: {}", dir, e.getMessage());
        }
    }

    /**
     * Servers left behind by test JVMs that were killed: their state directory is named after the
     * JVM's pid, which no longer runs. Stop them and remove their data.
     */
    private static void stopOrphans(Path base) {
        if (!Files.isDirectory(base)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(base)) {
            dirs.filter(d -> d.getFileName().toString().matches("\\d+"))
                    .filter(d -> ProcessHandle.of(Long.parseLong(d.getFileName().toString())).map(p -> !p.isAlive()).orElse(true))
                    .forEach(d -> {
                        LOG.info("stopping the server of a finished test JVM in {}", d);
                        EmbeddedSettings settings = EmbeddedSettings.builder().stateDir(d).detached(false).build();
                        EmbeddedMariaDb orphan = EmbeddedMariaDb.of(settings);
                        orphan.stop();
                        orphan.deleteStateDir();
                    });
        } catch (IOException e) {
            LOG.warn("could not look for orphaned test servers in {}: {}", base, e.getMessage());
        }
    }
}
