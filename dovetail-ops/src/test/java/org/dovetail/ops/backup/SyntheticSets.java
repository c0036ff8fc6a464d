package org.dovetail.ops.backup;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dovetail.spi.ObjectStore;

/**
 * Backup sets written straight into a target, without a database: a row file, an object per
 * key in the object area, and a manifest that lists them. For retention and copy tests that
 * need many sets at chosen times; the engine's own sets are tested with the engine.
 */
final class SyntheticSets {
    static final String STORE = "raw";

    private SyntheticSets() {}

    /** A set {@code <label>-YYYYMMDD} started at {@code started}, with status {@code status}, naming the objects {@code keys}. */
    static String write(ObjectStore target, String label, Instant started, String status, String... keys) {
        String set = SetLayout.dayName(label, started);
        write(target, set, label, started, status, keys);
        return set;
    }

    static void write(ObjectStore target, String set, String label, Instant started, String status, String... keys) {
        byte[] rows = ("rows of " + set).getBytes(StandardCharsets.UTF_8);
        String unit = set + "/schemas/lab/t.0.dtr";
        target.put(unit, rows, Map.of());
        List<Manifest.ObjectEntry> objects = new ArrayList<>();
        for (String key : keys) {
            byte[] content = object(key);
            String path = SetLayout.object(STORE, key);
            if (target.stat(path).isEmpty()) {
                target.put(path, content, Map.of());
            }
            objects.add(new Manifest.ObjectEntry(STORE, "lab", key, content.length, null, null, null, key, sha(content), null));
        }
        List<Manifest.FileEntry> files = List.of(new Manifest.FileEntry(unit, rows.length, sha(rows)));
        String sums = sha(rows) + "  schemas/lab/t.0.dtr\n";
        target.put(SetLayout.sums(set), sums.getBytes(StandardCharsets.UTF_8), Map.of());
        Manifest m = new Manifest(Manifest.FORMAT, set, label, status, List.of(), started.toString(), started.toString(),
                started.plusSeconds(60).toString(), "test", new Manifest.Server("mariadb", "10.11.5-MariaDB", null),
                new Manifest.Snapshot("single_transaction", 1, 0, 1), "none", List.of(), null, objects, files,
                new Manifest.Durations(0, 0, 0, 60_000));
        target.put(SetLayout.manifest(set), m.toBytes(), Map.of());
    }

    /** A set folder with a row file and no manifest: a run that failed, was killed, or is running. */
    static String unfinished(ObjectStore target, String label, Instant started) {
        String set = SetLayout.dayName(label, started);
        target.put(set + "/schemas/lab/t.0.dtr", new byte[] {1}, Map.of());
        return set;
    }

    /** The bytes of the object with key {@code key}. */
    static byte[] object(String key) {
        return ("object " + key).repeat(100).getBytes(StandardCharsets.UTF_8);
    }

    static String sha(byte[] bytes) {
        return Hashing.hex(Hashing.sha256().digest(bytes));
    }

    /** A hex content key made from a number. */
    static String key(int n) {
        return String.format("%032x", n);
    }
}
