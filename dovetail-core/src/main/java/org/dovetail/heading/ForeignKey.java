package org.dovetail.heading;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A foreign key from a table to one of its parents.
 *
 * @param table   the parent's full name {@code `db`.`tbl`}
 * @param attrMap child column → parent column, in the constraint's column order
 */
public record ForeignKey(@JsonProperty("table") String table, @JsonProperty("attr_map") Map<String, String> attrMap) {
    public ForeignKey {
        attrMap = Collections.unmodifiableMap(new LinkedHashMap<>(attrMap));
    }

    /** True if some child column has another name than the parent column it references ({@code .proj} rename). */
    @JsonIgnore
    public boolean aliased() {
        return attrMap.entrySet().stream().anyMatch(e -> !e.getKey().equals(e.getValue()));
    }
}
