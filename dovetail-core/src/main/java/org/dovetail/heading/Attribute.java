package org.dovetail.heading;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One attribute of a table's heading, with DataJoint's properties. Serialises to JSON with
 * DataJoint's property names ({@code in_key}, {@code is_blob}, ...).
 *
 * <pre>{@code
 * Attribute a = heading.attribute("session_uuid");
 * a.type();      // "uuid"
 * a.sqlType();   // "binary(16)"
 * a.uuid();      // true
 * }</pre>
 *
 * @param name          the column name
 * @param type          the DataJoint type: the SQL type without integer display width, or the special type
 *                      from the comment ({@code uuid}, {@code blob@store}, {@code attach}, {@code <adapter>})
 * @param sqlType       {@code binary(16)} for uuid, otherwise {@link #type} (DataJoint's {@code sql_type})
 * @param inKey         part of the primary key
 * @param nullable      NULL allowed
 * @param defaultValue  DataJoint's default text: {@code null} for none, {@code "null"} for nullable attributes,
 *                      bare numbers, double-quoted strings and dates, {@code CURRENT_TIMESTAMP} unquoted
 * @param comment       the comment without the special-type prefix
 * @param autoincrement {@code auto_increment} column
 * @param isBlob        internal or external blob
 * @param isAttachment  attachment, internal or external
 * @param isFilepath    {@code filepath@store}
 * @param isExternal    stored in an external store
 * @param store         the store of an external attribute, else null
 * @param uuid          {@code uuid}
 * @param json          {@code json} (on MariaDB: a {@code longtext} column with a {@code json_valid} check)
 * @param adapter       the adapter name of an adapted type (without brackets), else null
 * @param numeric       an integer, decimal or float SQL type
 * @param string        a char/varchar, enum or date/time SQL type
 * @param columnType    the column type exactly as the server reports it, e.g. {@code int(10) unsigned}
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"name", "type", "sql_type", "in_key", "nullable", "default", "comment", "autoincrement", "is_blob",
        "is_attachment", "is_filepath", "is_external", "store", "uuid", "json", "adapter", "numeric", "string", "column_type"})
public record Attribute(
        @JsonProperty("name") String name,
        @JsonProperty("type") String type,
        @JsonProperty("sql_type") String sqlType,
        @JsonProperty("in_key") boolean inKey,
        @JsonProperty("nullable") boolean nullable,
        @JsonProperty("default") String defaultValue,
        @JsonProperty("comment") String comment,
        @JsonProperty("autoincrement") boolean autoincrement,
        @JsonProperty("is_blob") boolean isBlob,
        @JsonProperty("is_attachment") boolean isAttachment,
        @JsonProperty("is_filepath") boolean isFilepath,
        @JsonProperty("is_external") boolean isExternal,
        @JsonProperty("store") String store,
        @JsonProperty("uuid") boolean uuid,
        @JsonProperty("json") boolean json,
        @JsonProperty("adapter") String adapter,
        @JsonProperty("numeric") boolean numeric,
        @JsonProperty("string") boolean string,
        @JsonProperty("column_type") String columnType) {

    /** The comment as stored, with the special-type prefix ({@code :uuid:} for uuid), as a child inherits it. */
    @JsonIgnore
    public String sqlComment() {
        return (uuid ? ":uuid:" : "") + comment;
    }

    /** Hidden attributes (name starting with {@code _}) are invisible to every DataJoint operation. */
    @JsonIgnore
    public boolean isHidden() {
        return name.startsWith("_");
    }
}
