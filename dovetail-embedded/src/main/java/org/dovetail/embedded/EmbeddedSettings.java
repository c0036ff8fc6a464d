package org.dovetail.embedded;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the embedded server keeps its state and binaries, and how it runs.
 *
 * @param stateDir       data directory ({@code data/}), password, pid record, error log
 * @param cacheDir       where the binaries are unpacked (shared by every state directory)
 * @param preferredPort  port to use when free; another free port otherwise (0 = any)
 * @param redoLogSize    InnoDB redo log size, e.g. {@code 256M}
 * @param bufferPoolSize InnoDB buffer pool size, e.g. {@code 256M}
 * @param durable        false trades crash durability for speed (tests): redo log flushed once a second
 * @param detached       true: the server outlives this JVM (the {@code dovetail server} commands);
 *                       false: it is stopped when this JVM exits (tests, embedding)
 */
public record EmbeddedSettings(Path stateDir, Path cacheDir, int preferredPort, String redoLogSize, String bufferPoolSize,
                               boolean durable, boolean detached) {

    /** The port DataJoint clients try by default; used when it is free. */
    public static final int DEFAULT_PORT = 3306;

    /** A builder with the default directories of this process's environment. */
    public static Builder builder() {
        return builder(System.getenv());
    }

    /** A builder with the default directories of the given environment ({@code HOME}, {@code XDG_*}). */
    public static Builder builder(Map<String, String> environment) {
        return new Builder(environment);
    }

    /** {@code ${XDG_DATA_HOME:-~/.local/share}/dovetail}. */
    public static Path defaultStateDir(Map<String, String> environment) {
        return xdg(environment, "XDG_DATA_HOME", ".local/share").resolve("dovetail");
    }

    /** {@code ${XDG_CACHE_HOME:-~/.cache}/dovetail}. */
    public static Path defaultCacheDir(Map<String, String> environment) {
        return xdg(environment, "XDG_CACHE_HOME", ".cache").resolve("dovetail");
    }

    private static Path xdg(Map<String, String> env, String variable, String fallback) {
        String value = env.get(variable);
        if (value != null && !value.isBlank() && Path.of(value).isAbsolute()) {
            return Path.of(value);
        }
        String home = env.get("HOME");
        return (home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"))).resolve(fallback);
    }

    public Builder toBuilder() {
        return new Builder(Map.of()).stateDir(stateDir).cacheDir(cacheDir).preferredPort(preferredPort)
                .redoLogSize(redoLogSize).bufferPoolSize(bufferPoolSize).durable(durable).detached(detached);
    }

    /** Builder with the defaults: XDG directories, port 3306 if free, 256M redo log, 256M buffer pool, durable, detached. */
    public static final class Builder {
        private Path stateDir;
        private Path cacheDir;
        private int preferredPort = DEFAULT_PORT;
        private String redoLogSize = "256M";
        private String bufferPoolSize = "256M";
        private boolean durable = true;
        private boolean detached = true;

        private Builder(Map<String, String> environment) {
            stateDir = defaultStateDir(environment);
            cacheDir = defaultCacheDir(environment);
        }

        public Builder stateDir(Path value) {
            this.stateDir = value.toAbsolutePath().normalize();
            return this;
        }

        public Builder cacheDir(Path value) {
            this.cacheDir = value.toAbsolutePath().normalize();
            return this;
        }

        public Builder preferredPort(int value) {
            if (value < 0 || value > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + value);
            }
            this.preferredPort = value;
            return this;
        }

        public Builder redoLogSize(String value) {
            if (!value.matches("\\d+[KMG]?")) {
                throw new IllegalArgumentException("redo log size must look like 256M, got " + value);
            }
            this.redoLogSize = value;
            return this;
        }

        public Builder bufferPoolSize(String value) {
            if (!value.matches("\\d+[KMG]?")) {
                throw new IllegalArgumentException("buffer pool size must look like 256M, got " + value);
            }
            this.bufferPoolSize = value;
            return this;
        }

        public Builder durable(boolean value) {
            this.durable = value;
            return this;
        }

        public Builder detached(boolean value) {
            this.detached = value;
            return this;
        }

        public EmbeddedSettings build() {
            return new EmbeddedSettings(stateDir, cacheDir, preferredPort, redoLogSize, bufferPoolSize, durable, detached);
        }

        /** Shorthand for {@code EmbeddedMariaDb.of(build())}. */
        public EmbeddedMariaDb create() {
            return EmbeddedMariaDb.of(build());
        }
    }
}
