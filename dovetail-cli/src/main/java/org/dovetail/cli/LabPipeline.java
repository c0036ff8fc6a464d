package org.dovetail.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.dovetail.Dovetail;
import org.dovetail.hash.KeyHash;
import org.dovetail.populate.Heartbeat;
import org.dovetail.populate.JobListener;
import org.dovetail.populate.JobSidecar;
import org.dovetail.populate.JobTable;
import org.dovetail.populate.PopulateOptions;
import org.dovetail.populate.PopulateReport;
import org.dovetail.populate.Populator;
import org.dovetail.populate.Progress;
import org.dovetail.schema.Pipeline;
import org.dovetail.schema.InsertOption;
import org.dovetail.schema.Schema;
import org.dovetail.schema.Table;
import org.dovetail.schema.TableInfo;

/** The demo's step with the small lab pipeline of {@code demo-pipeline.yaml}: declare, list, describe, populate. */
final class LabPipeline {
    private LabPipeline() {
    }

    static Pipeline pipeline() {
        try (InputStream in = LabPipeline.class.getResourceAsStream("demo-pipeline.yaml")) {
            return Pipeline.fromTree(new ObjectMapper(new YAMLFactory()).readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("demo-pipeline.yaml is part of the command", e);
        }
    }

    static void show(PrintWriter out, Dovetail dovetail, String schemaName) {
        Schema schema = dovetail.schema(schemaName);
        Set<String> before = schema.tables().stream().map(TableInfo::tableName).collect(Collectors.toSet());
        schema.declare(pipeline());
        out.println("   tables (as `dovetail tables` lists them: parents first, parts after their master):");
        for (TableInfo t : schema.tables()) {
            out.printf("     %-22s %-9s %-24s %s%n", t.className(), t.tier().displayName(), t.tableName(),
                    before.contains(t.tableName()) ? "existed: same definition, left as it is" : "declared");
        }
        out.println("   `dovetail describe " + schemaName + ".Session.Probe` reads the definition back from the database:");
        schema.describe("Session.Probe").lines().forEach(line -> out.println("     " + line.stripTrailing()));
        long species = dovetail.connection().queryValue("SELECT COUNT(*) FROM " + schema.fullName("#species"), Long.class).orElse(0L);
        out.printf("   Lookup contents inserted once: %d species%n", species);
    }

    /**
     * Fills the pipeline's manual tables (a rerun skips what exists) and populates the Computed
     * {@code SpikeCount} through {@code ~jobs}, recording the attempts with a heartbeat, as
     * {@code dovetail worker} does.
     */
    static void populate(PrintWriter out, Dovetail dovetail, String schemaName) {
        Schema schema = dovetail.schema(schemaName);
        schema.table("Subject").insert(List.of(Map.of("subject_id", 1, "species", "mouse", "sex", "F"),
                Map.of("subject_id", 2, "species", "rat", "sex", "M")), InsertOption.SKIP_DUPLICATES);
        List<Map<String, Object>> sessions = new ArrayList<>();
        List<Map<String, Object>> probes = new ArrayList<>();
        for (int[] s : new int[][] {{1, 1}, {1, 2}, {2, 1}}) {
            sessions.add(Map.of("subject_id", s[0], "session_idx", s[1], "session_date", LocalDate.of(2024, 3, s[1])));
            for (int p = 0; p < 2; p++) {
                probes.add(Map.of("subject_id", s[0], "session_idx", s[1], "probe_idx", p, "probe_type", "neuropixels"));
            }
        }
        schema.table("Session").insert(sessions, InsertOption.SKIP_DUPLICATES);
        schema.table("Session.Probe").insert(probes, InsertOption.SKIP_DUPLICATES);
        Table spikeCount = schema.table("SpikeCount");
        Populator populator = Populator.of(spikeCount, (key, ctx) -> {
            long count = 100 + Math.floorMod(KeyHash.keyHash(key).hashCode(), 900); // the demo's stand-in for spike sorting
            Map<String, Object> row = new LinkedHashMap<>(key);
            row.put("count", count);
            row.put("rate", count / 60.0);
            ctx.insert1(row);
        });
        Progress before = populator.progress();
        PopulateReport report;
        try (Heartbeat heartbeat = Heartbeat.start(dovetail.config(), Heartbeat.DEFAULT_INTERVAL)) {
            report = populator.populate(PopulateOptions.defaults().withReserveJobs(true)
                    .withListener(heartbeat.listener(spikeCount, new JobListener() { })));
        }
        Progress after = populator.progress();
        out.printf("   SpikeCount (Computed, one row per Session.Probe): %d of %d keys to do; populate(reserve_jobs=True) made %d;"
                + " now %d of %d done%n", before.remaining(), before.total(), report.made(), after.done(), after.total());
        out.printf("   ~jobs rows left: %d (a finished job's row is deleted); attempts in ~dovetail_jobs: %d%n",
                JobTable.of(schema).jobs().size(), dovetail.connection().queryValue("SELECT COALESCE(SUM(attempts), 0) FROM "
                        + JobSidecar.table(schemaName).quoted(), Long.class).orElse(0L));
    }
}
