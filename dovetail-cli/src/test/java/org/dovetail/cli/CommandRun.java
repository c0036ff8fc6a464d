package org.dovetail.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.dovetail.testkit.TestDatabase;

/** Runs one {@code dovetail} command line in-process, as the integration tests do. */
final class CommandRun {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CommandRun() {}

    /** DJ_HOST, DJ_USER and DJ_PASS of the test database's account (a map the caller may change). */
    static Map<String, String> env(TestDatabase db) {
        return env(db, db.user(), db.password());
    }

    /** DJ_HOST of the test database with this account; no DJ_PASS when {@code password} is null. */
    static Map<String, String> env(TestDatabase db, String user, String password) {
        Map<String, String> env = new HashMap<>();
        env.put("DJ_HOST", db.host() + ":" + db.port());
        env.put("DJ_USER", user);
        if (password != null) {
            env.put("DJ_PASS", password);
        }
        return env;
    }

    /**
     * The environment with {@code XDG_DATA_HOME} inside {@code target/}, so that a command that
     * falls back to the embedded server never touches the real user's state directory.
     */
    static Map<String, String> sandboxed(Map<String, String> env) {
        if (env.containsKey("XDG_DATA_HOME")) {
            return env;
        }
        Map<String, String> copy = new HashMap<>(env);
        copy.put("XDG_DATA_HOME", Path.of("target", "test-xdg-data").toAbsolutePath().toString());
        return copy;
    }

    /** Exit code, standard output and standard error of one run. */
    record Result(int code, String out, String err) {
        JsonNode json() throws Exception {
            return JSON.readTree(out);
        }
    }

    /** Exit code, standard output as bytes and standard error of one run, for commands that write binary data. */
    record BinaryResult(int code, byte[] out, String err) {
        String text() {
            return new String(out, StandardCharsets.UTF_8);
        }
    }

    /** Runs with this environment and nothing on standard input. */
    static Result run(Map<String, String> env, String... args) {
        return runWithInput(env, "", args);
    }

    /** Runs with this environment and {@code stdin} as standard input. */
    static Result runWithInput(Map<String, String> env, String stdin, String... args) {
        BinaryResult run = runWithBytes(env, stdin.getBytes(StandardCharsets.UTF_8), args);
        return new Result(run.code(), run.text(), run.err());
    }

    /** Runs with this environment and {@code stdin} as standard input; standard output is kept as bytes. */
    static BinaryResult runWithBytes(Map<String, String> env, byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, sandboxed(env), new ByteArrayInputStream(stdin), out, err);
        return new BinaryResult(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }
}
