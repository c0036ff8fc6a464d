package org.dovetail.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.dovetail.Dovetail;
import org.dovetail.TestConfigs;
import org.dovetail.config.Config;
import org.dovetail.query.Top;
import org.dovetail.schema.Schema;
import org.dovetail.schema.Table;
import org.dovetail.schema.Tier;
import org.dovetail.spi.AttributeAdapter;
import org.dovetail.testkit.DovetailTest;
import org.dovetail.testkit.TestDatabase;
import org.junit.jupiter.api.Test;

/** Adapted attribute types: the Python fixture's {@code <point>} read through a Java adapter, and written back. */
@DovetailTest
class AdaptedTypesIT {
    /** The fixture's point adapter: stored as "x,y" text, a pair of doubles in Java. */
    static final AttributeAdapter POINT = AttributeAdapter.of("point", "varchar(64)",
            v -> ((double[]) v)[0] + "," + ((double[]) v)[1],
            s -> Arrays.stream(((String) s).split(",")).mapToDouble(Double::parseDouble).toArray());

    private static byte[] resource(String name) throws Exception {
        try (InputStream in = AdaptedTypesIT.class.getClassLoader().getResourceAsStream("fixture-014/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void pythonsAdaptedValuesFetchThroughTheAdapterAndNewOnesAreStoredAsPythonStoresThem(TestDatabase db) throws Exception {
        String schema = db.loadScript("adapted", new String(resource("schema.sql"), StandardCharsets.UTF_8));
        JsonNode expected = new ObjectMapper().readTree(resource("expected.json")).get("tables").get("Shapes");
        Config config = TestConfigs.builder(db).adaptedTypes(true).build();
        try (Dovetail conn = Dovetail.connect(config)) {
            Table shapes = conn.schema(schema).freeTable("shapes");
            // Without an adapter the stored value comes back as it is.
            assertThat(shapes.top(Top.orderBy("KEY")).fetch("centroid").get(0).get("centroid"))
                    .isEqualTo(expected.get("rows").get(0).get("values").get("centroid").get("stored").asText());

            Schema lab = conn.schema(schema).withAdapter(POINT);
            List<Map<String, Object>> rows = conn.schema(schema).freeTable("shapes").top(Top.orderBy("KEY")).fetch("centroid");
            for (int i = 0; i < rows.size(); i++) {
                JsonNode want = expected.get("rows").get(i).get("values").get("centroid").get("value");
                assertThat((double[]) rows.get(i).get("centroid")).containsExactly(want.get(0).asDouble(), want.get(1).asDouble());
            }

            lab.declare(Tier.MANUAL, "Landmark", "landmark_id : int\n---\nposition : <point>\n");
            Table landmarks = lab.table("Landmark");
            landmarks.insert1(Map.of("landmark_id", 1, "position", new double[] {0.5, -1.25}));
            assertThat((double[]) landmarks.fetch1("position").get("position")).containsExactly(0.5, -1.25);
            assertThat(conn.connection().queryValue("SELECT position FROM `" + schema + "`.`landmark`", String.class)).contains("0.5,-1.25");
            assertThat(conn.connection().queryValue("SELECT column_comment FROM information_schema.columns WHERE table_schema = ?"
                    + " AND table_name = 'landmark' AND column_name = 'position'", String.class, schema)).contains(":<point>:");
        }
    }
}
