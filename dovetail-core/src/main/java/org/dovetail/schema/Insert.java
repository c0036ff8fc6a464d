package org.dovetail.schema;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
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
import org.dovetail.connection.Connection;
import org.dovetail.heading.Attribute;
import org.dovetail.heading.ForeignKey;
import org.dovetail.heading.Heading;
import org.dovetail.internal.codec.AttributeCodec;
import org.dovetail.internal.codec.AttributeCodecs;
import org.dovetail.internal.codec.BulkCodec;
import org.dovetail.internal.codec.StageFailure;
import org.dovetail.internal.codec.CodecContext;
import org.dovetail.internal.populate.MakeScope;
import org.dovetail.query.BoundSql;
import org.dovetail.query.Query;

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
    private final Connection connection;
    private final Set<InsertOption> options;

    Insert(Table table, Set<InsertOption> options) {
        this.table = table;
        this.heading = table.heading();
        this.connection = table.connection();
        this.options = options;
        if (options.contains(InsertOption.REPLACE) && options.contains(InsertOption.SKIP_DUPLICATES)) {
            throw new DovetailException(ErrorCode.USAGE, "Insert cannot both replace and skip duplicates: choose REPLACE or SKIP_DUPLICATES");
        }
        Tier tier = heading.tierValue().orElse(Tier.MANUAL);
        if ((tier == Tier.IMPORTED || tier == Tier.COMPUTED) && !options.contains(InsertOption.ALLOW_DIRECT_INSERT)
                && !MakeScope.allowsInsert(connection, table.fullName())) {
            throw new InvalidOperationException("Inserts into an auto-populated table can only be done inside its make method during a"
                    + " populate call. To override, use InsertOption.ALLOW_DIRECT_INSERT (DataJoint's allow_direct_insert=True).");
        }
    }

    /**
     * Inserts the rows; returns the number of rows sent (skipped duplicates included). Codecs are
     * chosen once, for the fields of the first row. Without external attributes the rows stream
     * through, converted as they are batched. With them, as fetch does it the other way round,
     * every external column is staged for all rows at once (objects uploaded in parallel, before
     * any transaction), and then one transaction tracks the objects and sends the rows.
     */
    long rows(Iterable<?> rows) {
        Iterator<?> it = rows.iterator();
        if (!it.hasNext()) {
            return 0;
        }
        RowReader reader = new RowReader(heading);
        Map<String, Object> first = reader.read(it.next());
        Batch batch = new Batch(fields(first));
        if (!batch.hasBulk()) {
            return streamed(batch, first, it, reader);
        }
        List<Map<String, Object>> all = new ArrayList<>();
        all.add(first);
        it.forEachRemaining(row -> all.add(reader.read(row)));
        return staged(batch, all);
    }

    /** Rows converted as they are batched; more than one statement runs in one transaction. */
    private long streamed(Batch batch, Map<String, Object> first, Iterator<?> it, RowReader reader) {
        batch.add(first, batch.values(first, true));
        while (it.hasNext() && !batch.full()) {
            Map<String, Object> row = reader.read(it.next());
            batch.add(row, batch.values(row, false));
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
            Map<String, Object> row = reader.read(it.next());
            batch.add(row, batch.values(row, false));
            if (batch.full()) {
                batch.send();
            }
        }
        batch.send();
        return batch.sent;
    }

    /**
     * Rows of a table with external attributes: each external column is staged for all rows
     * first (in Insert's own per-row arrays; the rows stay as they were given), then, in one
     * transaction, the columns' objects are tracked and the rows sent, so that tracking rows and
     * rows commit together or not at all.
     */
    private long staged(Batch batch, List<Map<String, Object>> rows) {
        List<Object[]> values = new ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            values.add(batch.values(rows.get(r), r == 0));
        }
        List<Runnable> tracking = new ArrayList<>();
        for (int i = 0; i < batch.codecs.length; i++) {
            if (batch.codecs[i] instanceof BulkCodec bulk) {
                List<BulkCodec.Staged> staged = stage(bulk, i, rows, values);
                tracking.add(() -> bulk.track(staged));
            }
        }
        LongSupplier send = () -> {
            tracking.forEach(Runnable::run);
            for (int r = 0; r < rows.size(); r++) {
                batch.add(rows.get(r), values.get(r));
                if (batch.full()) {
                    batch.send();
                }
            }
            batch.send();
            return batch.sent;
        };
        return connection.inTransaction() ? send.getAsLong() : connection.transaction(send::getAsLong);
    }

    /** Stages column {@code i} of every row and puts each row's parameter in its place. */
    private List<BulkCodec.Staged> stage(BulkCodec codec, int i, List<Map<String, Object>> rows, List<Object[]> values) {
        List<Object> column = new ArrayList<>(values.size());
        values.forEach(row -> column.add(row[i]));
        List<BulkCodec.Staged> staged;
        try {
            staged = codec.stage(column);
        } catch (StageFailure e) {
            throw new InvalidValueException(heading.fullTableName() + ", " + rowName(e.index() + 1, rows.get(e.index())) + ": "
                    + e.getMessage(), e.getCause());
        } catch (InvalidValueException e) {
            throw new InvalidValueException(heading.fullTableName() + ": " + e.getMessage(), e);
        }
        for (int r = 0; r < values.size(); r++) {
            BulkCodec.Staged one = staged.get(r);
            values.get(r)[i] = one == null ? null : one.parameter();
        }
        return staged;
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
        } catch (DovetailException e) {
            throw translated(e);
        }
    }

    /** An insert's server error with the table's name and the hint for its kind; other errors as they are. */
    private DovetailException translated(DovetailException e) {
        if (e instanceof DuplicateException d) {
            return new DuplicateException(heading.fullTableName() + ": " + d.getMessage() + "." + DUPLICATE_HINT, d.errorCode(), d.sql(), d);
        }
        if (e instanceof IntegrityException i) {
            return new IntegrityException(heading.fullTableName() + ": " + i.getMessage() + parents(), i.errorCode(), i.sql(), i);
        }
        if (e instanceof UnknownAttributeException u) {
            return new UnknownAttributeException(heading.fullTableName() + ": " + u.getMessage()
                    + ". To ignore extra fields in insert, use InsertOption.IGNORE_EXTRA_FIELDS.", u.errorCode(), u.sql(), u);
        }
        return e;
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

    /**
     * Rows waiting to be sent as one statement, with the codecs of their fields (chosen once). A
     * row's values are in field order; those of {@link BulkCodec} fields are parameters already.
     */
    private final class Batch {
        private final List<Attribute> fields;
        private final Set<String> fieldNames;
        final AttributeCodec[] codecs;
        private final int maxRows;
        private final StringBuilder values = new StringBuilder();
        private final List<Object> parameters = new ArrayList<>();
        private int rows;
        private long bytes;
        long sent;

        Batch(List<Attribute> fields) {
            this.fields = fields;
            this.fieldNames = new LinkedHashSet<>(fields.stream().map(Attribute::name).toList());
            CodecContext context = CodecContext.of(table.dovetail(), heading.database());
            this.codecs = fields.stream().map(a -> AttributeCodecs.forAttribute(a, context)).toArray(AttributeCodec[]::new);
            this.maxRows = Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, MAX_VALUES_PER_STATEMENT / Math.max(1, fields.size())));
        }

        boolean hasBulk() {
            return Arrays.stream(codecs).anyMatch(BulkCodec.class::isInstance);
        }

        /** The row's values in field order (a new array); rows after the first must have the same fields. */
        Object[] values(Map<String, Object> row, boolean first) {
            if (!first) {
                checkSameFields(row);
            }
            Object[] values = new Object[fields.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = row.get(fields.get(i).name());
            }
            return values;
        }

        /** Adds a row; {@code row} only names it in error messages. */
        void add(Map<String, Object> row, Object[] rowValues) {
            values.append(rows == 0 ? "(" : ",(");
            for (int i = 0; i < codecs.length; i++) {
                Object value = rowValues[i];
                Object parameter = value == null ? AttributeCodec.USE_DEFAULT
                        : codecs[i] instanceof BulkCodec ? value : convert(i, value, row);
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
            // inside a populate make the statement may go with the job's end (Connection.deferWrites)
            if (!connection.executeLater(sql, params, Insert.this::translated)) {
                send(sql, params);
            }
            sent += rows;
            rows = 0;
            bytes = 0;
            values.setLength(0);
            parameters.clear();
        }

        private void send(String sql, Object[] params) {
            translate(() -> connection.withJdbc(sql, jdbc -> {
                try (PreparedStatement ps = jdbc.prepareStatement(sql)) {
                    for (int i = 0; i < params.length; i++) {
                        ps.setObject(i + 1, params[i]);
                    }
                    return (long) ps.executeUpdate();
                }
            }));
        }
    }
}
