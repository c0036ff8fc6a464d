package org.dovetail.ops.backup;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dovetail.ErrorCode;
import org.dovetail.config.Config;
import org.dovetail.spi.ObjectStore;

/**
 * The seed's plain-SQL files beside a set's own ({@code backup create --with-sql}): one
 * {@code mysql.<db>.sql} per schema ({@code mysqldump <db>}, no {@code CREATE DATABASE}, so it
 * loads under any name) and {@code mysql-all.sql} with every schema of the set
 * ({@code --databases}, one transaction), written by {@code mariadb-dump} or {@code mysqldump}
 * with {@code --single-transaction --routines --events --triggers --no-tablespaces
 * --max-allowed-packet=512M}. Each file is consistent in itself; the files are not the set's
 * snapshot (each dump opens its own). They are listed in the manifest with their SHA-256, so
 * {@code verify} and {@code copy} cover them.
 *
 * <p>The credentials go in a {@code --defaults-extra-file} made with mode 600 and deleted
 * afterwards, never on the command line (where {@code ps} shows them to every user).
 *
 * <pre>{@code
 * SqlDump sql = SqlDump.find(config, List.of()).orElseThrow();   // custom backup.mysqldump, else PATH
 * new Backups(dj).withSqlDump(sql).create(plan, target);
 * }</pre>
 */
public final class SqlDump {
    /** The {@code custom} key naming the dump tool's path. */
    public static final String TOOL_KEY = "backup.mysqldump";
    /** The tools looked for on {@code PATH}, in this order. */
    public static final List<String> TOOLS = List.of("mariadb-dump", "mysqldump");
    /** The file of all the set's schemas. */
    public static final String ALL = "mysql-all.sql";

    private final Path tool;

    private SqlDump(Path tool) {
        this.tool = tool;
    }

    /** The dump tool at {@code tool}. */
    public static SqlDump of(Path tool) {
        return new SqlDump(tool);
    }

    /**
     * The tool the configuration names ({@code custom["backup.mysqldump"]}), else the first of
     * {@link #TOOLS} on {@code PATH}, else the first of {@code fallbacks} that exists (e.g. the
     * embedded server's {@code bin/mariadb-dump}).
     */
    public static Optional<SqlDump> find(Config config, List<Path> fallbacks) {
        JsonNode custom = config.custom();
        if (custom != null && custom.hasNonNull(TOOL_KEY)) {
            return Optional.of(new SqlDump(Path.of(custom.get(TOOL_KEY).asText())));
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String name : TOOLS) {
                for (String dir : path.split(File.pathSeparator)) {
                    Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
                    if (Files.isExecutable(candidate)) {
                        return Optional.of(new SqlDump(candidate));
                    }
                }
            }
        }
        return fallbacks.stream().filter(Files::isExecutable).findFirst().map(SqlDump::new);
    }

    /** The tool's path. */
    public Path tool() {
        return tool;
    }

    /** The path of a schema's file in a set. */
    static String file(String set, String schema) {
        return set + "/mysql." + SetLayout.segment(schema) + ".sql";
    }

    /** The command line of one dump: the tool, the defaults file, the options, the schemas. No credentials. */
    List<String> command(Path defaults, List<String> schemas, boolean all) {
        List<String> command = new ArrayList<>(List.of(tool.toString(), "--defaults-extra-file=" + defaults,
                "--single-transaction", "--routines", "--events", "--triggers", "--no-tablespaces", "--max-allowed-packet=512M"));
        if (all) {
            command.add("--databases");
        }
        command.add("--");
        command.addAll(schemas);
        return command;
    }

    /** Writes the files of a set's schemas into the target; returns their entries for the manifest. */
    List<Manifest.FileEntry> write(Config config, ObjectStore store, String set, List<String> schemas) {
        Path defaults = null;
        try {
            defaults = defaultsFile(config);
            List<Manifest.FileEntry> files = new ArrayList<>();
            for (String schema : schemas) {
                files.add(dump(store, file(set, schema), command(defaults, List.of(schema), false)));
            }
            files.add(dump(store, set + "/" + ALL, command(defaults, schemas, true)));
            return files;
        } catch (IOException e) {
            throw new BackupException(ErrorCode.IO, "Cannot write the defaults file for " + tool + ": " + e.getMessage(), e);
        } finally {
            if (defaults != null) {
                try {
                    Files.deleteIfExists(defaults);
                } catch (IOException ignored) {
                    // a mode-600 file in the temporary directory; nothing else to do
                }
            }
        }
    }

    private Manifest.FileEntry dump(ObjectStore store, String path, List<String> command) {
        long[] bytes = {0};
        String[] sha = new String[1];
        store.write(path, Map.of(), out -> {
            Path errors = Files.createTempFile("dovetail-sqldump-", ".err");
            try {
                Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
                process.getOutputStream().close();
                MessageDigest digest = Hashing.sha256();
                byte[] buffer = new byte[1 << 16];
                try (InputStream in = process.getInputStream()) {
                    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                        out.write(buffer, 0, n);
                        digest.update(buffer, 0, n);
                        bytes[0] += n;
                    }
                }
                int exit = process.waitFor();
                if (exit != 0) {
                    String said = Files.readString(errors, StandardCharsets.UTF_8).strip();
                    throw new BackupException(ErrorCode.IO, tool.getFileName() + " exited with " + exit + " writing " + path + ": "
                            + (said.length() > 2000 ? said.substring(0, 2000) + "..." : said));
                }
                sha[0] = Hashing.hex(digest.digest());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            } finally {
                Files.deleteIfExists(errors);
            }
        });
        return new Manifest.FileEntry(path, bytes[0], sha[0]);
    }

    /** {@code [client]} with the account, host and port, in a file only its owner may read. */
    static Path defaultsFile(Config config) throws IOException {
        Path file = Files.createTempFile("dovetail-defaults-", ".cnf", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        StringBuilder text = new StringBuilder("[client]\n");
        config.user().ifPresent(u -> text.append("user=").append(quoted(u)).append('\n'));
        config.password().ifPresent(p -> text.append("password=").append(quoted(p)).append('\n'));
        text.append("host=").append(quoted(config.host())).append('\n');
        text.append("port=").append(config.port()).append('\n');
        text.append("protocol=TCP\n");
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return file;
    }

    /** A value in double quotes with {@code \} and {@code "} escaped, as option files read it. */
    private static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
