package org.dovetail.bench.populate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.dovetail.Dovetail;
import org.dovetail.bench.PythonSide;
import org.dovetail.config.Config;
import org.dovetail.hash.KeyHash;
import org.dovetail.populate.Job;
import org.dovetail.populate.JobTable;
import org.dovetail.populate.PopulateOptions;
import org.dovetail.populate.Populator;
import org.dovetail.populate.Progress;
import org.dovetail.populate.StopReason;
import org.dovetail.schema.Schema;
import org.dovetail.schema.Table;
import org.dovetail.schema.Tier;
import org.dovetail.testkit.TestDatabase;
import org.dovetail.testkit.TestServers;

/**
 * A manual check that DataJoint-Python and Dovetail read each other's {@code ~jobs} rows (not a
 * test: CI has no DataJoint-Python). Java writes reserved, error and interrupted rows (through
 * {@link JobTable} and through populate), DataJoint-Python's {@code schema.jobs.fetch()} reads
 * them; then Python writes rows as its workers do and Java reads them back. Every check prints
 * {@code ok} or {@code FAILED}; the exit code is the number of failures.
 *
 * <pre>
 * java -Ddovetail.bench.python=/path/to/venv/bin/python \
 *     -cp dovetail-bench/target/dovetail-bench.jar org.dovetail.bench.populate.JobsInterop
 * </pre>
 */
public final class JobsInterop {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path work;
    private final String python;
    private int failures;

    private JobsInterop(Path work, String python) {
        this.work = work;
        this.python = python;
    }

    public static void main(String[] args) throws Exception {
        String python = System.getProperty("dovetail.bench.python");
        if (python == null) {
            throw new IllegalArgumentException("set -Ddovetail.bench.python to an interpreter with DataJoint-Python 0.14");
        }
        try (TestServers servers = TestServers.start(); TestDatabase db = servers.newDatabase()) {
            JobsInterop check = new JobsInterop(Files.createTempDirectory("dovetail-jobs-interop"), python);
            check.run(db);
            System.out.println(check.failures == 0 ? "INTEROP OK" : "INTEROP FAILED: " + check.failures);
            System.exit(Math.min(check.failures, 100));
        }
    }

    private void run(TestDatabase db) throws Exception {
        PythonSide.writeConfig(work, PythonSide.localConfig(db));
        PythonSide.copyScript(JobsInterop.class, "jobs_interop.py", work);
        Config config = Config.builder().host(db.host()).port(db.port()).user(db.user()).password(db.password()).build();
        try (Dovetail dj = Dovetail.connect(config)) {
            Schema schema = dj.createSchema(db.schema("interop"));
            schema.declare(Tier.MANUAL, "Subject", "subject_id : int");
            Table scan = schema.declare(Tier.IMPORTED, "Scan", "-> Subject\n---\nn : int");
            schema.declare(Tier.MANUAL, "Param", "param_id : varchar(8)");
            Table pairing = schema.declare(Tier.COMPUTED, "Pairing", "-> Scan.proj(animal='subject_id')\n-> Param\n---\nx : int");
            List<Map<String, Object>> subjects = new ArrayList<>();
            for (int s = 1; s <= 9; s++) {
                subjects.add(Map.of("subject_id", s));
            }
            schema.table("Subject").insert(subjects);
            schema.table("Param").insert(List.of(Map.of("param_id", "a"), Map.of("param_id", "b")));
            JobTable jobs = JobTable.of(schema);
            writeJavaRows(jobs, scan);

            System.out.println("== DataJoint-Python reads the rows Java wrote");
            JsonNode rows = python(schema.name(), "read", "ROWS ");
            for (JsonNode row : rows) {
                System.out.println("  " + row);
                check(row.get("rehash_matches").asBoolean(), row.get("table_name").asText() + " " + row.get("key") + ": key_hash(key) = key_hash");
                check(row.get("user").asText().equals(jobs.user()), "user " + row.get("user").asText());
                check(row.get("host").asText().equals(JobTable.host()), "host " + row.get("host").asText());
                check(row.get("pid").asLong() == ProcessHandle.current().pid(), "pid");
                check(row.get("connection_id").asLong() == dj.connection().connectionId(), "connection_id");
                if (row.get("status").asText().equals("error")) {
                    check(row.get("error_stack_type").asText().equals("str"), "error_stack read as a str");
                }
            }
            check(rows.size() == 4, "4 rows seen by Python");
            JsonNode reserved = find(rows, "_scan", "reserved");
            check(reserved.get("key").get("subject_id").get("type").asText().equals("int")
                    && reserved.get("key").get("param_id").get("type").asText().equals("str"), "reserved key as Python int and str");
            JsonNode failed = find(rows, "_scan", "error");
            check(failed.get("error_message_code_points").asInt() == 2047
                    && failed.get("error_message_tail").asText().endsWith("...truncated"), "Java error message cut at 2047 code points");
            check(failed.get("error_stack_head").asText().startsWith("java.lang.IllegalStateException"), "Java stack read back");
            JsonNode typed = find(rows, "_types", "reserved");
            check(typed.get("key").get("d").get("type").asText().equals("date") && typed.get("key").get("u").get("type").asText().equals("UUID")
                    && typed.get("key").get("f").get("type").asText().equals("float")
                    && typed.get("key").get("dec").get("type").asText().equals("Decimal"), "date, uuid, float, decimal keys as Python types");
            JsonNode stopped = find(rows, "_scan", "error", "SystemExit");

            Populator.of(scan, (k, ctx) -> {
                Map<String, Object> row = new LinkedHashMap<>(k);
                row.put("n", 1);
                ctx.insert1(row);
            }).populate(PopulateOptions.defaults().withMaxCalls(5).withRestrictions("subject_id <> 4"));
            Populator pairs = Populator.of(pairing, (k, ctx) -> { });
            String javaProgress = JSON.writeValueAsString(Map.of("all", progress(Populator.of(scan, (k, ctx) -> { }).progress()),
                    "restricted", progress(Populator.of(scan, (k, ctx) -> { }).progress("subject_id < 4")), "pairing",
                    progress(pairs.progress())));
            JsonNode pythonProgress = python(schema.name(), "read", "PROGRESS ");
            System.out.println("  progress: Python " + pythonProgress + ", Dovetail " + javaProgress);
            check(JSON.readTree(javaProgress).equals(pythonProgress), "progress() (remaining, total) as Python computes it");

            System.out.println("== Dovetail reads the rows DataJoint-Python wrote");
            JsonNode wrote = python(schema.name(), "write", "WROTE ");
            long pythonConnection = Long.parseLong(wrote.asText().substring("connection_id=".length()));
            for (Job job : jobs.jobs()) {
                if (!job.tableName().equals("_py_scan") && !job.tableName().equals("__failing")) {
                    continue;
                }
                System.out.println("  " + job.tableName() + " " + job.status() + " " + job.key() + " " + abbreviate(job.errorMessage())
                        + " stack=" + abbreviate(job.errorStack()) + " user=" + job.user() + " host=" + job.host() + " pid=" + job.pid()
                        + " connection_id=" + job.connectionId());
                check(job.key() != null && KeyHash.keyHash(job.key()).equals(job.keyHash()), job.tableName() + " " + job.key() + ": key hash");
                check(job.connectionId() == pythonConnection, "Python's connection_id");
                if (job.status().sqlValue().equals("error")) {
                    check(job.errorStack() != null && job.errorStack().startsWith("Traceback (most recent call last)"), "Python traceback decoded");
                }
            }
            List<Job> py = jobs.jobs("_py_scan");
            check(py.size() == 3, "3 rows of _py_scan");
            check(py.stream().anyMatch(j -> j.errorMessage().codePointCount(0, j.errorMessage().length()) == 2047
                    && j.errorMessage().endsWith("...truncated")), "Python's cut message: 2047 code points");
            List<Job> failing = jobs.jobs("__failing");
            check(failing.size() == 2 && failing.stream().allMatch(j -> j.errorMessage().startsWith("RuntimeError: python make failed for ")),
                    "Python populate's error rows");
            check(jobs.blockedKeyHashes("__failing").size() == 2, "Python's rows block Java's populate");
            check(stopped != null, "interrupted Java job seen by Python");
        }
    }

