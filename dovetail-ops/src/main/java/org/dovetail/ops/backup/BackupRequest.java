package org.dovetail.ops.backup;

import java.util.List;
import java.util.Locale;

/**
 * What {@code backup create} backs up and how.
 *
 * @param schemas     globs of schema names ({@code *}, {@code ?}); ignored with {@code all}
 * @param all         every schema but {@code information_schema}, {@code performance_schema}, {@code sys} and {@code mysql}
 * @param threads     worker connections reading the snapshot (1: one snapshot transaction, no RELOAD needed)
 * @param compression how row files are compressed
 * @param label       the first part of the set's name
 */
public record BackupRequest(List<String> schemas, boolean all, int threads, Compression compression, String label) {
    public BackupRequest {
        schemas = List.copyOf(schemas);
        if (!all && schemas.isEmpty()) {
            throw new IllegalArgumentException("Name the schemas to back up (--schemas PATTERN...) or give --all");
        }
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("--threads is 1 to 64: " + threads);
        }
        SetLayout.checkLabel(label);
    }

    /** The schemas matching {@code patterns}, 2 threads, zstd, label {@value SetLayout#DEFAULT_LABEL}. */
    public static BackupRequest of(String... patterns) {
        return new BackupRequest(List.of(patterns), false, 2, Compression.ZSTD, SetLayout.DEFAULT_LABEL);
    }

    /** The same with {@code n} threads. */
    public BackupRequest withThreads(int n) {
        return new BackupRequest(schemas, all, n, compression, label);
    }

    /** The same with another compression. */
    public BackupRequest withCompression(Compression c) {
        return new BackupRequest(schemas, all, threads, c, label);
    }

    /** The same with another label. */
    public BackupRequest withLabel(String l) {
        return new BackupRequest(schemas, all, threads, compression, l);
    }

    /** The request in one line, e.g. {@code create --schemas lab_* --threads 2}. */
    String describe() {
        return "create " + (all ? "--all" : "--schemas " + String.join(" ", schemas)) + " --threads " + threads + " --compress "
                + compression.name().toLowerCase(Locale.ROOT) + " --label " + label;
    }
}
