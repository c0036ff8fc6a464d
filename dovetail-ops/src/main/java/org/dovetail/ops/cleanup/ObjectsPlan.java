package org.dovetail.ops.cleanup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.dovetail.InvalidInputException;
import org.dovetail.ops.Durations;
import org.dovetail.ops.OperationPlan;

/**
 * What a cleanup of a store would do, worked out without changing anything: the tracking rows
 * nothing refers to, the objects no tracking row names, the leftovers of interrupted uploads —
 * each older than the age gate — and what is kept (young, folder markers, keys that are not
 * DataJoint objects). Counts and bytes of each. Saved as JSON ({@code --format json}) it is a
 * plan file that {@link StoreCleanup#apply} carries out later, until it expires.
 *
 * <p>Refused (exit code 3) when no tracking row is referenced at all (rule
 * {@code empty-referenced-set}: a missing privilege or a broken catalog would make everything look
 * unused), or when it would move more than the maximum fraction of the store's objects or bytes
 * (rule {@code max-fraction}).
 */
public final class ObjectsPlan implements OperationPlan {
    /** Which sweep made the plan. */
    public enum Mode {
        /** {@code cleanup objects}: blobs and attachments, tracking rows and untracked objects in schema folders. */
        OBJECTS,
        /** {@code cleanup files}: files of a filepath store that no tracking row's filepath names. */
        FILES
    }

    private final Header header;
    private final Mode mode;
    private final String store;
    private final String location;
    private final Duration minAge;
    private final double maxFraction;
    private final List<String> schemas;
    private final long trackingRows;
    private final long referencedRows;
    private final int trackingTables;
    private final long objects;
    private final long objectBytes;
    private final List<Candidate> candidates;
    private final Tally young;
    private final Tally markers;
    private final Tally foreign;
    private final List<String> unconfigured;

    ObjectsPlan(Header header, Mode mode, String store, String location, Duration minAge, double maxFraction, List<String> schemas,
                long trackingRows, long referencedRows, int trackingTables, long objects, long objectBytes, List<Candidate> candidates,
                Tally young, Tally markers, Tally foreign, List<String> unconfigured) {
        this.header = header;
        this.mode = mode;
        this.store = store;
        this.location = location;
        this.minAge = minAge;
        this.maxFraction = maxFraction;
        this.schemas = List.copyOf(schemas);
        this.trackingRows = trackingRows;
        this.referencedRows = referencedRows;
        this.trackingTables = trackingTables;
        this.objects = objects;
        this.objectBytes = objectBytes;
        this.candidates = List.copyOf(candidates);
        this.young = young;
        this.markers = markers;
        this.foreign = foreign;
        this.unconfigured = List.copyOf(unconfigured);
    }

    @Override
    public Header header() {
        return header;
    }

    public Mode mode() {
        return mode;
    }

    /** The store name the plan was made for. */
    public String store() {
        return store;
    }

    /** The physical location, shared by every store name with the same objects. */
    public String location() {
        return location;
    }

    public Duration minAge() {
        return minAge;
    }

    public double maxFraction() {
        return maxFraction;
    }

    /** What the plan would remove, rows first. */
    public List<Candidate> candidates() {
        return candidates;
    }

    /** Tracking rows of every table of the location. */
    public long trackingRows() {
        return trackingRows;
    }

    /** Those some column refers to. */
    public long referencedRows() {
        return referencedRows;
    }

    /** DataJoint objects in the store (not folder markers, keys of other kinds or the quarantine). */
    public long objects() {
        return objects;
    }

    public long objectBytes() {
        return objectBytes;
    }

    /** Objects that would move to quarantine. */
    public long quarantined() {
        return candidates.stream().filter(Candidate::moves).count();
    }

    /** Their bytes. */
    public long quarantinedBytes() {
        return candidates.stream().filter(Candidate::moves).mapToLong(Candidate::size).sum();
    }

    /** Tracking rows that would be deleted. */
    public long rowsToDelete() {
        return candidates.stream().filter(c -> c.kind() == Candidate.Kind.UNUSED_ROW).count();
    }

    /** Young rows and objects, kept: count. */
    public long young() {
        return young.count;
    }

    public long folderMarkers() {
        return markers.count;
    }

    public long notDataJoint() {
        return foreign.count;
    }

