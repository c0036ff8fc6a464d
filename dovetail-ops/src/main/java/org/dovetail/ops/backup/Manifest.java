package org.dovetail.ops.backup;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.dovetail.InvalidInputException;

/**
 * The manifest of a backup set ({@code manifest.json}), written last: a set is complete only
 * when its manifest is there, parses, and says {@code complete}. It lists every file of the set
 * with its size and SHA-256, every table with its row count and order-independent row hash, every
 * external object with its content key, size and SHA-256, and how the snapshot was taken.
 *
 * @param format          {@value #FORMAT}
 * @param set             the set's name ({@code <label>-YYYYMMDD[-HHMMSS]})
 * @param label           the label
 * @param status          {@code complete}, {@code invalid} (DDL ran during the backup), {@code incomplete} (objects missing)
 * @param notes           what the run noticed (fallbacks, DDL seen, objects missing)
 * @param startedAt       ISO-8601 instant the run started
 * @param snapshotAt      when the snapshot was taken
 * @param completedAt     when the manifest was written
 * @param dovetailVersion the version that wrote the set
 * @param server          the server's flavour, version and binlog position
 * @param snapshot        how the snapshot was taken
 * @param compression     {@code none}, {@code zstd:1} or {@code gzip:1}
 * @param schemas         the schemas, tables and their units
 * @param accounts        the accounts file, or null when accounts were not readable
 * @param objects         the external objects the backed-up tracking tables list
 * @param files           every file of the set but the manifest and {@code SHA256SUMS}
 * @param durations       how long each phase took
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(String format, String set, String label, String status, List<String> notes, String startedAt,
                       String snapshotAt, String completedAt, String dovetailVersion, Server server, Snapshot snapshot,
                       String compression, List<SchemaEntry> schemas, Accounts accounts, List<ObjectEntry> objects,
                       List<FileEntry> files, Durations durations) {
    /** The format name of this manifest version. */
    public static final String FORMAT = "dovetail-backup/1";
    /** Status of a usable set. */
    public static final String COMPLETE = "complete";
    /** Status of a set taken while DDL changed a table it holds. */
    public static final String INVALID = "invalid";
    /** Status of a set whose objects were not all found. */
    public static final String INCOMPLETE = "incomplete";

    static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public Manifest {
        notes = notes == null ? List.of() : List.copyOf(notes);
        schemas = schemas == null ? List.of() : List.copyOf(schemas);
        objects = objects == null ? List.of() : List.copyOf(objects);
        files = files == null ? List.of() : List.copyOf(files);
    }

    /**
     * The server.
     *
     * @param flavor  {@code mariadb} or {@code mysql}
     * @param version e.g. {@code 10.11.5-MariaDB}
     * @param binlog  the binlog position of the snapshot, or null when binary logging is off or not readable
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Server(String flavor, String version, Binlog binlog) { }

    /** A binlog position: file, position and (when the server has one) the GTID set. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Binlog(String file, Long position, String gtid) { }

    /**
     * How the snapshot was taken.
     *
     * @param method        {@code backup_stage} (MariaDB), {@code ftwrl} (MySQL) or {@code single_transaction}
     * @param threads       worker connections that read the snapshot
     * @param commitBlockMs how long commits were blocked while the workers opened their snapshots (0 for one transaction)
     * @param attempts      how many tries the lock took
     */
    public record Snapshot(String method, int threads, long commitBlockMs, int attempts) { }

    /**
     * A schema.
     *
     * @param name   the schema's name at backup
     * @param ddl    the path of its DDL file
     * @param tables its base tables, in the order their DDL is
     */
    public record SchemaEntry(String name, String ddl, List<TableEntry> tables) {
        public SchemaEntry {
            tables = List.copyOf(tables);
        }

        /** The table of that name. */
        public Optional<TableEntry> table(String table) {
            return tables.stream().filter(t -> t.name().equals(table)).findFirst();
        }
    }

    /**
     * A base table.
     *
     * @param name    its SQL name
     * @param columns the columns the row files hold, in order
     * @param rows    rows in the snapshot
     * @param rowHash the order-independent hash of its rows (hex; see the row format)
     * @param units   its row files
     */
    public record TableEntry(String name, List<Column> columns, long rows, String rowHash, List<Unit> units) {
        public TableEntry {
            columns = List.copyOf(columns);
            units = List.copyOf(units);
        }
    }

    /**
     * A column of a row file.
     *
     * @param name   its name
     * @param binary true when its values are bytes (binary, varbinary, blob, bit); false for the server's text form
     */
    public record Column(String name, boolean binary) { }

    /**
     * One work unit's row file.
     *
     * @param file  its path in the target
     * @param where the primary-key range it holds, or null for the whole table
     * @param rows  its rows
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Unit(String file, String where, long rows) { }

    /**
     * The accounts file.
     *
     * @param file     its path
     * @param accounts the accounts it creates ({@code 'user'@'host'})
     */
    public record Accounts(String file, List<String> accounts) {
        public Accounts {
            accounts = List.copyOf(accounts);
        }
    }

    /**
     * An external object a backed-up tracking table lists.
     *
     * @param store          the store's name
     * @param schema         the schema whose {@code ~external_<store>} lists it
     * @param hash           the tracking row's hash (the value referencing columns hold)
     * @param size           its size in bytes
     * @param attachmentName an attachment's file name, or null
     * @param filepath       a filepath object's path (or a migrated blob's), or null
     * @param contentsHash   a filepath object's contents hash, or null
     * @param key            its content key in the object area (hex)
     * @param sha256         the SHA-256 of its bytes, or null when it was missing
     * @param missing        true when the store did not have it at backup time
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ObjectEntry(String store, String schema, String hash, long size, String attachmentName, String filepath,
                              String contentsHash, String key, String sha256, Boolean missing) {
        /** True when the object was missing from its store at backup. */
        public boolean isMissing() {
            return Boolean.TRUE.equals(missing);
        }
    }

    /**
     * A file of the set.
     *
     * @param path   its path in the target
     * @param bytes  its size
     * @param sha256 the SHA-256 of its bytes as stored
     */
    public record FileEntry(String path, long bytes, String sha256) { }

    /** Milliseconds each phase took. */
    public record Durations(long snapshotMs, long dumpMs, long objectsMs, long totalMs) { }

    /** True when the set can be restored as it is. */
    public boolean isComplete() {
        return COMPLETE.equals(status);
    }

    /** The schema of that name. */
    public Optional<SchemaEntry> schema(String name) {
        return schemas.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Rows of every table. */
    public long rows() {
        return schemas.stream().flatMap(s -> s.tables().stream()).mapToLong(TableEntry::rows).sum();
    }

    /** Bytes of every file. */
    public long bytes() {
        return files.stream().mapToLong(FileEntry::bytes).sum();
    }

    /** The file entry of a path. */
    public Optional<FileEntry> file(String path) {
        return files.stream().filter(f -> f.path().equals(path)).findFirst();
    }

    /** The manifest as JSON bytes (UTF-8, indented). */
    public byte[] toBytes() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The manifest as a JSON tree. */
    public JsonNode toJson() {
        return JSON.valueToTree(this);
    }

    /**
     * Reads a manifest.
     *
     * @param where names the manifest in the message, e.g. its address
     * @throws InvalidInputException when the bytes are not a manifest (truncated, not JSON, another format)
     */
    public static Manifest parse(byte[] bytes, String where) {
        Manifest m;
        try {
            m = JSON.readValue(bytes, Manifest.class);
        } catch (IOException e) {
            throw new InvalidInputException("The manifest " + where + " is not valid JSON (" + bytes.length + " bytes; truncated or damaged)");
        }
        if (m == null || !FORMAT.equals(m.format())) {
            throw new InvalidInputException("The manifest " + where + " is not a " + FORMAT + " manifest");
        }
        return m;
    }
}
