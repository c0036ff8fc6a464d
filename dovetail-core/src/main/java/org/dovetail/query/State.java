package org.dovetail.query;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dovetail.Dovetail;
import org.dovetail.connection.Connection;

/**
 * The inside of a query expression. Mutable only while an operator builds a new one from a
 * {@link #copy()}; once wrapped in a {@link Query} it is never changed again.
 */
final class State {
    enum Kind { QUERY, AGGREGATION, UNION }

    /** A FROM item: a table's full name, or a nested query rendered as a subquery. */
    record Source(String table, State query) {
    }

    final Dovetail dovetail;
    final Connection connection;
    Kind kind = Kind.QUERY;
    List<Source> support = new ArrayList<>();
    List<Boolean> left = new ArrayList<>();
    List<Column> heading = new ArrayList<>();
    Set<String> originalNames = new LinkedHashSet<>();
    /** WHERE conditions; for an aggregation, the HAVING conditions. */
    List<Fragment> restriction = new ArrayList<>();
    Set<String> restrictionAttributes = new HashSet<>();
    boolean distinct;
    Top top;
    /** Aggregation only: WHERE conditions applied before grouping. */
    List<Fragment> leftRestrict = new ArrayList<>();
    /** Aggregation only: the grouping attributes (the grouping operand's primary key). */
    List<String> groupBy = new ArrayList<>();
    /** Aggregation only: the names of the grouping operand, which may be grouped by too. */
    Set<String> groupNames = new HashSet<>();
    /** Where fetched external attachments go (DataJoint's {@code download_path}). */
    Path downloadPath = Path.of(".");
    /** Internal blobs fetch as their stored bytes ({@code RawBlob}), undecoded. */
    boolean rawBlobs;

    State(Dovetail dovetail) {
        this.dovetail = dovetail;
        this.connection = dovetail.connection();
    }

    State copy() {
        State s = new State(dovetail);
        s.kind = kind;
        s.support = new ArrayList<>(support);
        s.left = new ArrayList<>(left);
        s.heading = new ArrayList<>(heading);
        s.originalNames = new LinkedHashSet<>(originalNames);
        s.restriction = new ArrayList<>(restriction);
        s.restrictionAttributes = new HashSet<>(restrictionAttributes);
        s.distinct = distinct;
        s.top = top;
        s.leftRestrict = new ArrayList<>(leftRestrict);
        s.groupBy = new ArrayList<>(groupBy);
        s.groupNames = new HashSet<>(groupNames);
        s.downloadPath = downloadPath;
        s.rawBlobs = rawBlobs;
        return s;
    }

    /** A query selecting everything from this one as a subquery; its heading has no expressions. */
    State subquery() {
        State s = new State(dovetail);
        s.support.add(new Source(null, this));
        s.heading = new ArrayList<>(heading.stream().map(Column::plain).toList());
        s.originalNames = new LinkedHashSet<>(names());
        s.downloadPath = downloadPath;
        s.rawBlobs = rawBlobs;
        return s;
    }

    List<String> names() {
        return heading.stream().map(Column::name).toList();
    }

    List<String> primaryKey() {
        return heading.stream().filter(Column::inKey).map(Column::name).toList();
    }

    List<String> secondary() {
        return heading.stream().filter(c -> !c.inKey()).map(Column::name).toList();
    }

    Optional<Column> find(String name) {
        return heading.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** Names of renamed or computed attributes. */
    Set<String> derivedNames() {
        Set<String> names = new HashSet<>();
        heading.stream().filter(Column::derived).forEach(c -> names.add(c.name()));
        return names;
    }

    boolean isAggregation() {
        return kind == Kind.AGGREGATION;
    }

    boolean isUnion() {
        return kind == Kind.UNION;
    }

    boolean hasLeftJoin() {
        return left.contains(Boolean.TRUE);
    }

    /** Key reordered and replaced: {@code key} first in that order, every other attribute secondary. */
    void setPrimaryKey(List<String> key) {
        List<Column> reordered = new ArrayList<>();
        for (String k : key) {
            reordered.add(find(k).orElseThrow().withKey(true));
        }
        for (Column c : heading) {
            if (!key.contains(c.name())) {
                reordered.add(c.withKey(false));
            }
        }
        heading = reordered;
    }
}