    public long count(Candidate.Kind kind) {
        return switch (kind) {
            case YOUNG -> young.count;
            case FOLDER_MARKER -> markers.count;
            case NOT_DATAJOINT -> foreign.count;
            default -> candidates.stream().filter(c -> c.kind() == kind).count();
        };
    }

    @Override
    public boolean isEmpty() {
        return candidates.isEmpty();
    }

    @Override
    public Optional<String> refusal() {
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        if (referencedRows == 0) {
            return Optional.of("Refused by rule empty-referenced-set: " + (trackingRows == 0
                    ? "no tracking row of any schema names an object of " + location
                    : "none of the " + trackingRows + " tracking rows of " + location + " is referenced by any column this account can see")
                    + "; a missing SELECT privilege or a wrong store configuration makes everything look unused. Nothing was done.");
        }
        double byCount = objects == 0 ? 0 : (double) quarantined() / objects;
        double byBytes = objectBytes == 0 ? 0 : (double) quarantinedBytes() / objectBytes;
        if (byCount > maxFraction || byBytes > maxFraction) {
            return Optional.of(String.format(Locale.ROOT, "Refused by rule max-fraction: the plan would move %d of %d objects (%.1f%%) and %d of %d"
                    + " bytes (%.1f%%) to quarantine, more than --max-fraction %.1f%%. Check the plan; raise --max-fraction if it is right."
                    + " Nothing was done.", quarantined(), objects, 100 * byCount, quarantinedBytes(), objectBytes, 100 * byBytes,
                    100 * maxFraction));
        }
        return Optional.empty();
    }

    /** The one-line summary a cron job logs. */
    public String summary() {
        return String.format(Locale.ROOT, "cleanup %s plan %s: %d rows to delete, %d objects (%d bytes) to quarantine of %d objects (%d bytes);"
                + " %d young kept, %d folder markers and %d other keys left alone%s", mode == Mode.FILES ? "files" : "objects", store,
                rowsToDelete(), quarantined(), quarantinedBytes(), objects, objectBytes, young.count, markers.count, foreign.count,
                refusal().map(r -> "; REFUSED").orElse(""));
    }

    @Override
    public String toText() {
        StringBuilder text = new StringBuilder();
        text.append("Cleanup plan for store ").append(store).append(" (").append(location).append("), ")
                .append(mode == Mode.FILES ? "files" : "objects").append(", older than ").append(Durations.format(minAge));
        if (!schemas.isEmpty()) {
            text.append(", reporting schemas ").append(String.join(", ", schemas));
        }
        text.append('\n');
        text.append("  ").append(trackingRows).append(" tracking rows in ").append(trackingTables).append(" tables (")
                .append(referencedRows).append(" referenced); ").append(objects).append(" objects, ").append(objectBytes)
                .append(" bytes in the store\n");
        for (Candidate.Kind kind : List.of(Candidate.Kind.UNUSED_ROW, Candidate.Kind.UNTRACKED, Candidate.Kind.INCOMPLETE_UPLOAD)) {
            List<Candidate> of = candidates.stream().filter(c -> c.kind() == kind).toList();
            text.append(String.format(Locale.ROOT, "  %-18s %d (%d bytes)%n", label(kind), of.size(), of.stream().mapToLong(Candidate::size).sum()));
            for (Candidate c : of) {
                text.append("    ").append(c.path()).append(c.kind() == Candidate.Kind.UNUSED_ROW
                        ? "  row " + c.hash() + " in `" + c.schema() + "`.`~external_" + c.store() + "`" + (c.moves() ? "" : "; object kept: another row names it")
                        : "").append('\n');
            }
        }
        appendKept(text, "young (kept)", young);
        appendKept(text, "folder markers", markers);
        appendKept(text, "not DataJoint", foreign);
        unconfigured.forEach(t -> text.append("  note: ").append(t).append(" tracks a store this configuration does not define; its location is unknown\n"));
        text.append(refusal().orElse(candidates.isEmpty() ? "Nothing to clean up." : String.format(Locale.ROOT,
                "Would delete %d tracking rows and move %d objects (%d bytes) to %s<date>/.", rowsToDelete(), quarantined(), quarantinedBytes(),
                Quarantine.FOLDER))).append('\n');
        return text.toString();
    }

    private static String label(Candidate.Kind kind) {
        return switch (kind) {
            case UNUSED_ROW -> "unused rows";
            case UNTRACKED -> "untracked objects";
            default -> "incomplete uploads";
        };
    }

