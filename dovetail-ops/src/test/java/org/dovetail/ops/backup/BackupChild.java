package org.dovetail.ops.backup;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.dovetail.Dovetail;
import org.dovetail.config.Config;
import org.dovetail.config.StoreSpec;

/**
 * A backup or restore run that a test kills ({@link BackupKillIT}): it prints {@link #INSIDE}
 * at the point the mode names (inside the dump, at the start of the object copy, inside a
 * restore's load) and then waits there until it is killed.
 *
 * <p>Arguments: mode ({@code dump}, {@code objects}, {@code restore}), database host, port, user,
 * password, S3 host:port, bucket, access key, secret key, the fixture's base directory, the store
 * tag, the schema, the target directory; for {@code restore} also the set and the new schema name.
 */
public final class BackupChild {
    static final String INSIDE = "INSIDE";

    private BackupChild() {}

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path base = Path.of(args[9]);
        String tag = args[10];
        Config config = Config.builder().host(args[1]).port(Integer.parseInt(args[2])).user(args[3]).password(args[4]).filepathManagement(true)
                .store(StoreSpec.file("fstore", base.resolve(tag + "-fstore").toString()).withStage(base.resolve(tag + "-fstage").toString()))
                .store(StoreSpec.s3("s3store", args[5], args[6], tag + "-s3", args[7], args[8]).withStage(base.resolve(tag + "-sstage").toString()))
                .build();
        String schema = args[11];
        AtomicBoolean said = new AtomicBoolean();
        Hooks stop = new Hooks() {
            private void stopHere() {
                if (said.compareAndSet(false, true)) {
                    System.out.println(INSIDE);
                    System.out.flush();
                    try {
                        new CountDownLatch(1).await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }

            @Override
            public void unitStarted(String s, String table) {
                if (mode.equals("dump") && table.equals("blobs")) {
                    stopHere();
                }
            }

            @Override
            public void objectsStarted() {
                if (mode.equals("objects")) {
                    stopHere();
                }
            }

            @Override
            public void restoreUnitStarted(String s, String table) {
                if (mode.equals("restore") && table.equals("blobs")) {
                    stopHere();
                }
            }
        };
        try (Dovetail dj = Dovetail.connect(config); BackupTarget target = BackupTarget.ofDirectory(args[12])) {
            Backups backups = new Backups(dj).withHooks(stop);
            if (mode.equals("restore")) {
                backups.restore(backups.plan(RestoreRequest.of(args[13]).renaming(schema, args[14]).withThreads(1), target), target);
            } else {
                backups.create(backups.plan(BackupRequest.of(schema).withThreads(1), target), target);
            }
        }
        System.out.println("FINISHED");
    }
}
