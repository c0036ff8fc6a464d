package org.dovetail.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dovetail.InvalidInputException;
import org.dovetail.InvalidOperationException;
import org.dovetail.InvalidValueException;
import org.dovetail.TableName;
import org.dovetail.UnknownAttributeException;
import org.dovetail.heading.Attribute;
import org.dovetail.heading.Heading;
import org.dovetail.internal.codec.AttributeCodec;
import org.dovetail.internal.codec.AttributeCodecs;
import org.dovetail.internal.codec.CodecContext;

/** DataJoint's {@code update1}: secondary attributes of exactly one row, located by its full primary key. */
final class Update {
    private final Table table;
    private final Heading heading;

    Update(Table table) {
        this.table = table;
        this.heading = table.heading();
    }

    void update1(Map<String, ?> row) {
        if (row == null) {
            throw new InvalidInputException("The argument of update1 must be dict-like.");
        }
        if (table.isRestricted()) {
            throw new InvalidOperationException("Update cannot be applied to a restricted table.");
        }
        for (String k : heading.primaryKey()) {
            if (!row.containsKey(k)) {
                throw new InvalidInputException("The argument of update1 must supply all primary key values.");
            }
        }
        for (String name : row.keySet()) {
            if (heading.find(name).isEmpty()) {
                throw new UnknownAttributeException("Attribute `" + name + "` not found.", 0, null, null);
            }
        }
        Map<String, Object> key = new LinkedHashMap<>();
        heading.primaryKey().forEach(k -> key.put(k, row.get(k)));
        Table one = table.restrict(key);
        if (one.count() != 1) {
            throw new InvalidOperationException("Update can only be applied to one existing entry.");
        }
        List<String> assignments = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        for (Map.Entry<String, ?> e : row.entrySet()) {
            Attribute a = heading.attribute(e.getKey());
            if (a.inKey()) {
                continue;
            }
            Object value = e.getValue() == null ? AttributeCodec.USE_DEFAULT : convert(a, e.getValue());
            if (value == AttributeCodec.USE_DEFAULT) {
                assignments.add(TableName.quote(a.name()) + "=DEFAULT");
            } else {
                assignments.add(TableName.quote(a.name()) + "=?");
                parameters.add(value);
            }
        }
        if (assignments.isEmpty()) {
            return;
        }
        var where = one.where();
        parameters.addAll(where.parameters());
        table.connection().execute("UPDATE " + heading.fullTableName() + " SET " + String.join(",", assignments) + " WHERE " + where.sql(),
                parameters.toArray());
    }

    private Object convert(Attribute a, Object value) {
        try {
            return AttributeCodecs.forAttribute(a, CodecContext.of(table.dovetail(), heading.database())).toDatabase(value);
        } catch (InvalidValueException e) {
            throw new InvalidValueException(heading.fullTableName() + ": " + e.getMessage(), e);
        }
    }
}
