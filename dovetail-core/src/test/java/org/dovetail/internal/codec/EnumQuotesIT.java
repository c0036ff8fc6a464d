package org.dovetail.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.dovetail.Dovetail;
import org.dovetail.InvalidValueException;
import org.dovetail.TestConfigs;
import org.dovetail.config.Config;
import org.dovetail.schema.Schema;
import org.dovetail.schema.Table;
import org.dovetail.testkit.DovetailTest;
import org.dovetail.testkit.TestDatabase;
import org.junit.jupiter.api.Test;

/** Enum values with quotes and backslashes, as the server writes them in the column type, are accepted on insert. */
@DovetailTest
class EnumQuotesIT {
    @Test
    void enumValuesWithQuotesAndBackslashesCanBeInsertedAndOthersAreRejected(TestDatabase db) {
        Config config = TestConfigs.of(db);
        try (Dovetail conn = Dovetail.connect(config)) {
            Schema lab = conn.createSchema(db.schema("enum_quotes"));
            // SQL text: the values are  say "hi"  /  back\slash  /  it's  /  plain
            conn.connection().execute("CREATE TABLE " + lab.fullName("greeting")
                    + " (id int PRIMARY KEY, g enum('say \"hi\"','back\\\\slash','it''s','plain'))");
            Table greetings = conn.schema(db.schema("enum_quotes")).freeTable("greeting");
            List<String> values = List.of("say \"hi\"", "back\\slash", "it's", "plain");

            for (int i = 0; i < values.size(); i++) {
                greetings.insert1(Map.of("id", i, "g", values.get(i)));
            }

            assertThat(conn.connection().query("SELECT g FROM " + lab.fullName("greeting") + " ORDER BY id", r -> r.getString(1)))
                    .containsExactlyElementsOf(values);
            assertThatThrownBy(() -> greetings.insert1(Map.of("id", 9, "g", "say")))
                    .isInstanceOf(InvalidValueException.class)
                    .hasMessageContaining("`g`")
                    .hasMessageContaining("one of say \"hi\", back\\slash, it's, plain");
        }
    }
}
