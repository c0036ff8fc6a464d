package org.dovetail.populate;

import java.util.ArrayList;
import java.util.List;
import org.dovetail.InvalidOperationException;
import org.dovetail.graph.Dependency;
import org.dovetail.query.Query;
import org.dovetail.schema.Table;

/** DataJoint's default {@code key_source}: the join of the target's primary parents, each projected to its key. */
final class KeySources {
    private KeySources() {
    }

    /**
     * The join, in graph order, of {@code Parent.proj()} for every foreign key whose attributes
     * are all in the target's primary key, with {@code proj(new='old')} for renamed ones.
     */
    static Query of(Table target) {
        Query source = null;
        for (Dependency fk : target.parents()) {
            if (!fk.primary()) {
                continue;
            }
            Query parent = projected(target.dovetail().table(fk.parent()), fk);
            source = source == null ? parent : source.join(parent);
        }
        if (source == null) {
            throw new InvalidOperationException("A table must have dependencies from its primary key for auto-populate to work"
                    + " (" + target.fullName() + " has none)");
        }
        return source;
    }

    private static Query projected(Table parent, Dependency fk) {
        if (!fk.aliased()) {
            return parent.proj();
        }
        List<String> renames = new ArrayList<>();
        for (var pair : fk.attrMap().entrySet()) {
            if (!pair.getKey().equals(pair.getValue())) {
                renames.add(pair.getKey() + " = " + pair.getValue());
            }
        }
        return parent.proj(renames.toArray(String[]::new));
    }
}
