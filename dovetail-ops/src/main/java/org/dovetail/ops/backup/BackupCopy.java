package org.dovetail.ops.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.dovetail.Dovetail;
import org.dovetail.ErrorCode;
import org.dovetail.MissingExternalFileException;
import org.dovetail.ops.Operation;
import org.dovetail.ops.OperationPlan;
import org.dovetail.ops.OperationProgress;
import org.dovetail.spi.ObjectStore;

/**
 * {@code backup copy SRC DST}: the transfer step of the seed's scripts, done so that nothing is
 * lost when it fails. For each set: the objects its manifest names that the destination lacks
 * (checked against their size and SHA-256 as they stream, then re-read there), the set's files
 * (the same), {@code SHA256SUMS}, and the manifest last, re-read: only then is the set complete
 * at the destination. A copy that fails or is killed leaves the destination's set without a
 * manifest (listed as unfinished; the next copy writes it again) and at most a {@code .saving.}
 * file of one object.
 *
 * <p>With a retention policy ({@code --prune-source}), the source is pruned afterwards under its
 * own lock by the same rules as {@code backup prune}, except that a set is deleted only when it
 * is verified at the destination: copied now, or found there with the same manifest and every
 * file's SHA-256 matching. What did not verify stays at the source.
 *
 * <pre>{@code
 * BackupCopy copy = new BackupCopy(dj);
 * CopyPlan plan = copy.plan(local, remote, List.of());          // the complete sets newer than the remote's newest
 * CopyReport done = copy.apply(plan, local, remote, new RetentionPolicy(2, 0, 0, 0, RetentionPolicy.DEFAULT_FAILED_GRACE));
 * }</pre>
 */
public final class BackupCopy {
    private static final int BUFFER = 1 << 16;
    /** Objects copied at once (an SFTP target serves up to 8 channels on its one connection). */
    static final int PARALLEL = 4;

    private final Dovetail dj;
    private OperationProgress progress = OperationProgress.NONE;
    private CopyHooks hooks = CopyHooks.NONE;

    /** Copies under the lock and audit log of the database {@code dj} is connected to. */
    public BackupCopy(Dovetail dj) {
        this.dj = dj;
    }

    /** Reports copying to {@code p}. */
    public BackupCopy withProgress(OperationProgress p) {
        this.progress = p;
        return this;
    }

    BackupCopy withHooks(CopyHooks h) {
        this.hooks = h;
        return this;
    }

    /** Where tests synchronise with a copy. */
    interface CopyHooks {
        CopyHooks NONE = new CopyHooks() { };

        /** The first bytes of an object are written at the destination; the rest are not yet. */
        default void objectMidway(String path) {
        }
    }

    /**
     * What copying would do; changes nothing. With no {@code names}: every complete set of the
     * source newer than the destination's newest complete set of its label (all of a label the
     * destination does not have). Named sets must have a manifest at the source.
     */
    public CopyPlan plan(BackupTarget source, BackupTarget destination, List<String> names) {
        List<SetCatalog.Entry> sourceSets = new SetCatalog(source.store()).sets();
        Map<String, SetCatalog.Entry> there = new HashMap<>();
        new SetCatalog(destination.store()).sets().forEach(e -> there.put(e.name(), e));
        List<String> skipped = new ArrayList<>();
        List<SetCatalog.Entry> chosen = new ArrayList<>();
        String refusal = null;
        if (names.isEmpty()) {
            Map<String, Instant> newestThere = new HashMap<>();
            for (SetCatalog.Entry e : there.values()) {
                if (e.state() == SetCatalog.State.COMPLETE) {
                    Retention.Candidate c = BackupPrune.candidate(e);
                    newestThere.merge(c.label(), c.started(), (a, b) -> a.isAfter(b) ? a : b);
                }
            }
            for (SetCatalog.Entry e : sourceSets) {
                if (e.state() != SetCatalog.State.COMPLETE) {
                    continue;
                }
                Retention.Candidate c = BackupPrune.candidate(e);
                Instant newest = newestThere.get(c.label());
                if (newest == null || c.started().isAfter(newest)) {
                    chosen.add(e);
                }
            }
        } else {
            Map<String, SetCatalog.Entry> byName = new HashMap<>();
            sourceSets.forEach(e -> byName.put(e.name(), e));
            for (String name : names) {
                SetCatalog.Entry e = byName.get(name);
                if (e == null || e.manifest() == null) {
                    refusal = "the source has no " + (e == null ? "set " + name : "readable manifest for " + name
                            + " (" + e.state().name().toLowerCase() + ")") + ": nothing is copied";
                    break;
                }
                chosen.add(e);
            }
        }
        Map<String, Long> objectsThere = objectSizes(destination.store());
        Set<String> planned = new HashSet<>();
        List<CopyPlan.SetCopy> sets = new ArrayList<>();
        for (SetCatalog.Entry e : chosen) {
            SetCatalog.Entry dst = there.get(e.name());
            if (dst != null && dst.state() == SetCatalog.State.COMPLETE && e.manifest().equals(dst.manifest())) {
                skipped.add(e.name() + " is at the destination already");
                continue;
            }
            Map<String, Manifest.ObjectEntry> objects = objects(e.manifest());
            int fresh = 0;
            long freshBytes = 0;
            for (Map.Entry<String, Manifest.ObjectEntry> o : objects.entrySet()) {
                Long size = objectsThere.get(o.getKey());
                if ((size == null || size != o.getValue().size()) && planned.add(o.getKey())) {
                    fresh++;
                    freshBytes += o.getValue().size();
                }
            }
            sets.add(new CopyPlan.SetCopy(e.name(), e.files(), e.bytes(), objects.size(), fresh, freshBytes));
        }
        String action = "copy " + source.description() + " " + destination.description() + (names.isEmpty() ? "" : " " + String.join(" ", names));
        return new CopyPlan(OperationPlan.Header.of(Backups.OPERATION, destination.description(), action), source.description(),
                destination.description(), sets, skipped, refusal);
    }

