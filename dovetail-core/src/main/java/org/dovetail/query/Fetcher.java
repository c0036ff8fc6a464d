package org.dovetail.query;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;
import org.dovetail.connection.Connection;
import org.dovetail.internal.codec.AttributeCodec;
import org.dovetail.internal.codec.AttributeCodecs;
import org.dovetail.internal.codec.BulkCodec;
import org.dovetail.internal.codec.CodecContext;

/** Runs a query's SELECT and decodes each row through the codecs of its heading. */
final class Fetcher {
    /** Rows per round trip when streaming. */
    static final int STREAM_FETCH_SIZE = 4096;

    private final Connection connection;
    private final List<String> names;
    private final AttributeCodec[] codecs;
    private final Fragment sql;

    Fetcher(State s) {
        this.connection = s.connection;
        this.names = s.names();
        this.codecs = new AttributeCodec[names.size()];
        for (int i = 0; i < codecs.length; i++) {
            Column c = s.heading.get(i);
            codecs[i] = c.attribute() == null ? AttributeCodecs.forExpression()
                    : AttributeCodecs.forAttribute(c.attribute(), CodecContext.of(s.dovetail, c.database()).withDownloadPath(s.downloadPath).withRawBlobs(s.rawBlobs));
        }
        this.sql = Renderer.select(s);
    }

    List<Map<String, Object>> list() {
        List<Map<String, Object>> rows = connection.withJdbc(sql.sql(), jdbc -> {
            try (PreparedStatement ps = prepare(jdbc, sql); ResultSet rs = ps.executeQuery()) {
                List<Map<String, Object>> read = new ArrayList<>();
                while (rs.next()) {
                    read.add(row(rs));
                }
                return read;
            }
        });
        complete(rows);
        return rows;
    }

    /**
     * Second step for columns of {@link BulkCodec}s (external objects): all rows' values of such a
     * column are completed at once, after the result set is closed, so objects transfer in parallel.
     */
    private void complete(List<Map<String, Object>> rows) {
        for (int i = 0; i < codecs.length; i++) {
            if (codecs[i] instanceof BulkCodec bulk && !rows.isEmpty()) {
                String name = names.get(i);
                List<Object> fetched = new ArrayList<>(rows.size());
                rows.forEach(r -> fetched.add(r.get(name)));
                List<Object> done = bulk.complete(fetched);
                for (int r = 0; r < rows.size(); r++) {
                    rows.get(r).put(name, done.get(r));
                }
            }
        }
    }

    /** The rows one at a time, read from the server in chunks; close the stream to release the result. */
    Stream<Map<String, Object>> stream() {
        Cursor cursor = connection.withJdbc(sql.sql(), jdbc -> {
            PreparedStatement ps = prepare(jdbc, sql);
            try {
                ps.setFetchSize(STREAM_FETCH_SIZE);
                return new Cursor(ps, ps.executeQuery());
            } catch (SQLException e) {
                ps.close();
                throw e;
            }
        });
        return StreamSupport.stream(cursor, false).onClose(cursor::close);
    }

    private Map<String, Object> row(ResultSet rs) throws SQLException {
        Map<String, Object> row = new LinkedHashMap<>(names.size() * 2);
        for (int i = 0; i < codecs.length; i++) {
            row.put(names.get(i), codecs[i].fromDatabase(rs, i + 1));
        }
        return row;
    }

    static PreparedStatement prepare(java.sql.Connection jdbc, Fragment sql) throws SQLException {
        PreparedStatement ps = jdbc.prepareStatement(sql.sql());
        try {
            for (int i = 0; i < sql.params().size(); i++) {
                ps.setObject(i + 1, sql.params().get(i));
            }
            return ps;
        } catch (SQLException e) {
            ps.close();
            throw e;
        }
    }

    /** An open result read row by row. */
    private final class Cursor extends Spliterators.AbstractSpliterator<Map<String, Object>> {
        private final PreparedStatement statement;
        private final ResultSet result;
        private boolean closed;

        Cursor(PreparedStatement statement, ResultSet result) {
            super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
            this.statement = statement;
            this.result = result;
        }

        @Override
        public boolean tryAdvance(Consumer<? super Map<String, Object>> action) {
            if (closed) {
                return false;
            }
            try {
                if (!result.next()) {
                    close();
                    return false;
                }
                Map<String, Object> row = row(result);
                List<Map<String, Object>> one = new ArrayList<>(1);
                one.add(row);
                complete(one);
                action.accept(row);
                return true;
            } catch (SQLException e) {
                close();
                throw new DovetailException(ErrorCode.QUERY, "Streaming " + sql.sql() + " failed: " + e.getMessage(), e);
            }
        }

        void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                result.close();
                statement.close();
            } catch (SQLException e) {
                throw new DovetailException(ErrorCode.QUERY, "Closing a streamed result failed: " + e.getMessage(), e);
            }
        }
    }
}
