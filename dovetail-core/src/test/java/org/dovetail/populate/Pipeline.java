package org.dovetail.populate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dovetail.Dovetail;
import org.dovetail.schema.Schema;
import org.dovetail.schema.Table;
import org.dovetail.schema.TableDefinition;
import org.dovetail.schema.Tier;

/**
 * The test pipeline: subjects and parameters, an Imported scan with a part per unit, and a
 * Computed summary per scan and parameter downstream, plus a Computed table whose key source
 * renames a foreign key.
 */
final class Pipeline {
    static final int SUBJECTS = 3;

    final Schema schema;

    private Pipeline(Schema schema) {
        this.schema = schema;
    }

    static Pipeline declare(Dovetail dovetail, String schemaName) {
        Schema schema = dovetail.createSchema(schemaName);
        schema.declare(Tier.MANUAL, "Subject", """
                subject_id : int
                ---
                weight : double
                """);
        schema.declare(TableDefinition.of(Tier.LOOKUP, "Param", """
                param_id : varchar(8)
                ---
                factor : int
                """).withContents(List.of(List.of("p1", 10), List.of("p", 100))));
        schema.declare(TableDefinition.of(Tier.IMPORTED, "Scan", """
                -> Subject
                ---
                n_units : int
                """).withPart("Unit", """
                -> master
                unit : int
                ---
                value : double
                """));
        schema.declare(Tier.COMPUTED, "ScanStats", """
                -> Scan
                -> Param
                ---
                total : double
                """);
        schema.declare(Tier.COMPUTED, "Pairing", """
                -> Subject.proj(animal='subject_id')
                ---
                label : varchar(16)
                """);
        List<Map<String, Object>> subjects = new ArrayList<>();
        for (int s = 1; s <= SUBJECTS; s++) {
            subjects.add(Map.of("subject_id", s, "weight", 20.0 + s));
        }
        schema.table("Subject").insert(subjects);
        return new Pipeline(schema);
    }

    Table table(String className) {
        return schema.table(className);
    }

    /** Scan's make: the master row and {@code subject_id} units. */
    static final Make SCAN = (key, ctx) -> {
        long subject = ((Number) key.get("subject_id")).longValue();
        Map<String, Object> row = new LinkedHashMap<>(key);
        row.put("n_units", subject);
        ctx.insert1(row);
        List<Map<String, Object>> units = new ArrayList<>();
        for (int u = 1; u <= subject; u++) {
            Map<String, Object> unit = new LinkedHashMap<>(key);
            unit.put("unit", u);
            unit.put("value", u * 1.5);
            units.add(unit);
        }
        ctx.part("Unit").insert(units);
    };

    /** ScanStats' make: the sum of the units' values times the parameter's factor. */
    static final Make STATS = (key, ctx) -> {
        double sum = 0;
        for (Map<String, Object> unit : ctx.table("Scan.Unit").restrict(key).fetch("value")) {
            sum += (Double) unit.get("value");
        }
        long factor = (Long) ctx.table("Param").restrict(key).fetch1("factor").get("factor");
        Map<String, Object> row = new LinkedHashMap<>(key);
        row.put("total", sum * factor);
        ctx.insert1(row);
    };
}