    /** Copies and verifies, under the destination's lock. */
    public CopyReport apply(CopyPlan plan, BackupTarget source, BackupTarget destination) {
        return Operation.<CopyPlan, CopyReport>of(dj.connection(), p -> copyAll(p, source.store(), destination.store()))
                .apply(plan);
    }

    /**
     * Copies and verifies, then prunes the source by {@code pruneSource}, deleting only sets
     * verified at the destination. A refused prune (the source's newest run did not complete)
     * leaves the source as it was and makes the report REFUSED.
     */
    public CopyReport apply(CopyPlan plan, BackupTarget source, BackupTarget destination, RetentionPolicy pruneSource) {
        CopyReport copied = apply(plan, source, destination);
        BackupPrune prune = new BackupPrune(dj).withProgress(progress);
        Set<String> verified = new HashSet<>(copied.verified());
        PrunePlan pp = prune.plan(source, pruneSource, Instant.now(),
                name -> verified.contains(name) ? Optional.empty() : unverified(name, source.store(), destination.store()));
        if (pp.refusal().isPresent()) {
            return copied.withPrune(pp, null);
        }
        return copied.withPrune(pp, prune.apply(pp, source));
    }

    private CopyReport copyAll(CopyPlan plan, ObjectStore source, ObjectStore destination) {
        Map<String, Long> objectsThere = objectSizes(destination);
        List<String> verified = new ArrayList<>();
        int copied = 0;
        int present = 0;
        long bytes = 0;
        for (CopyPlan.SetCopy s : plan.sets()) {
            byte[] manifestBytes = source.read(SetLayout.manifest(s.name()));
            Manifest m = Manifest.parse(manifestBytes, source.address(SetLayout.manifest(s.name())));
            Map<String, Manifest.ObjectEntry> objects = objects(m);
            progress.start("objects of " + s.name(), objects.size());
            List<Map.Entry<String, Manifest.ObjectEntry>> missing = new ArrayList<>();
            for (Map.Entry<String, Manifest.ObjectEntry> o : objects.entrySet()) {
                Long size = objectsThere.get(o.getKey());
                if (size != null && size == o.getValue().size()) {
                    present++;
                } else {
                    missing.add(o);
                }
            }
            progress.advance(objects.size() - missing.size());
            copyObjects(source, destination, missing, objects.size() - missing.size());
            for (Map.Entry<String, Manifest.ObjectEntry> o : missing) {
                objectsThere.put(o.getKey(), o.getValue().size());
                copied++;
                bytes += o.getValue().size();
            }
            progress.end();
            progress.start("files of " + s.name(), m.files().size());
            int n = 0;
            for (Manifest.FileEntry f : m.files()) {
                copyChecked(source, destination, f.path(), f.bytes(), f.sha256(), false);
                bytes += f.bytes();
                progress.advance(++n);
            }
            progress.end();
            byte[] sums = source.read(SetLayout.sums(s.name()));
            destination.put(SetLayout.sums(s.name()), sums, Map.of());
            for (Manifest.FileEntry f : m.files()) {
                check(destination, f.path(), f.bytes(), f.sha256());
            }
            check(destination, SetLayout.sums(s.name()), sums.length, Hashing.hex(Hashing.sha256().digest(sums)));
            destination.put(SetLayout.manifest(s.name()), manifestBytes, Map.of()); // last: complete from here on
            if (!Arrays.equals(destination.read(SetLayout.manifest(s.name())), manifestBytes)) {
                destination.delete(SetLayout.manifest(s.name()));
                throw new BackupException(ErrorCode.INTEGRITY, "The manifest of " + s.name() + " reads back differently at "
                        + destination.address(SetLayout.manifest(s.name())) + ": removed there, the set is not complete");
            }
            bytes += sums.length + manifestBytes.length;
            verified.add(s.name());
        }
        return new CopyReport(plan.source(), plan.destination(), verified, copied, present, bytes, null, null);
    }

