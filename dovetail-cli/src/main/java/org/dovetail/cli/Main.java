package org.dovetail.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
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
        System.exit(run(args, System.getenv(), System.in, System.out, System.err));
    }

    /** Runs one command line on the given streams; returns the exit code. */
    public static int run(String[] args, Map<String, String> environment, InputStream in, OutputStream out, OutputStream err) {
        PrintWriter textOut = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter textErr = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        return run(args, new DovetailCommand(environment, in, out), textOut, textErr);
    }

    /**
     * Runs one command line with text streams (binary output, if any, goes to {@code System.out});
     * returns the exit code. Data goes to {@code out}, messages to {@code err}.
     */
    public static int run(String[] args, Map<String, String> environment, PrintWriter out, PrintWriter err) {
        return run(args, new DovetailCommand(environment, System.in, System.out), out, err);
    }

    private static int run(String[] args, DovetailCommand root, PrintWriter out, PrintWriter err) {
        boolean debug = Arrays.asList(args).contains("--debug");
        configureLogging(debug);
        CommandLine cli = new CommandLine(root);
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (debug) {
                e.printStackTrace(err);
            }
            err.println("dovetail: error: " + oneLine(e));
            err.flush();
            return exitCode(e).code();
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The exit code of a failure ({@link ExitCode#of(Throwable)}). */
    static ExitCode exitCode(Throwable e) {
        return ExitCode.of(e);
    }

    /** The message of a failure we expect (ours, the embedded server's), or the type and message of one we don't. */
    static String oneLine(Throwable e) {
        if (e instanceof DovetailException failure) {
            return failure.getMessage() + " [" + failure.code() + "]";
        }
        if (e instanceof EmbeddedServerException) {
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
