package org.dovetail.schema;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.dovetail.Dovetail;
import org.dovetail.DovetailException;
import org.dovetail.DuplicateException;
import org.dovetail.ErrorCode;
import org.dovetail.IntegrityException;
import org.dovetail.InvalidInputException;
import org.dovetail.InvalidOperationException;
import org.dovetail.InvalidQueryException;
import org.dovetail.InvalidValueException;
import org.dovetail.TableName;
import org.dovetail.UnknownAttributeException;
import org.dovetail.blob.BlobValueException;
import org.dovetail.connection.Connection;
import org.dovetail.heading.Attribute;
import org.dovetail.heading.ForeignKey;
import org.dovetail.heading.Heading;
import org.dovetail.internal.codec.AttributeCodec;
import org.dovetail.internal.codec.AttributeCodecs;
import org.dovetail.internal.codec.CodecContext;
import org.dovetail.internal.codec.ExternalCodecs;
import org.dovetail.query.BoundSql;
import org.dovetail.query.Query;
import org.dovetail.store.StagedObject;

/**
 * DataJoint's insert: rows checked against the heading, values converted by each attribute's
 * codec, sent as multi-row {@code INSERT} statements. Rows that need more than one statement are
 * sent in one transaction (the caller's, or one of its own), so an insert is all or nothing.
 */
final class Insert {
    /** Most rows in one statement. */
    static final int MAX_ROWS_PER_STATEMENT = 1000;
    /** Most values in one statement. */
    static final int MAX_VALUES_PER_STATEMENT = 30_000;
    /** Statement size (estimated) after which a statement is sent. */
    static final long MAX_BYTES_PER_STATEMENT = 4L << 20;
    private static final String DUPLICATE_HINT = " To ignore duplicate entries in insert, use InsertOption.SKIP_DUPLICATES"
            + " (DataJoint's skip_duplicates=True).";

    private final Table table;
    private final Heading heading;
    private final Dovetail dovetail;
    private final Connection connection;
    private final Set<InsertOption> options;

    Insert(Table table, Set<InsertOption> options) {
        this.table = table;
        this.heading = table.heading();
        this.dovetail = table.dovetail();
        this.connection = table.connection();
        this.options = options;
        if (options.contains(InsertOption.REPLACE) && options.contains(InsertOption.SKIP_DUPLICATES)) {
            throw new DovetailException(ErrorCode.USAGE, "Insert cannot both replace and skip duplicates: choose REPLACE or SKIP_DUPLICATES");
        }
        Tier tier = heading.tierValue().orElse(Tier.MANUAL);
        if ((tier == Tier.IMPORTED || tier == Tier.COMPUTED) && !options.contains(InsertOption.ALLOW_DIRECT_INSERT)) {
            throw new InvalidOperationException("Inserts into an auto-populated table can only be done inside its make method during a"
                    + " populate call. To override, use InsertOption.ALLOW_DIRECT_INSERT (DataJoint's allow_direct_insert=True).");
        }
    }

    /** Inserts the rows; returns the number of rows sent (skipped duplicates included). */
    long rows(Iterable<?> rows) {
        boolean tracksObjects = heading.attributes().stream().anyMatch(a -> a.isExternal() || a.isFilepath());
        if (tracksObjects) {
            // tracking tables are created (DDL) before the transaction, never inside it
            heading.attributes().stream().filter(a -> a.isExternal() || a.isFilepath()).map(Attribute::store).distinct()
                    .forEach(store -> dovetail.store(store).tracking(heading.database()));
        }
        Iterable<?> staged = withStagedObjects(rows);
        if (tracksObjects && !connection.inTransaction()) {
            // tracking rows and table rows commit together, or neither does
            return connection.transaction(() -> send(tracked(staged)));
        }
        return send(tracked(staged));
    }

