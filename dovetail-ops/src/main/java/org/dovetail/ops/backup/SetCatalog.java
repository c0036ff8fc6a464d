package org.dovetail.ops.backup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;
import org.dovetail.InvalidInputException;
import org.dovetail.MissingExternalFileException;
import org.dovetail.spi.ObjectStore;

/** The sets in a target and their manifests, read-only. */
final class SetCatalog {
    /** What {@code list} says of a set. */
    enum State {
        /** Manifest says complete. */
        COMPLETE,
        /** Manifest says invalid (DDL during the run). */
        INVALID,
        /** Manifest says incomplete (objects missing). */
        INCOMPLETE,
        /** No manifest: the run failed, was killed, or is still running. */
        UNFINISHED,
        /** The manifest does not parse. */
        DAMAGED
    }

    /**
     * A set of the target.
     *
     * @param name     its name
     * @param state    what its manifest says
     * @param manifest the manifest, or null when there is none or it does not parse
     * @param problem  why the manifest is unreadable, or null
     * @param files    files under the set's folder
     * @param bytes    their total size
     */
    record Entry(String name, State state, Manifest manifest, String problem, int files, long bytes) { }

    private final ObjectStore store;

    SetCatalog(ObjectStore store) {
        this.store = store;
    }

    /** Every set, oldest first (names sort by date and time). */
    List<Entry> sets() {
        // one level first: the object area beside the sets may hold millions of objects
        Set<String> names = new TreeSet<>();
        store.listFolders("", name -> {
            if (SetLayout.isSetName(name)) {
                names.add(name);
            }
        });
        List<Entry> out = new ArrayList<>();
        for (String name : names) {
            set(name).ifPresent(out::add); // a folder without files (an emptied one) is no set
        }
        return out;
    }

    /** One set, or empty when the target has no file under its name. */
    Optional<Entry> set(String name) {
        long[] counts = new long[2];
        store.list(name + "/", info -> {
            counts[0]++;
            counts[1] += info.size();
        });
        return counts[0] == 0 ? Optional.empty() : Optional.of(entry(name, (int) counts[0], counts[1]));
    }

    /** True when the target holds any file under {@code name/}. */
    boolean taken(String name) {
        boolean[] any = new boolean[1];
        store.list(name + "/", info -> any[0] = true);
        return any[0];
    }

    private Entry entry(String name, int files, long bytes) {
        byte[] raw;
        try {
            raw = store.read(SetLayout.manifest(name));
        } catch (MissingExternalFileException e) {
            return new Entry(name, State.UNFINISHED, null, null, files, bytes);
        }
        try {
            Manifest m = Manifest.parse(raw, store.address(SetLayout.manifest(name)));
            State state = switch (m.status()) {
                case Manifest.COMPLETE -> State.COMPLETE;
                case Manifest.INVALID -> State.INVALID;
                default -> State.INCOMPLETE;
            };
            return new Entry(name, state, m, null, files, bytes);
        } catch (InvalidInputException e) {
            return new Entry(name, State.DAMAGED, null, e.getMessage(), files, bytes);
        }
    }

    /** The manifest of a set, which must exist and parse. */
    Manifest manifest(String name) {
        Entry e = set(name).orElseThrow(() -> new DovetailException(ErrorCode.INVALID_INPUT, "The target " + store.address("")
                + " has no backup set " + name));
        if (e.manifest() == null) {
            throw new DovetailException(ErrorCode.INVALID_INPUT, e.state() == State.UNFINISHED
                    ? "The backup set " + name + " has no manifest: its run did not finish"
                    : e.problem());
        }
        return e.manifest();
    }

    /** SHA-256 of every object key the readable manifests list, by {@code store/key}. */
    Map<String, String> knownObjects(List<Entry> sets) {
        Map<String, String> out = new TreeMap<>();
        for (Entry e : sets) {
            if (e.manifest() != null) {
                for (Manifest.ObjectEntry o : e.manifest().objects()) {
                    if (!o.isMissing() && o.sha256() != null) {
                        out.put(o.store() + "/" + o.key(), o.sha256());
                    }
                }
            }
        }
        return out;
    }
}
