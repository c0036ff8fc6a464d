package org.dovetail.query;

import org.dovetail.TableName;
import org.dovetail.heading.Attribute;

/**
 * One attribute of a query's heading.
 *
 * @param name       the attribute name in the result
 * @param attribute  the table attribute it comes from (type, codec); null for a computed attribute
 * @param database   the schema of that table; null for a computed attribute
 * @param inKey      part of the result's primary key
 * @param expression the SQL that produces it: {@code `old`} for a rename, any SQL for a computed
 *                   attribute; null for a plain column
 */
record Column(String name, Attribute attribute, String database, boolean inKey, String expression) {

    static Column of(Attribute a, String database) {
        return new Column(a.name(), a, database, a.inKey(), null);
    }

    static Column computed(String name, String expression) {
        return new Column(name, null, null, false, expression);
    }

    Column withKey(boolean key) {
        return key == inKey ? this : new Column(name, attribute, database, key, expression);
    }

    Column renamed(String newName, String sourceExpression) {
        return new Column(newName, attribute, database, inKey, sourceExpression);
    }

    Column plain() {
        return expression == null ? this : new Column(name, attribute, database, inKey, null);
    }

    boolean derived() {
        return expression != null;
    }

    /** {@code `name`} or {@code <expression> as `name`}. */
    String select() {
        return expression == null ? TableName.quote(name) : expression + " as " + TableName.quote(name);
    }

    /** The name or the raw expression, as counting and grouping refer to it. */
    String reference() {
        return expression == null ? TableName.quote(name) : expression;
    }
}
