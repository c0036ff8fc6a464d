package org.dovetail.ops.backup;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code backup restore} restores and how.
 *
 * @param set        the set's name
 * @param schemas    the schemas of the set to restore (empty: all)
 * @param renames    {@code OLD -> NEW} schema names ({@code --as OLD=NEW}); others keep their names
 * @param withGrants also create the set's accounts and grants
 * @param threads    sessions loading rows in parallel
 * @param replace    drop a non-empty existing schema first (the command line also wants {@code --yes})
 * @param unverified restore even when the set does not verify
 * @param objects    also write the external objects back into the configured stores
 */
public record RestoreRequest(String set, List<String> schemas, Map<String, String> renames, boolean withGrants, int threads,
                             boolean replace, boolean unverified, boolean objects) {
    public RestoreRequest {
        schemas = List.copyOf(schemas);
        renames = Map.copyOf(new LinkedHashMap<>(renames));
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("--threads is 1 to 64: " + threads);
        }
    }

    /** All schemas of {@code set} under their own names, 2 threads, objects included. */
    public static RestoreRequest of(String set) {
        return new RestoreRequest(set, List.of(), Map.of(), false, 2, false, false, true);
    }

    /** The same with {@code OLD} restored as {@code NEW}. */
    public RestoreRequest renaming(String from, String to) {
        Map<String, String> r = new LinkedHashMap<>(renames);
        r.put(from, to);
        return new RestoreRequest(set, schemas, r, withGrants, threads, replace, unverified, objects);
    }

    /** The same restoring only {@code names}. */
    public RestoreRequest only(List<String> names) {
        return new RestoreRequest(set, names, renames, withGrants, threads, replace, unverified, objects);
    }

    /** The same with {@code n} threads. */
    public RestoreRequest withThreads(int n) {
        return new RestoreRequest(set, schemas, renames, withGrants, n, replace, unverified, objects);
    }

    /** The same, replacing non-empty schemas. */
    public RestoreRequest replacing() {
        return new RestoreRequest(set, schemas, renames, withGrants, threads, true, unverified, objects);
    }

    /** The same, restoring a set that does not verify. */
    public RestoreRequest acceptingUnverified() {
        return new RestoreRequest(set, schemas, renames, withGrants, threads, replace, true, objects);
    }

    /** The same, with the accounts and grants. */
    public RestoreRequest includingGrants() {
        return new RestoreRequest(set, schemas, renames, true, threads, replace, unverified, objects);
    }

    /** The same without writing objects back (a scratch restore). */
    RestoreRequest withoutObjects() {
        return new RestoreRequest(set, schemas, renames, withGrants, threads, replace, unverified, false);
    }

    /** The name schema {@code original} is restored under. */
    public String destination(String original) {
        return renames.getOrDefault(original, original);
    }

    String describe() {
        StringBuilder sb = new StringBuilder("restore ").append(set);
        if (!schemas.isEmpty()) {
            sb.append(" --schemas ").append(String.join(" ", schemas));
        }
        renames.forEach((a, b) -> sb.append(" --as ").append(a).append('=').append(b));
        if (withGrants) {
            sb.append(" --with-grants");
        }
        if (replace) {
            sb.append(" --replace");
        }
        return sb.append(" --threads ").append(threads).toString();
    }
}
