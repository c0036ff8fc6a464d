package org.dovetail.schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dovetail.Dovetail;
import org.dovetail.InvalidInputException;
import org.dovetail.TableName;
import org.dovetail.connection.Connection;
import org.dovetail.heading.Attribute;
import org.dovetail.heading.Heading;
import org.dovetail.internal.codec.AttributeCodec;
import org.dovetail.internal.codec.AttributeCodecs;
import org.dovetail.internal.codec.CodecContext;
import org.dovetail.internal.heading.HeadingReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DataJoint's Lookup {@code contents}: inserted when there are more contents than rows, skipping
 * rows whose primary key exists; not inserted into a table with an auto_increment attribute. Values
 * go through the attributes' codecs, as for any insert.
 */
final class LookupContents {
    private static final Logger LOG = LoggerFactory.getLogger(LookupContents.class);
    private final Dovetail dovetail;
    private final Connection connection;
    private final Heading heading;

    LookupContents(Dovetail dovetail, String database, String table) {
        this.dovetail = dovetail;
        this.connection = dovetail.connection();
        this.heading = HeadingReader.read(connection, database, table);
    }

    void insert(List<?> rows) {
        if (heading.attributes().stream().anyMatch(Attribute::autoincrement)) {
            LOG.warn("Contents of {} are not inserted: the table has an auto_increment attribute", heading.fullTableName());
            return;
        }
        long count = connection.queryValue("SELECT COUNT(*) FROM " + heading.fullTableName(), Long.class).orElse(0L);
        if (rows.size() <= count) {
            return;
        }
        String key = TableName.quote(heading.primaryKey().get(0));
        for (Object row : rows) {
            Map<String, Object> values = values(row);
            String columns = String.join(",", values.keySet().stream().map(TableName::quote).toList());
            List<String> marks = new ArrayList<>();
            List<Object> parameters = new ArrayList<>();
            values.forEach((name, value) -> {
                Object parameter = value == null ? AttributeCodec.USE_DEFAULT
                        : AttributeCodecs.forAttribute(heading.attribute(name), CodecContext.of(dovetail, heading.database())).toDatabase(value);
                if (parameter == AttributeCodec.USE_DEFAULT) {
                    marks.add("DEFAULT");
                } else {
                    marks.add("?");
                    parameters.add(parameter);
                }
            });
            connection.execute("INSERT INTO " + heading.fullTableName() + " (" + columns + ") VALUES (" + String.join(",", marks) + ")"
                    + " ON DUPLICATE KEY UPDATE " + key + "=" + heading.fullTableName() + "." + key, parameters.toArray());
        }
    }

    private Map<String, Object> values(Object row) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (row instanceof Map<?, ?> map) {
            for (var e : map.entrySet()) {
                String name = String.valueOf(e.getKey());
                if (heading.find(name).isEmpty()) {
                    throw new InvalidInputException("Contents of " + heading.fullTableName() + " name `" + name
                            + "`, which is not an attribute; the attributes are " + heading.names());
                }
                values.put(name, e.getValue());
            }
        } else {
            List<?> list = row instanceof Object[] array ? Arrays.asList(array) : row instanceof List<?> l ? l : null;
            if (list == null || list.size() != heading.attributes().size()) {
                throw new InvalidInputException("A content row of " + heading.fullTableName() + " must be a Map or a List of "
                        + heading.attributes().size() + " values " + heading.names() + ": " + row);
            }
            List<String> names = new ArrayList<>(heading.names());
            for (int i = 0; i < names.size(); i++) {
                values.put(names.get(i), list.get(i));
            }
        }
        return values;
    }
}
