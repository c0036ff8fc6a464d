package org.dovetail.heading;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Optional;
import org.dovetail.TableName;
import org.dovetail.internal.declare.ParentTable;
import org.dovetail.internal.declare.TableNames;
import org.dovetail.internal.heading.HeadingReader;
import org.dovetail.schema.Tier;

/**
 * The heading of a table as read from the database: attributes in column order, primary key,
 * secondary indexes, foreign keys to parents and the table comment. Serialisable with Jackson
 * (DataJoint's property names).
 *
 * <pre>{@code
 * Heading h = HeadingReader.read(connection, "lab", "session");
 * h.primaryKey();                       // [subject_id, session_idx]
 * h.attribute("notes").defaultValue();  // "\"\""
 * }</pre>
 *
 * @param fullTableName {@code `db`.`tbl`}
 * @param tier          DataJoint's tier name ({@code Manual}, {@code Lookup}, ...), or null for names of no tier
 * @param primaryKey    primary-key attributes in column order
 * @param attributes    visible attributes in column order (hidden {@code _...} columns excluded)
 * @param indexes       secondary indexes in {@code SHOW KEYS} order
 * @param parents       foreign keys to non-hidden tables, in declaration order
 * @param comment       the table comment
 */
@JsonPropertyOrder({"full_table_name", "tier", "primary_key", "attributes", "indexes", "parents", "comment"})
public record Heading(
        @JsonProperty("full_table_name") String fullTableName,
        @JsonProperty("tier") String tier,
        @JsonProperty("primary_key") List<String> primaryKey,
        @JsonProperty("attributes") List<Attribute> attributes,
        @JsonProperty("indexes") List<Index> indexes,
        @JsonProperty("parents") List<ForeignKey> parents,
        @JsonProperty("comment") String comment) {

    public Heading {
        primaryKey = List.copyOf(primaryKey);
        attributes = List.copyOf(attributes);
        indexes = List.copyOf(indexes);
        parents = List.copyOf(parents);
    }

    /** The schema (database) name. */
    @JsonIgnore
    public String database() {
        return TableName.parse(fullTableName).schema();
    }

    /** The SQL table name. */
    @JsonIgnore
    public String tableName() {
        return TableName.parse(fullTableName).table();
    }

    /** The attribute names in column order. */
    @JsonIgnore
    public List<String> names() {
        return attributes.stream().map(Attribute::name).toList();
    }

    /** Secondary (non-key) attribute names in column order. */
    @JsonIgnore
    public List<String> secondaryAttributes() {
        return attributes.stream().filter(a -> !a.inKey()).map(Attribute::name).toList();
    }

    /** The attribute named {@code name}; throws if there is none. */
    public Attribute attribute(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException(
                "Attribute `" + name + "` is not in the heading of " + fullTableName));
    }

    /** The attribute named {@code name}, if any. */
    public Optional<Attribute> find(String name) {
        return attributes.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** The tier, if the table name follows one. */
    @JsonIgnore
    public Optional<Tier> tierValue() {
        return Tier.ofSqlName(tableName());
    }

    /** What a child's foreign key needs: the full name and the primary key's SQL types and comments. */
    public ParentTable asParent() {
        return new ParentTable(fullTableName, primaryKey.stream()
                .map(this::attribute)
                .map(a -> new ParentTable.KeyAttribute(a.name(), a.sqlType(), a.sqlComment()))
                .toList());
    }
}