    private void writeJavaRows(JobTable jobs, Table scan) {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("subject_id", 2L);
        key.put("param_id", "p1");
        jobs.reserve("_scan", key);
        Map<String, Object> typed = new LinkedHashMap<>();
        typed.put("d", LocalDate.of(2020, 1, 2));
        typed.put("f", 0.1);
        typed.put("u", UUID.fromString("00000000-0000-0000-0000-000000000001"));
        typed.put("dec", new BigDecimal("1.50"));
        jobs.reserve("_types", typed);
        Populator failing = Populator.of(scan, (k, ctx) -> {
            throw new IllegalStateException("\uD83D\uDE00".repeat(3000));
        });
        failing.populate(PopulateOptions.defaults().withRestrictions(Map.of("subject_id", 3)).withReserveJobs(true).withSuppressErrors(true));
        AtomicReference<Populator> self = new AtomicReference<>();
        self.set(Populator.of(scan, (k, ctx) -> self.get().requestStop(StopReason.TERMINATE, true)));
        self.get().populate(PopulateOptions.defaults().withRestrictions(Map.of("subject_id", 4)).withReserveJobs(true));
    }

    private JsonNode python(String schema, String mode, String prefix) throws Exception {
        Path out = work.resolve("python-" + mode + ".out");
        Process p = new ProcessBuilder(python, "jobs_interop.py", schema, mode).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        int code = p.waitFor();
        String output = Files.readString(out, StandardCharsets.UTF_8);
        if (code != 0) {
            throw new IllegalStateException("jobs_interop.py " + mode + " failed (exit " + code + "):\n" + output);
        }
        String line = output.lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + prefix + "line:\n" + output));
        String rest = line.substring(prefix.length());
        return prefix.equals("WROTE ") ? JSON.getNodeFactory().textNode(rest) : JSON.readTree(rest);
    }

    private static List<Long> progress(Progress p) {
        return List.of(p.remaining(), p.total());
    }

    private static JsonNode find(JsonNode rows, String table, String status, String... messageStart) {
        for (JsonNode row : rows) {
            if (row.get("table_name").asText().equals(table) && row.get("status").asText().equals(status)
                    && (messageStart.length == 0 ? !row.get("error_message_tail").asText().contains("SIGTERM")
                    : row.get("error_message_tail").asText().contains("SIGTERM"))) {
                return row;
            }
        }
        return null;
    }

    private void check(boolean ok, String what) {
        System.out.println((ok ? "  ok      " : "  FAILED  ") + what);
        if (!ok) {
            failures++;
        }
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "null";
        }
        String line = text.replace("\n", "\\n");
        return line.length() > 50 ? line.substring(0, 50) + "...(" + text.length() + " chars)" : line;
    }
}
