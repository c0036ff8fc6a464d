package org.dovetail;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.dovetail.config.Config;
import org.dovetail.connection.Connection;
import org.dovetail.schema.Schema;
import org.dovetail.schema.Table;
import org.dovetail.spi.AttributeAdapter;
import org.dovetail.store.ExternalStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The way into a DataJoint database: one connection with its configuration, the external stores
 * it has opened and the attribute adapters registered on it. Everything else is reached from
 * here — schemas, their tables, queries — and closes with it.
 *
 * <pre>{@code
 * try (Dovetail dj = Dovetail.connect(Config.load())) {
 *     Schema lab = dj.createSchema("lab");
 *     Table subject = lab.declare(Tier.MANUAL, "Subject", """
 *             subject_id : int unsigned
 *             ---
 *             species : varchar(32)
 *             """);
 *     dj.useTransaction(() -> subject.insert1(Map.of("subject_id", 7, "species", "mouse")));
 *     List<Map<String, Object>> rows = lab.table("Subject").fetch();
 * }
 * }</pre>
 *
 * <p>Not thread-safe, like a DataJoint connection: one {@code Dovetail} per thread or worker.
 * Stores and adapters are safe to share among the threads of its own parallel transfers.
 */
public final class Dovetail implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dovetail.class);

    private final Connection connection;
    private final Map<String, ExternalStore> stores = new ConcurrentHashMap<>();
    private final Map<String, AttributeAdapter> adapters = new ConcurrentHashMap<>();

    private Dovetail(Connection connection) {
        this.connection = connection;
    }

    /** Connects as the configuration says (host, port, user, password, TLS, init function). */
    public static Dovetail connect(Config config) {
        return new Dovetail(Connection.open(config));
    }

    /**
     * Connects through an embedder's DataSource (e.g. a pool). TLS and credentials are the
     * DataSource's business; the configuration still supplies stores, reconnect and the init function.
     */
    public static Dovetail connect(DataSource dataSource, Config config) {
        return new Dovetail(Connection.open(dataSource, config));
    }

    /** The configuration this was connected with. */
    public Config config() {
        return connection.config();
    }

    /** The connection, for plain SQL next to the DataJoint operations (same session, same transaction). */
    public Connection connection() {
        return connection;
    }

    /**
     * The existing schema {@code name}.
     *
     * @throws MissingSchemaException if it does not exist
     * @throws InvalidInputException if the name cannot be a schema name
     */
    public Schema schema(String name) {
        return Schema.open(this, name);
    }

    /** The schema {@code name}, created first (and {@code created} logged to its {@code ~log}) if it does not exist. */
    public Schema createSchema(String name) {
        return Schema.create(this, name);
    }

    /** True if a schema (database) of that name exists. */
    public boolean schemaExists(String name) {
        return Schema.exists(this, name);
    }

    /**
     * Any table by its SQL name {@code `database`.`table`} (DataJoint's {@code FreeTable}); it
     * need not follow DataJoint's naming. Tables of a schema are opened with {@link Schema#table}.
     */
    public Table table(String fullName) {
        TableName name = TableName.parse(fullName);
        return schema(name.schema()).freeTable(name.table());
    }

    /** Runs {@code work} in one transaction and returns its result; rolls back and rethrows if it throws. */
    public <T> T inTransaction(Supplier<T> work) {
        return connection.transaction(work::get);
    }

    /** Runs {@code work} in one transaction; rolls back and rethrows if it throws. */
    public void useTransaction(Runnable work) {
        connection.transaction(() -> {
            work.run();
            return null;
        });
    }

    /**
     * Registers an adapter: definitions of this connection's schemas may use {@code <name>}, and
     * inserts and fetches convert values of that type through it. A later registration of the
     * same name replaces the earlier one.
     */
    public Dovetail register(AttributeAdapter adapter) {
        adapters.put(adapter.name(), adapter);
        return this;
    }

    /** The adapter registered under {@code name}, if any. */
    public Optional<AttributeAdapter> adapter(String name) {
        return Optional.ofNullable(adapters.get(name));
    }

    /**
     * The external store named in the configuration ({@code stores.<name>}), opened on first use
     * and closed with this object; it holds its own pool of transfer threads.
     *
     * @throws org.dovetail.config.ConfigException if the configuration has no such store
     */
    public ExternalStore store(String name) {
        ExternalStore store = stores.get(name);
        if (store == null) {
            store = stores.computeIfAbsent(name, n -> ExternalStore.open(connection, n));
        }
        return store;
    }

    /** Closes the stores this opened, then the connection. */
    @Override
    public void close() {
        for (ExternalStore store : stores.values()) {
            try {
                store.close();
            } catch (RuntimeException e) {
                LOG.debug("closing store {} failed: {}", store.spec().name(), e.getMessage());
            }
        }
        stores.clear();
        connection.close();
    }
}
