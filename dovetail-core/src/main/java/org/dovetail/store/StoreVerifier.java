package org.dovetail.store;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongConsumer;
import org.dovetail.MissingExternalFileException;
import org.dovetail.StoreException;
import org.dovetail.hash.ContentHash;
import org.dovetail.hash.UuidBytes;
import org.dovetail.internal.store.AtomicFiles;
import org.dovetail.internal.store.TrackingTable;
import org.dovetail.spi.ObjectInfo;

/**
 * Compares a store with its tracking tables, read-only (like {@code rclone check}): every row's
 * object must exist with the recorded size (and, deep, the recorded hash), and every object in a
 * schema's folder must be tracked. Folder markers (keys ending in {@code /}) are not objects: they
 * are counted apart and are never a problem.
 *
 * <pre>{@code
 * VerifyReport report = new StoreVerifier(store).verify(List.of("lab"), true, n -> {});
 * report.counts();   // {MISSING=0, SIZE_MISMATCH=0, ...}
 * }</pre>
 */
public final class StoreVerifier {
    private final ExternalStore store;

    public StoreVerifier(ExternalStore store) {
        this.store = store;
    }

    /** Every schema on the server that has a tracking table for this store. */
    public List<String> trackedSchemas() {
        return store.connection().query("SELECT table_schema FROM information_schema.tables WHERE table_name = ?"
                + " ORDER BY table_schema", r -> r.getString(1), TrackingTable.PREFIX + store.spec().name());
    }

    /** Number of tracking rows the schemas hold (for a progress bar's total). */
    public long rowCount(List<String> schemas) {
        long n = 0;
        for (String schema : schemas) {
            n += store.connection().queryValue("SELECT COUNT(*) FROM " + store.tracking(schema).fullName(), Long.class).orElse(0L);
        }
        return n;
    }

    /**
     * Checks the schemas.
     *
     * @param deep     hash every object's contents (reads every byte)
     * @param progress called with the number of rows checked so far
     */
    public VerifyReport verify(List<String> schemas, boolean deep, LongConsumer progress) {
        List<VerifyReport.Finding> findings = new ArrayList<>();
        long rows = 0;
        long objects = 0;
        long[] folderMarkers = {0};
        for (String schema : schemas) {
            Set<String> tracked = new HashSet<>();
            for (TrackingRow row : store.tracking(schema).rows()) {
                String path = row.objectPath(schema, store.spec().subfolding());
                tracked.add(path);
                check(schema, row, path, deep).ifPresent(findings::add);
                progress.accept(++rows);
            }
            List<ObjectInfo> inFolder = new ArrayList<>();
            store.objects().list(schema + "/", inFolder::add, marker -> folderMarkers[0]++);
            objects += inFolder.size();
            for (ObjectInfo info : inFolder) {
                if (!tracked.contains(info.path())) {
                    boolean temp = info.path().contains(AtomicFiles.TEMP_MARKER);
                    findings.add(new VerifyReport.Finding(temp ? VerifyReport.Kind.INCOMPLETE_UPLOAD : VerifyReport.Kind.UNTRACKED,
                            schema, null, store.objects().address(info.path()), info.size() + " bytes"));
                }
            }
        }
        return new VerifyReport(store.spec().name(), schemas, deep, rows, objects, folderMarkers[0], findings);
    }

    private Optional<VerifyReport.Finding> check(String schema, TrackingRow row, String path, boolean deep) {
        String address = store.objects().address(path);
        Optional<ObjectInfo> info = store.objects().stat(path);
        if (info.isEmpty()) {
            return Optional.of(finding(VerifyReport.Kind.MISSING, schema, row, address, row.size() + " bytes recorded"));
        }
        if (info.get().size() != row.size()) {
            return Optional.of(finding(VerifyReport.Kind.SIZE_MISMATCH, schema, row, address,
                    row.size() + " bytes recorded, " + info.get().size() + " in the store"));
        }
        if (!deep) {
            return Optional.empty();
        }
        UUID expected;
        UUID actual;
        try (InputStream in = store.objects().open(path)) {
            switch (row.kind()) {
                case BLOB -> {
                    expected = row.hash();
                    actual = ContentHash.uuidFromStream(in, "");
                }
                case ATTACHMENT -> {
                    expected = row.hash();
                    actual = ContentHash.uuidFromStream(in, row.attachmentName() + "\0");
                }
                default -> {
                    expected = row.contentsHash();
                    actual = expected == null ? null : ContentHash.uuidFromStream(in, "");
                }
            }
        } catch (MissingExternalFileException e) {
            return Optional.of(finding(VerifyReport.Kind.MISSING, schema, row, address, "vanished while checking"));
        } catch (IOException e) {
            throw new StoreException("Store `" + store.spec().name() + "`: cannot read " + address + ": " + e.getMessage(), e);
        }
        if (expected != null && !expected.equals(actual)) {
            return Optional.of(finding(VerifyReport.Kind.CONTENTS_MISMATCH, schema, row, address,
                    "recorded " + UuidBytes.toHex(expected) + ", contents hash to " + UuidBytes.toHex(actual)));
        }
        return Optional.empty();
    }

    private static VerifyReport.Finding finding(VerifyReport.Kind kind, String schema, TrackingRow row, String address, String detail) {
        return new VerifyReport.Finding(kind, schema, row.hash(), address, detail);
    }
}
