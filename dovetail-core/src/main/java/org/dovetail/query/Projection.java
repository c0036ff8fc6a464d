package org.dovetail.query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dovetail.InvalidQueryException;
import org.dovetail.TableName;
import org.dovetail.UnknownAttributeException;

/**
 * DataJoint's {@code proj}: items are attribute names, {@code ...} (every secondary attribute),
 * {@code -name} (leave out) and {@code new = spec}, where the spec is an attribute (rename), an
 * attribute in parentheses (copy) or any SQL expression (computed).
 */
final class Projection {
    private static final Pattern NAMED = Pattern.compile("^\\s*(?<name>[A-Za-z_][A-Za-z0-9_]*)\\s*=(?<spec>.*)$", Pattern.DOTALL);
    private static final Pattern DUPLICATE = Pattern.compile("^\\s*\\(\\s*(?!CURRENT_TIMESTAMP|NULL)(?<name>[a-zA-Z_]\\w*)\\s*\\)\\s*$");
    private static final Pattern RENAME = Pattern.compile("^\\s*(?!CURRENT_TIMESTAMP|NULL)(?<name>[a-zA-Z_]\\w*)\\s*$");

    private Projection() {
    }

    /** True for {@code name = spec} items. */
    static boolean isNamed(String item) {
        Matcher m = NAMED.matcher(item);
        return m.matches() && !m.group("spec").startsWith("=");
    }

    static State apply(State q, List<String> items) {
        List<String> positional = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        Map<String, String> renames = new LinkedHashMap<>();
        Map<String, String> duplicates = new LinkedHashMap<>();
        Map<String, String> computed = new LinkedHashMap<>();
        boolean ellipsis = false;
        Set<String> newNames = new HashSet<>();
        for (String item : items) {
            if (item == null) {
                throw new InvalidQueryException("null is not a valid data type for an attribute in .proj");
            }
            if (isNamed(item)) {
                Matcher m = NAMED.matcher(item);
                m.matches();
                String name = m.group("name");
                String spec = m.group("spec").strip();
                if (!newNames.add(name)) {
                    throw new InvalidQueryException("Attribute `" + name + "` already exists");
                }
                Matcher dup = DUPLICATE.matcher(spec);
                Matcher ren = RENAME.matcher(spec);
                if (dup.matches()) {
                    duplicates.put(name, dup.group("name"));
                } else if (ren.matches()) {
                    renames.put(name, ren.group("name"));
                } else {
                    computed.put(name, spec);
                }
            } else if (item.strip().equals("...")) {
                ellipsis = true;
            } else if (item.strip().startsWith("-")) {
                excluded.add(item.strip().substring(1).strip());
            } else {
                positional.add(item.strip());
            }
        }
        for (String source : concat(renames.values(), duplicates.values())) {
            if (q.find(source).isEmpty()) {
                throw new UnknownAttributeException("Attribute `" + source + "` not found.", 0, null, null);
            }
        }
        Set<String> renameSources = new HashSet<>(renames.values());
        Set<String> selected = new LinkedHashSet<>(positional);
        q.primaryKey().stream().filter(k -> !renameSources.contains(k)).forEach(selected::add);
        if (ellipsis) {
            q.secondary().stream().filter(a -> !renameSources.contains(a)).forEach(selected::add);
        }
        for (String name : excluded) {
            if (q.find(name).map(Column::inKey).orElse(false)) {
                throw new InvalidQueryException("Cannot exclude primary key attribute `" + name + "`");
            }
            selected.remove(name);
        }
        for (String name : selected) {
            if (q.find(name).isEmpty()) {
                throw new UnknownAttributeException("Attribute `" + name + "` not found.", 0, null, null);
            }
        }
        checkClashes(selected, renames.keySet(), duplicates.keySet(), computed.keySet());
        if (needsSubquery(q, selected, renames, duplicates, computed)) {
            q = q.subquery();
        }
        State result = q.copy();
        result.heading = new ArrayList<>();
        for (Column c : q.heading) {
            if (selected.contains(c.name())) {
                result.heading.add(c);
            }
            String source = c.expression() == null ? TableName.quote(c.name()) : c.expression();
            renames.forEach((name, from) -> {
                if (from.equals(c.name())) {
                    result.heading.add(c.renamed(name, source));
                }
            });
            duplicates.forEach((name, from) -> {
                if (from.equals(c.name())) {
                    result.heading.add(c.renamed(name, source));
                }
            });
        }
        computed.forEach((name, spec) -> result.heading.add(Column.computed(name, spec)));
        return result;
    }

    private static void checkClashes(Set<String> selected, Set<String> renamed, Set<String> duplicated, Set<String> computed) {
        for (String name : concat(renamed, duplicated, computed)) {
            if (selected.contains(name)) {
                throw new InvalidQueryException("Attribute `" + name + "` already exists");
            }
        }
    }

    private static boolean needsSubquery(State q, Set<String> selected, Map<String, String> renames, Map<String, String> duplicates,
            Map<String, String> computed) {
        if (q.isUnion()) {
            return true;
        }
        if (q.top != null && !selected.containsAll(Renderer.orderAttributes(q.top))) {
            return true; // the top orders by an attribute the projection drops or renames: apply it first
        }
        Set<String> derived = q.derivedNames();
        if (derived.isEmpty()) {
            return false;
        }
        if (q.top != null) {
            return true; // the top's order may use an attribute the projection renames or drops
        }
        Set<String> used = new HashSet<>(renames.values());
        used.addAll(duplicates.values());
        computed.values().forEach(spec -> used.addAll(ColumnNames.extract(spec)));
        return used.stream().anyMatch(derived::contains) || q.restrictionAttributes.stream().anyMatch(derived::contains);
    }

    @SafeVarargs
    private static List<String> concat(Collection<String>... parts) {
        List<String> all = new ArrayList<>();
        for (Collection<String> p : parts) {
            all.addAll(p);
        }
        return all;
    }
}
