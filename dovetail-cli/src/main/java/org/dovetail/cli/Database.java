package org.dovetail.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.dovetail.ConnectionException;
import org.dovetail.Dovetail;
import org.dovetail.config.Config;
import org.dovetail.config.Tls;
import org.dovetail.connection.Connection;
import org.dovetail.embedded.EmbeddedMariaDb;
import org.dovetail.embedded.EmbeddedSettings;
import org.dovetail.embedded.ServerInfo;

/**
 * Resolves where a command's database is: the configured server (config file, environment,
 * options), or, when nothing is configured, the embedded server, started on demand.
 */
final class Database {
    private final DovetailCommand options;
    private final Map<String, String> environment;
    private final PrintWriter err;

    Database(DovetailCommand options, Map<String, String> environment, PrintWriter err) {
        this.options = options;
        this.environment = environment;
        this.err = err;
    }

    /** The configuration from files and environment, with the command-line options applied. */
    Config config() {
        Config loaded = options.configFile != null
                ? Config.load(options.configFile, environment)
                : Config.load(environment);
        Config.Builder b = loaded.toBuilder();
        if (options.host != null) {
            b.host(options.host);
        }
        if (options.port != null) {
            b.port(options.port);
        }
        if (options.user != null) {
            b.user(options.user);
        }
        if (options.passwordStdin) {
            b.password(readPasswordFromStdin());
        }
        return b.build();
    }

    /** True when no database is configured anywhere, or {@code --embedded} was given. */
    boolean usesEmbedded(Config config) {
        return options.embedded
                || ("defaults".equals(config.source()) && !environment.containsKey("DJ_HOST") && options.host == null);
    }

    EmbeddedMariaDb embeddedServer() {
        EmbeddedSettings.Builder settings = EmbeddedSettings.builder(options.environment);
        if (options.dataDir != null) {
            settings.stateDir(options.dataDir);
        }
        return settings.create();
    }

    /** Opens the command's connection, starting the embedded server if that is the database. */
    Opened open() {
        return open(UnaryOperator.identity());
    }

    /** {@link #open()} with the configuration adjusted first (e.g. the demo's shared module). */
    Opened open(UnaryOperator<Config> adjust) {
        Config config = adjust.apply(config());
        if (!usesEmbedded(config)) {
            return new Opened(Dovetail.connect(withPassword(config)), null);
        }
        ServerInfo info = embeddedServer().start();
        if (info.startedNow()) {
            err.printf("dovetail: started the embedded MariaDB on %s:%d (data in %s); `dovetail server stop` stops it%n",
                    info.host(), info.port(), info.dataDir());
            err.flush();
        }
        Config embeddedConfig = config.toBuilder()
                .host(info.host()).port(info.port()).user(info.user()).password(info.password())
                .tls(Tls.DISABLED)
                .build();
        return new Opened(Dovetail.connect(embeddedConfig), info);
    }

    /** The configuration with a password: prompted for on a terminal when none is configured. */
    Config withPassword(Config config) {
        return config.password().isPresent() || System.console() == null ? config
                : config.toBuilder().password(prompt(config)).build();
    }

    /** An open connection, and the embedded server behind it if there is one. */
    record Opened(Dovetail dovetail, ServerInfo embedded) implements AutoCloseable {
        boolean isEmbedded() {
            return embedded != null;
        }

        /** The connection, for plain SQL. */
        Connection connection() {
            return dovetail.connection();
        }

        @Override
        public void close() {
            dovetail.close();
        }
    }

    private String prompt(Config config) {
        char[] password = System.console().readPassword("Password for %s@%s: ", config.user().orElse("?"), config.host());
        if (password == null) {
            throw new ConnectionException("No password given for " + config.user().orElse("?") + "@" + config.host());
        }
        return new String(password);
    }

    private String readPasswordFromStdin() {
        return StdinLines.next(options.stdin, "--password-stdin");
    }
}