    /**
     * Records the staged objects of the rows (one batch of statements per store) and puts their
     * hashes in the rows in place of the staged objects.
     */
    @SuppressWarnings("unchecked")
    private Iterable<?> tracked(Iterable<?> rows) {
        // Only rows read by withStagedObjects (our own mutable maps) hold staged objects; the
        // caller's rows, passed through when nothing is stageable, are never modified.
        if (heading.attributes().stream().noneMatch(ExternalCodecs::stageable)
                || !(rows instanceof List<?> list) || list.isEmpty() || !(list.get(0) instanceof Map)) {
            return rows;
        }
        List<Map<String, Object>> all = (List<Map<String, Object>>) list;
        Map<String, List<StagedObject>> perStore = new LinkedHashMap<>();
        Set<StagedObject> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Attribute attribute : heading.attributes()) {
            if (!ExternalCodecs.stageable(attribute)) {
                continue;
            }
            for (Map<String, Object> row : all) {
                if (row.get(attribute.name()) instanceof StagedObject object && seen.add(object)) {
                    perStore.computeIfAbsent(attribute.store(), k -> new ArrayList<>()).add(object);
                }
            }
        }
        perStore.forEach((store, objects) -> dovetail.store(store).trackAll(heading.database(), objects));
        for (Map<String, Object> row : all) {
            row.replaceAll((name, value) -> value instanceof StagedObject object ? object.hash() : value);
        }
        return all;
    }

    private long send(Iterable<?> rows) {
        Iterator<?> it = rows.iterator();
        if (!it.hasNext()) {
            return 0;
        }
        RowReader reader = new RowReader(heading);
        Map<String, Object> first = reader.read(it.next());
        List<Attribute> fields = fields(first);
        Batch batch = new Batch(fields);
        batch.add(first, true);
        while (it.hasNext() && !batch.full()) {
            batch.add(reader.read(it.next()), false);
        }
        if (!it.hasNext()) {
            batch.send();
            return batch.sent;
        }
        if (connection.inTransaction()) {
            return sendAll(batch, it, reader);
        }
        return connection.transaction(() -> sendAll(batch, it, reader));
    }

    private long sendAll(Batch batch, Iterator<?> it, RowReader reader) {
        batch.send();
        while (it.hasNext()) {
            batch.add(reader.read(it.next()), false);
            if (batch.full()) {
                batch.send();
            }
        }
        batch.send();
        return batch.sent;
    }

    /**
     * For tables with external blobs or attachments: uploads their values for all rows first, in
     * parallel and before any transaction opens, and puts the staged objects in the rows, so that
     * the insert itself only records them. Other tables' rows stream through untouched.
     */
    private Iterable<?> withStagedObjects(Iterable<?> rows) {
        List<Attribute> stageable = heading.attributes().stream().filter(ExternalCodecs::stageable).toList();
        if (stageable.isEmpty()) {
            return rows;
        }
        RowReader reader = new RowReader(heading);
        List<Map<String, Object>> all = new ArrayList<>();
        rows.forEach(row -> all.add(reader.read(row)));
        CodecContext context = CodecContext.of(dovetail, heading.database());
        for (Attribute attribute : stageable) {
            List<Object> values = new ArrayList<>();
            for (Map<String, Object> row : all) {
                Object value = row.get(attribute.name());
                if (value != null && !(value instanceof UUID) && !(value instanceof StagedObject)) {
                    values.add(value);
                }
            }
            if (values.isEmpty()) {
                continue;
            }
            Map<Object, StagedObject> staged;
            try {
                staged = ExternalCodecs.stageAll(attribute, context, values);
            } catch (BlobValueException e) {
                throw new InvalidValueException(heading.fullTableName() + ": attribute `" + attribute.name() + "` ("
                        + attribute.type() + "): " + e.getMessage(), e);
            }
            for (Map<String, Object> row : all) {
                StagedObject object = staged.get(row.get(attribute.name()));
                if (object != null) {
                    row.put(attribute.name(), object);
                }
            }
        }
        return all;
    }

    /** {@code INSERT INTO table (…) SELECT …}: rows copied by the server. */
    long fromQuery(Query source) {
        if (source.connection() != connection) {
            throw new InvalidQueryException("Cannot operate on QueryExpressions originating from different connections.");
        }
        List<String> fields = new ArrayList<>();
        for (String name : source.names()) {
            if (heading.find(name).isPresent()) {
                fields.add(name);
            } else if (!options.contains(InsertOption.IGNORE_EXTRA_FIELDS)) {
                throw new UnknownAttributeException("Attribute " + name + " not found. To ignore extra attributes in insert,"
                        + " use InsertOption.IGNORE_EXTRA_FIELDS.", 0, null, null);
            }
        }
        BoundSql select = Table.selectOf(source, fields);
        String sql = command() + " INTO " + heading.fullTableName() + " (" + quoted(fields) + ") " + select.sql() + duplicateClause(true);
        return translate(() -> connection.execute(sql, select.parameters().toArray()));
    }

    /** The attributes of the first row, in heading order; unknown fields are an error unless ignored. */
    private List<Attribute> fields(Map<String, Object> first) {
        if (!options.contains(InsertOption.IGNORE_EXTRA_FIELDS)) {
            for (String field : first.keySet()) {
                if (heading.find(field).isEmpty()) {
                    throw new UnknownAttributeException("`" + field + "` is not in the table heading of " + heading.fullTableName()
                            + ". To ignore extra fields in insert, use InsertOption.IGNORE_EXTRA_FIELDS.", 0, null, null);
                }
            }
        }
        return heading.attributes().stream().filter(a -> first.containsKey(a.name())).toList();
    }

    private String command() {
        return options.contains(InsertOption.REPLACE) ? "REPLACE" : "INSERT";
    }

    private String duplicateClause(boolean qualified) {
        if (!options.contains(InsertOption.SKIP_DUPLICATES)) {
            return "";
        }
        String pk = TableName.quote(heading.primaryKey().isEmpty() ? heading.names().get(0) : heading.primaryKey().get(0));
        return " ON DUPLICATE KEY UPDATE " + pk + "=" + (qualified ? heading.fullTableName() + "." : "") + pk;
    }

    private long translate(LongSupplier statement) {
        try {
            return statement.getAsLong();
        } catch (DuplicateException e) {
            throw new DuplicateException(heading.fullTableName() + ": " + e.getMessage() + "." + DUPLICATE_HINT, e.errorCode(), e.sql(), e);
        } catch (IntegrityException e) {
            throw new IntegrityException(heading.fullTableName() + ": " + e.getMessage() + parents(), e.errorCode(), e.sql(), e);
        } catch (UnknownAttributeException e) {
            throw new UnknownAttributeException(heading.fullTableName() + ": " + e.getMessage()
                    + ". To ignore extra fields in insert, use InsertOption.IGNORE_EXTRA_FIELDS.", e.errorCode(), e.sql(), e);
        }
    }

    private String parents() {
        List<String> parents = new ArrayList<>();
        for (ForeignKey fk : heading.parents()) {
            parents.add(fk.table() + " (" + String.join(", ", fk.attrMap().keySet()) + ")");
        }
        return parents.isEmpty() ? "" : ". Each row needs a matching row in its parents: " + String.join(", ", parents);
    }

    /** {@code row 3 (subject_id=7, session=a)}: the row's number in this insert (from 1) and its key. */
    private String rowName(long number, Map<String, Object> row) {
        List<String> key = new ArrayList<>();
        for (String name : heading.primaryKey()) {
            if (row.containsKey(name)) {
                String text = String.valueOf(row.get(name));
                key.add(name + "=" + (text.length() > 40 ? text.substring(0, 40) + "..." : text));
            }
        }
        return "row " + number + (key.isEmpty() ? "" : " (" + String.join(", ", key) + ")");
    }

    private static String quoted(List<String> names) {
        return String.join(",", names.stream().map(TableName::quote).toList());
    }

    /** Rows waiting to be sent as one statement. */
    private final class Batch {
        private final List<Attribute> fields;
        private final Set<String> fieldNames;
        private final AttributeCodec[] codecs;
        private final int maxRows;
        private final StringBuilder values = new StringBuilder();
        private final List<Object> parameters = new ArrayList<>();
        private int rows;
        private long bytes;
        long sent;

        Batch(List<Attribute> fields) {
            this.fields = fields;
            this.fieldNames = new LinkedHashSet<>(fields.stream().map(Attribute::name).toList());
            this.codecs = fields.stream().map(a -> AttributeCodecs.forAttribute(a, CodecContext.of(dovetail, heading.database())))
                    .toArray(AttributeCodec[]::new);
            this.maxRows = Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, MAX_VALUES_PER_STATEMENT / Math.max(1, fields.size())));
        }

        void add(Map<String, Object> row, boolean first) {
            if (!first) {
                checkSameFields(row);
            }
            values.append(rows == 0 ? "(" : ",(");
            for (int i = 0; i < codecs.length; i++) {
                Object value = row.get(fields.get(i).name());
                Object parameter = value == null ? AttributeCodec.USE_DEFAULT : convert(i, value, row);
                if (i > 0) {
                    values.append(',');
                }
                if (parameter == AttributeCodec.USE_DEFAULT) {
                    values.append("DEFAULT");
                } else {
                    values.append('?');
                    parameters.add(parameter);
                    bytes += parameter instanceof byte[] b ? b.length : parameter instanceof String s ? s.length() : 8;
                }
            }
            values.append(')');
            rows++;
        }

        private Object convert(int i, Object value, Map<String, Object> row) {
            try {
                return codecs[i].toDatabase(value);
            } catch (InvalidValueException e) {
                throw new InvalidValueException(heading.fullTableName() + ", " + rowName(sent + rows + 1, row) + ": " + e.getMessage(), e);
            }
        }

        private void checkSameFields(Map<String, Object> row) {
            int known = 0;
            for (String field : row.keySet()) {
                if (fieldNames.contains(field)) {
                    known++;
                } else if (heading.find(field).isPresent()) {
                    throw new InvalidInputException("Attempt to insert rows with different fields.");
                } else if (!options.contains(InsertOption.IGNORE_EXTRA_FIELDS)) {
                    throw new UnknownAttributeException("`" + field + "` is not in the table heading of " + heading.fullTableName()
                            + ". To ignore extra fields in insert, use InsertOption.IGNORE_EXTRA_FIELDS.", 0, null, null);
                }
            }
            if (known != fieldNames.size()) {
                throw new InvalidInputException("Attempt to insert rows with different fields.");
            }
        }

        boolean full() {
            return rows >= maxRows || bytes >= MAX_BYTES_PER_STATEMENT;
        }

        void send() {
            if (rows == 0) {
                return;
            }
            String sql = command() + " INTO " + heading.fullTableName() + "(" + quoted(new ArrayList<>(fieldNames)) + ") VALUES "
                    + values + duplicateClause(false);
            Object[] params = parameters.toArray();
            translate(() -> connection.withJdbc(sql, jdbc -> {
                try (PreparedStatement ps = jdbc.prepareStatement(sql)) {
                    for (int i = 0; i < params.length; i++) {
                        ps.setObject(i + 1, params[i]);
                    }
                    return (long) ps.executeUpdate();
                }
            }));
            sent += rows;
            rows = 0;
            bytes = 0;
            values.setLength(0);
            parameters.clear();
        }
    }
}
