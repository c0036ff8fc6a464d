package org.dovetail.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Runs one {@code dovetail} command line in-process, as the integration tests do. */
final class CommandRun {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CommandRun() {}

    /**
     * The environment with {@code XDG_DATA_HOME} inside {@code target/}, so that a command that
     * falls back to the embedded server never touches the real user's state directory.
     */
    static Map<String, String> sandboxed(Map<String, String> env) {
        if (env.containsKey("XDG_DATA_HOME")) {
            return env;
        }
        Map<String, String> copy = new java.util.HashMap<>(env);
        copy.put("XDG_DATA_HOME", java.nio.file.Path.of("target", "test-xdg-data").toAbsolutePath().toString());
        return copy;
    }

    /** Exit code, standard output and standard error of one run. */
    record Result(int code, String out, String err) {
        JsonNode json() throws Exception {
            return JSON.readTree(out);
        }
    }

    /** Runs with this environment and nothing on standard input. */
    static Result run(Map<String, String> env, String... args) {
        return runWithInput(env, "", args);
    }

    /** Runs with this environment and {@code stdin} as standard input. */
    static Result runWithInput(Map<String, String> env, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, sandboxed(env), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), out, err);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
