package org.dovetail.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.dovetail.Dovetail;
import org.dovetail.populate.Make;
import org.dovetail.populate.MakeContext;
import org.dovetail.schema.Schema;
import org.dovetail.schema.TableDefinition;
import org.dovetail.schema.Tier;

/** Java makes that the worker tests name with {@code --make}: loaded by class name, in-process or in a child JVM. */
public final class TestMakes {
    /** The line {@link Blocking} prints on standard output once it is inside its make. */
    public static final String INSIDE_MAKE = "INSIDE_MAKE";

    private TestMakes() {
    }

    /** A schema with {@code Number} (n = 1..count) and the Computed {@code Squared} of each, the table these makes fill. */
    static Schema numbers(Dovetail dj, String name, int count) {
        Schema schema = dj.createSchema(name);
        schema.declare(TableDefinition.of(Tier.MANUAL, "Number", "n : int"));
        schema.declare(TableDefinition.of(Tier.COMPUTED, "Squared", "-> Number\n---\nsquare : bigint"));
        List<List<Object>> rows = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            rows.add(List.of(n));
        }
        schema.table("Number").insert(rows);
        return schema;
    }

    /** {@code square = n * n} for the key's {@code n}. */
    public static final class Square implements Make {
        @Override
        public void make(Map<String, Object> key, MakeContext ctx) {
            long n = ((Number) key.get("n")).longValue();
            Map<String, Object> row = new LinkedHashMap<>(key);
            row.put("square", n * n);
            ctx.insert1(row);
        }
    }

    /** Fails for odd {@code n}, with a message naming it; squares the rest. */
    public static final class FailsOnOdd implements Make {
        @Override
        public void make(Map<String, Object> key, MakeContext ctx) {
            long n = ((Number) key.get("n")).longValue();
            if (n % 2 == 1) {
                throw new IllegalStateException("no spikes for n=" + n);
            }
            new Square().make(key, ctx);
        }
    }

    /** Inserts its row, says {@value #INSIDE_MAKE} and waits until it is interrupted (or the process killed). */
    public static final class Blocking implements Make {
        @Override
        public void make(Map<String, Object> key, MakeContext ctx) throws InterruptedException {
            new Square().make(key, ctx);
            System.out.println(INSIDE_MAKE);
            System.out.flush();
            new CountDownLatch(1).await();
        }
    }
}