    private static void appendKept(StringBuilder text, String label, Tally tally) {
        if (tally.count == 0) {
            return;
        }
        text.append(String.format(Locale.ROOT, "  %-18s %d (%d bytes), never touched%n", label, tally.count, tally.bytes));
        tally.samples.forEach(p -> text.append("    ").append(p).append('\n'));
        if (tally.count > tally.samples.size()) {
            text.append("    ... and ").append(tally.count - tally.samples.size()).append(" more\n");
        }
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode json = header.toJson();
        json.put("mode", mode.name());
        json.put("store", store);
        json.put("location", location);
        json.put("minAge", Durations.format(minAge));
        json.put("maxFraction", maxFraction);
        ArrayNode s = json.putArray("schemas");
        schemas.forEach(s::add);
        json.put("trackingTables", trackingTables);
        json.put("trackingRows", trackingRows);
        json.put("referencedRows", referencedRows);
        json.put("objects", objects);
        json.put("objectBytes", objectBytes);
        json.put("rowsToDelete", rowsToDelete());
        json.put("quarantine", quarantined());
        json.put("quarantineBytes", quarantinedBytes());
        refusal().ifPresent(r -> json.put("refusal", r));
        json.put("summary", summary());
        ArrayNode list = json.putArray("candidates");
        candidates.forEach(c -> list.add(c.toJson()));
        json.set("young", young.toJson());
        json.set("folderMarkers", markers.toJson());
        json.set("notDataJoint", foreign.toJson());
        ArrayNode notes = json.putArray("unconfiguredTrackingTables");
        unconfigured.forEach(notes::add);
        return json;
    }

    /** Candidates the audit record of a plan lists (the counts cover all of them). */
    static final int AUDITED = 1000;

    /** The plan for the audit log: everything but the candidates past the first {@value #AUDITED}, so that a large plan fits one row. */
    ObjectNode toAuditJson() {
        ObjectNode json = toJson();
        if (candidates.size() > AUDITED) {
            ArrayNode list = json.putArray("candidates");
            candidates.subList(0, AUDITED).forEach(c -> list.add(c.toJson()));
            json.put("candidatesLeftOut", candidates.size() - AUDITED);
        }
        return json;
    }

    /**
     * Reads a plan file ({@link #toJson()}).
     *
     * @throws InvalidInputException if it is not a cleanup plan
     */
    public static ObjectsPlan fromJson(JsonNode json) {
        Header header = Header.fromJson(json);
        if (!StoreCleanup.OPERATION.equals(header.operation()) || !json.has("candidates") || !json.has("mode")) {
            throw new InvalidInputException("Not a plan of `dovetail cleanup objects` or `cleanup files`: operation \"" + header.operation() + "\"");
        }
        List<Candidate> candidates = new ArrayList<>();
        json.get("candidates").forEach(c -> candidates.add(Candidate.fromJson(c)));
        List<String> schemas = new ArrayList<>();
        json.path("schemas").forEach(n -> schemas.add(n.asText()));
        List<String> unconfigured = new ArrayList<>();
        json.path("unconfiguredTrackingTables").forEach(n -> unconfigured.add(n.asText()));
        return new ObjectsPlan(header, Mode.valueOf(json.get("mode").asText()), json.get("store").asText(), json.get("location").asText(),
                Durations.parse("minAge", json.get("minAge").asText()), json.get("maxFraction").asDouble(), schemas,
                json.get("trackingRows").asLong(), json.get("referencedRows").asLong(), json.get("trackingTables").asInt(),
                json.get("objects").asLong(), json.get("objectBytes").asLong(), candidates, Tally.fromJson(json.get("young")),
                Tally.fromJson(json.get("folderMarkers")), Tally.fromJson(json.get("notDataJoint")), unconfigured);
    }

    @Override
    public List<String> columns() {
        return List.of("kind", "schema", "store", "hash", "path", "size", "modified", "moves");
    }

    @Override
    public List<List<Object>> rows() {
        List<List<Object>> rows = new ArrayList<>();
        for (Candidate c : candidates) {
            rows.add(Arrays.asList(c.kind().name(), c.schema(), c.store(), c.hash() == null ? null : c.hash().toString(), c.path(),
                    c.size(), c.modified() == null ? null : c.modified().toString(), c.moves()));
        }
        return rows;
    }
}