    /**
     * Copies objects {@value #PARALLEL} at a time (each checked as it streams and re-read at the
     * destination); the first failure stops the rest and is thrown.
     */
    private void copyObjects(ObjectStore source, ObjectStore destination, List<Map.Entry<String, Manifest.ObjectEntry>> objects,
                             int alreadyDone) {
        if (objects.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL, objects.size()), r -> {
            Thread t = new Thread(r, "dovetail-backup-copy");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger done = new AtomicInteger(alreadyDone);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Map.Entry<String, Manifest.ObjectEntry> o : objects) {
                futures.add(pool.submit(() -> {
                    copyChecked(source, destination, o.getKey(), o.getValue().size(), o.getValue().sha256(), true);
                    check(destination, o.getKey(), o.getValue().size(), o.getValue().sha256());
                    int now = done.incrementAndGet();
                    synchronized (progress) {
                        progress.advance(now);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    futures.forEach(other -> other.cancel(true));
                    Throwable cause = e.getCause();
                    throw cause instanceof RuntimeException r ? r : new BackupException(ErrorCode.IO, cause.getMessage(), cause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new BackupException(ErrorCode.IO, "Interrupted while copying objects", e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Streams one file, checking its size and SHA-256 as it goes (a mismatch leaves the destination as it was). */
    private void copyChecked(ObjectStore source, ObjectStore destination, String path, long size, String sha256, boolean object) {
        destination.write(path, Map.of(), out -> {
            try (InputStream raw = source.open(path); Hashing.In in = new Hashing.In(raw, null)) {
                transfer(in, out, object ? path : null);
                String sha = Hashing.hex(in.sha.digest());
                if (in.bytes != size || (sha256 != null && !sha.equals(sha256))) {
                    throw new BackupException(ErrorCode.INTEGRITY, "The source's " + source.address(path) + " has " + in.bytes
                            + " bytes and SHA-256 " + sha + "; its manifest says " + size + " and " + sha256 + ": not copied");
                }
            }
        });
    }

    private void transfer(InputStream in, OutputStream out, String object) throws IOException {
        byte[] buffer = new byte[BUFFER];
        boolean first = true;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            out.write(buffer, 0, n);
            if (first && object != null) {
                out.flush();
                hooks.objectMidway(object);
                first = false;
            }
        }
    }

    /** Re-reads a file at the destination; a mismatch fails the copy before the set's manifest is written. */
    private static void check(ObjectStore destination, String path, long size, String sha256) {
        String sha;
        long bytes;
        try (InputStream raw = destination.open(path); Hashing.In in = new Hashing.In(raw, null)) {
            sha = in.drain();
            bytes = in.bytes;
        } catch (IOException e) {
            throw new BackupException(ErrorCode.IO, "Cannot read back " + destination.address(path) + ": " + e.getMessage(), e);
        }
        if (bytes != size || (sha256 != null && !sha.equals(sha256))) {
            throw new BackupException(ErrorCode.INTEGRITY, "The copy " + destination.address(path) + " reads back as " + bytes
                    + " bytes, SHA-256 " + sha + " (expected " + size + ", " + sha256 + "): the set is not complete there");
        }
    }

    /** Why a source set is not verified at the destination, or empty when it is (same manifest, every file matching). */
    private static Optional<String> unverified(String set, ObjectStore source, ObjectStore destination) {
        byte[] manifest;
        try {
            manifest = destination.read(SetLayout.manifest(set));
        } catch (MissingExternalFileException e) {
            return Optional.of("not at the destination (kept at the source)");
        }
        byte[] ours;
        try {
            ours = source.read(SetLayout.manifest(set));
        } catch (MissingExternalFileException e) {
            return Optional.empty(); // no manifest at the source: retention's own rules apply
        }
        if (!Arrays.equals(manifest, ours)) {
            return Optional.of("the destination's manifest differs (kept at the source)");
        }
        Manifest m = Manifest.parse(ours, source.address(SetLayout.manifest(set)));
        try {
            for (Manifest.FileEntry f : m.files()) {
                check(destination, f.path(), f.bytes(), f.sha256());
            }
            for (Map.Entry<String, Manifest.ObjectEntry> o : objects(m).entrySet()) {
                Optional<Long> size = destination.stat(o.getKey()).map(i -> i.size());
                if (size.isEmpty() || size.get() != o.getValue().size()) {
                    return Optional.of("object " + o.getKey() + " is not at the destination (kept at the source)");
                }
            }
        } catch (BackupException | MissingExternalFileException e) {
            return Optional.of("does not verify at the destination: " + e.getMessage() + " (kept at the source)");
        }
        return Optional.empty();
    }

    /** The distinct objects a manifest names that were present at backup, by their path in the object area. */
    private static Map<String, Manifest.ObjectEntry> objects(Manifest m) {
        Map<String, Manifest.ObjectEntry> out = new LinkedHashMap<>();
        for (Manifest.ObjectEntry o : m.objects()) {
            if (!o.isMissing() && o.key() != null) {
                out.putIfAbsent(SetLayout.object(o.store(), o.key()), o);
            }
        }
        return out;
    }

    private static Map<String, Long> objectSizes(ObjectStore store) {
        Map<String, Long> sizes = new HashMap<>();
        store.list(SetLayout.OBJECTS, info -> sizes.put(info.path(), info.size()));
        return sizes;
    }
}
