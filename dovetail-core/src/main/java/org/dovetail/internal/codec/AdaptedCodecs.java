package org.dovetail.internal.codec;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.dovetail.InvalidValueException;
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

                @Override
                public List<Staged> stage(List<Object> values) {
                    // put once per distinct value, so that a value given for many rows is still staged once
                    Map<Object, Object> stored = new IdentityHashMap<>();
                    List<Object> puts = new ArrayList<>(values.size());
                    for (int i = 0; i < values.size(); i++) {
                        Object v = values.get(i);
                        try {
                            puts.add(v == null ? null : stored.computeIfAbsent(v, adapter::put));
                        } catch (InvalidValueException e) {
                            throw new StageFailure(i, e);
                        }
                    }
                    return bulk.stage(puts);
                }

                @Override
                public void track(List<Staged> staged) {
                    bulk.track(staged);
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
