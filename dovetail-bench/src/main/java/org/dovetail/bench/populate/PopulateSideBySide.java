package org.dovetail.bench.populate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dovetail.Dovetail;
import org.dovetail.bench.PythonSide;
import org.dovetail.config.Config;
import org.dovetail.populate.JobTable;
import org.dovetail.populate.Make;
import org.dovetail.populate.PopulateOptions;
import org.dovetail.populate.PopulateReport;
import org.dovetail.populate.Populator;
import org.dovetail.schema.Schema;
import org.dovetail.schema.Table;
import org.dovetail.schema.Tier;
import org.dovetail.testkit.TestDatabase;
import org.dovetail.testkit.TestServers;

/**
 * Per-job overhead of populate with reserved jobs, side by side in one run: DataJoint-Python's
 * {@code Trivial.populate(reserve_jobs=True)} and Dovetail's {@code Populator.populate} with
 * {@code withReserveJobs(true)}, on the same table of the same server. The make is trivial (one
 * {@code insert1} of the key and a constant), so the time is the protocol's: key source minus
 * target, the {@code ~jobs} filter, and per key reserve, transaction, done check, insert, commit,
 * complete. The Python time is the populate call alone (the interpreter and imports excluded),
 * the Dovetail time the {@code populate} call in a warmed-up JVM ({@code dovetail.bench.warmup}
 * untimed populates first, by default as many as make 10,000 jobs). The target's rows are deleted
 * between runs; the sides alternate which goes first.
 *
 * <pre>
 * java -Ddovetail.bench.python=/path/to/venv/bin/python \
 *     -cp dovetail-bench/target/dovetail-bench.jar org.dovetail.bench.populate.PopulateSideBySide 2000 3
 * </pre>
 *
 * <p>Arguments: keys (default 2,000), runs (default 3). {@code dovetail.bench.processes}, a
 * comma-separated list (default {@code 1}), adds Dovetail runs with that many workers.
 */
public final class PopulateSideBySide {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Make TRIVIAL = (key, ctx) -> {
        Map<String, Object> row = new LinkedHashMap<>(key);
        row.put("value", 1);
        ctx.insert1(row);
    };

    private PopulateSideBySide() {
    }

    public static void main(String[] args) throws Exception {
        int keys = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String python = System.getProperty("dovetail.bench.python");
        List<Integer> processes = Arrays.stream(System.getProperty("dovetail.bench.processes", "1").split(","))
                .map(p -> Integer.parseInt(p.trim())).toList();
        Path work = Files.createTempDirectory("dovetail-bench-populate");
        try (TestServers servers = TestServers.start(); TestDatabase db = servers.newDatabase()) {
            PythonSide.writeConfig(work, PythonSide.localConfig(db));
            PythonSide.copyScript(PopulateSideBySide.class, "populate_trivial.py", work);
            Config config = Config.builder().host(db.host()).port(db.port()).user(db.user()).password(db.password()).build();
            try (Dovetail dj = Dovetail.connect(config)) {
                Schema schema = dj.createSchema(db.schema("bench"));
                schema.declare(Tier.MANUAL, "Subject", "subject_id : int");
                Table trivial = schema.declare(Tier.COMPUTED, "Trivial", "-> Subject\n---\nvalue : int");
                List<Map<String, Object>> subjects = new ArrayList<>();
                for (int s = 1; s <= keys; s++) {
                    subjects.add(Map.of("subject_id", s));
                }
                schema.table("Subject").insert(subjects);
                JobTable.of(schema);
                Populator populator = Populator.of(trivial, TRIVIAL);
                // warm-up: the JIT compiles the path before anything is timed (a worker runs for hours;
                // the time per job stops falling after some 10,000 jobs)
                int warmups = Integer.getInteger("dovetail.bench.warmup", Math.max(2, 10_000 / keys));
                for (int w = 0; w < warmups; w++) {
                    populator.populate(PopulateOptions.defaults().withReserveJobs(true));
                    trivial.deleteQuick();
                }

                System.out.println("| run | keys | DataJoint-Python populate(reserve_jobs=True) | Dovetail, 1 worker |"
                        + (processes.size() > 1 ? " Dovetail, more workers |" : ""));
                System.out.println("| --- | --- | --- | --- |" + (processes.size() > 1 ? " --- |" : ""));
                List<Double> py = new ArrayList<>();
                List<Double> java = new ArrayList<>();
                for (int r = 1; r <= runs; r++) {
                    double[] pyRun = null;
                    if (python != null && r % 2 == 1) {
                        pyRun = runPython(python, work, schema.name(), keys);
                        trivial.deleteQuick();
                    }
                    double javaSeconds = runJava(populator, keys, 1);
                    trivial.deleteQuick();
                    if (python != null && r % 2 == 0) {
                        pyRun = runPython(python, work, schema.name(), keys);
                        trivial.deleteQuick();
                    }
                    StringBuilder more = new StringBuilder();
                    for (int p : processes) {
                        if (p > 1) {
                            double s = runJava(populator, keys, p);
                            trivial.deleteQuick();
                            more.append(String.format(" %d workers: %.0f jobs/s (%.2f s);", p, keys / s, s));
                        }
                    }
                    java.add(javaSeconds);
                    if (pyRun != null) {
                        py.add(pyRun[0]);
                    }
                    System.out.printf("| %d | %d | %s | %.0f jobs/s (%.2f s) |%s%n", r, keys,
                            pyRun == null ? "—" : String.format("%.0f jobs/s (%.2f s; process %.2f s)", keys / pyRun[0], pyRun[0], pyRun[1]),
                            keys / javaSeconds, javaSeconds, more.length() == 0 ? "" : more + " |");
                }
                double javaMedian = median(java);
                double javaBest = java.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
                System.out.printf("Dovetail: median %.0f jobs/s (%.3f ms per job), best %.0f jobs/s%n", keys / javaMedian,
                        1000 * javaMedian / keys, keys / javaBest);
                if (!py.isEmpty()) {
                    double pyMedian = median(py);
                    double pyBest = py.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
                    System.out.printf("DataJoint-Python: median %.0f jobs/s (%.3f ms per job), best %.0f jobs/s%n", keys / pyMedian,
                            1000 * pyMedian / keys, keys / pyBest);
                    System.out.printf("ratio of medians %.1fx, of bests %.1fx%n", pyMedian / javaMedian, pyBest / javaBest);
                }
            }
        }
    }

    private static double runJava(Populator populator, int keys, int processes) {
        long t0 = System.nanoTime();
        PopulateReport report = populator.populate(PopulateOptions.defaults().withReserveJobs(true).withProcesses(processes));
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (report.made() != keys) {
            throw new IllegalStateException("Dovetail made " + report.made() + " of " + keys + " keys");
        }
        return seconds;
    }

    private static double[] runPython(String python, Path work, String schema, int keys) throws Exception {
        Path out = work.resolve("python.out");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(python, "populate_trivial.py", schema).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        int code = p.waitFor();
        double wall = (System.nanoTime() - t0) / 1e9;
        String output = Files.readString(out, StandardCharsets.UTF_8);
        if (code != 0) {
            throw new IllegalStateException("populate_trivial.py failed (exit " + code + "):\n" + output);
        }
        String line = output.lines().filter(l -> l.startsWith("TIMINGS ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no TIMINGS line:\n" + output));
        JsonNode t = JSON.readTree(line.substring("TIMINGS ".length()));
        if (t.get("made").asInt() != keys) {
            throw new IllegalStateException("DataJoint-Python made " + t.get("made") + " of " + keys + " keys");
        }
        return new double[] {t.get("seconds").asDouble(), wall};
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
