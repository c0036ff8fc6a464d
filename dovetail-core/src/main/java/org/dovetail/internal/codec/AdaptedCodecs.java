package org.dovetail.internal.codec;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.dovetail.spi.AttributeAdapter;

/** Wraps the codec of an adapted attribute's stored type so values pass through the adapter. */
final class AdaptedCodecs {
    private AdaptedCodecs() {
    }

    /** Wraps a stored type's codec so values pass through the adapter. */
    static AttributeCodec adapted(AttributeCodec stored, AttributeAdapter adapter) {
        if (stored instanceof BulkCodec bulk) {
            return new BulkCodec() {
                @Override
                public Object toDatabase(Object value) {
                    return bulk.toDatabase(adapter.put(value));
                }

                @Override
                public Object fromDatabase(ResultSet row, int column) throws SQLException {
                    return bulk.fromDatabase(row, column);
                }

                @Override
                public List<Object> complete(List<Object> fetched) {
                    return bulk.complete(fetched).stream().map(v -> v == null ? null : adapter.get(v)).toList();
                }
            };
        }
        return new AttributeCodec() {
            @Override
            public Object toDatabase(Object value) {
                return stored.toDatabase(adapter.put(value));
            }

            @Override
            public Object fromDatabase(ResultSet row, int column) throws SQLException {
                Object value = stored.fromDatabase(row, column);
                return value == null ? null : adapter.get(value);
            }
        };
    }
}
