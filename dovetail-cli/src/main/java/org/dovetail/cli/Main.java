package org.dovetail.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.dovetail.DovetailException;
import org.dovetail.embedded.EmbeddedServerException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** Entry point of the {@code dovetail} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, System.getenv(), out, err));
    }

    /** Runs one command line; returns the exit code. Data goes to {@code out}, messages to {@code err}. */
    public static int run(String[] args, Map<String, String> environment, PrintWriter out, PrintWriter err) {
        boolean debug = Arrays.asList(args).contains("--debug");
        configureLogging(debug);
        CommandLine cli = new CommandLine(new DovetailCommand(environment));
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (debug) {
                e.printStackTrace(err);
            }
            err.println("dovetail: error: " + oneLine(e));
            err.flush();
            return ExitCode.FAILURE.code();
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The message of a failure we expect (ours, the embedded server's), or the type and message of one we don't. */
    static String oneLine(Throwable e) {
        if (e instanceof DovetailException || e instanceof EmbeddedServerException) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage() + " (run with --debug for the stack trace)";
    }

    private static void configureLogging(boolean debug) {
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
            context.getLogger("org.dovetail").setLevel(debug ? Level.DEBUG : Level.WARN);
            context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(debug ? Level.INFO : Level.WARN);
        }
    }
}
