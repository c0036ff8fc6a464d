package org.dovetail.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.dovetail.InvalidValueException;
import org.dovetail.config.Config;
import org.dovetail.connection.Connection;
import org.dovetail.schema.Schema;
import org.dovetail.table.Table;
import org.dovetail.testkit.DovetailTest;
import org.dovetail.testkit.TestDatabase;
import org.junit.jupiter.api.Test;

/** Enum values with quotes and backslashes, as the server writes them in the column type, are accepted on insert. */
@DovetailTest
class EnumQuotesIT {
    @Test
    void enumValuesWithQuotesAndBackslashesCanBeInsertedAndOthersAreRejected(TestDatabase db) {
        Config config = Config.builder().host(db.host()).port(db.port()).user(db.user()).password(db.password()).build();
        try (Connection conn = Connection.open(config)) {
            Schema lab = Schema.create(conn, db.schema("enum_quotes"));
            // SQL text: the values are  say "hi"  /  back\slash  /  it's  /  plain
            conn.execute("CREATE TABLE " + lab.fullName("greeting")
                    + " (id int PRIMARY KEY, g enum('say \"hi\"','back\\\\slash','it''s','plain'))");
            Table greetings = Table.of(conn, db.schema("enum_quotes"), "greeting");
            List<String> values = List.of("say \"hi\"", "back\\slash", "it's", "plain");

            for (int i = 0; i < values.size(); i++) {
                greetings.insert1(Map.of("id", i, "g", values.get(i)));
            }

            assertThat(conn.query("SELECT g FROM " + lab.fullName("greeting") + " ORDER BY id", r -> r.getString(1)))
                    .containsExactlyElementsOf(values);
            assertThatThrownBy(() -> greetings.insert1(Map.of("id", 9, "g", "say")))
                    .isInstanceOf(InvalidValueException.class)
                    .hasMessageContaining("`g`")
                    .hasMessageContaining("one of say \"hi\", back\\slash, it's, plain");
        }
    }
}
