package org.dovetail.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** DataJoint's extract_column_names heuristic, traps included (queries-and-operations.md §3.3). */
class ColumnNamesTest {
    @Test
    void namesAreLowerCaseWordsThatAreNotKeywordsFunctionsOrLiterals() {
        assertThat(ColumnNames.extract("cond_in_a=1")).containsExactly("cond_in_a");
        assertThat(ColumnNames.extract("id_a > 1 and `select` in (1, 2)")).containsExactlyInAnyOrder("select", "id_a");
        assertThat(ColumnNames.extract("name = 'x and y' or note like \"a%\"")).containsExactlyInAnyOrder("name", "note");
        assertThat(ColumnNames.extract("day between curdate() - interval 30 day and curdate()")).isEmpty(); // `day` is a keyword to the heuristic
        assertThat(ColumnNames.extract("round (avg(points), 2) > 3")).containsExactly("points");
        assertThat(ColumnNames.extract("date is NULL")).containsExactly("date");
        assertThat(ColumnNames.extract("x = 'it\\'s'")).containsExactly("x");
    }

    @Test
    void trapsAreKept() {
        assertThat(ColumnNames.extract("cond_in_a = true")).containsExactlyInAnyOrder("cond_in_a", "true");
        assertThat(ColumnNames.extract("cond_in_a = TRUE")).containsExactly("cond_in_a");
        assertThat(ColumnNames.extract("oldID = 1")).isEmpty();
    }

    @Test
    void topRendersAsInDataJointMessages() {
        assertThat(Top.first()).hasToString("Top(limit=1, order_by=['KEY'], offset=0)");
        assertThat(Top.limit(5).withOrderBy("id_l desc").offset(4)).hasToString("Top(limit=5, order_by=['id_l desc'], offset=4)");
        assertThat(Top.orderBy("a").offset(3).limit()).isEqualTo(Top.NO_LIMIT_WITH_OFFSET);
        assertThat(new Top(null, List.of(), 0).orderBy()).containsExactly("KEY");
    }
}
