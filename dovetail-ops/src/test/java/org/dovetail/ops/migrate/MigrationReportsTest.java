package org.dovetail.ops.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.dovetail.Report;
import org.junit.jupiter.api.Test;

class MigrationReportsTest {
    private static final LegacyColumn IMAGE = new LegacyColumn("lab", "scan", "image", "external-raw", "the image", false, "id", "fk1");

    @Test
    void aPlanIsTextWithItsStatementsAnArrayOfPlansAndARowPerColumn() {
        ColumnPlan column = new ColumnPlan(IMAGE, "raw", 10, 1, 9, 900, List.of("abc"), 1, List.of(), List.of("ALTER TABLE x"), "planned");
        PlanReport report = new PlanReport(List.of(new MigrationPlan("lab", List.of(column), true, 2, List.of())));
        assertThat(report.outcome()).isEqualTo(Report.Outcome.OK);
        assertThat(report.toText()).contains("schema lab\n").contains("10 rows, 1 NULL, 9 objects, 900 bytes, 1 missing from the store\n")
                .contains("    missing: abc\n").contains("    ALTER TABLE x;\n").contains("2 rows of ~external are referenced by no column");
        assertThat(report.toJson().isArray()).isTrue();
        assertThat(report.toJson().get(0).get("columns").get(0).get("missingCount").asLong()).isEqualTo(1);
        assertThat(report.rows()).containsExactly(List.of("lab", "scan", "image", "external-raw", "raw", "planned", 10L, 1L, 9L, 900L, 1L));
        assertThat(report.columns()).hasSize(report.rows().get(0).size());
    }

    @Test
    void aRunThatLeftAColumnAloneIsRefusedAndRelocationShowsBothLists() {
        RunReport.ColumnResult left = new RunReport.ColumnResult("scan", "image", "raw", RunReport.Outcome.NOT_MIGRATED, 8, 1, 0,
                "1 object(s) are missing");
        RunReport.ColumnResult done = new RunReport.ColumnResult("scan", "thumb", "raw", RunReport.Outcome.MIGRATED, 9, 0, 9, null);
        RunSummary refused = new RunSummary(List.of(new RunReport("lab", List.of(left, done))), List.of(), false);
        assertThat(refused.outcome()).isEqualTo(Report.Outcome.REFUSED);
        assertThat(refused.toText()).contains("`scan`.`image` -> blob@raw: not migrated (8 objects hashed, 1 missing, 0 references"
                + " rewritten): 1 object(s) are missing\n");
        assertThat(refused.toJson().isArray()).isTrue();
        assertThat(refused.rows()).extracting(r -> r.get(4)).containsExactly("not migrated", "migrated");
        assertThat(refused.rows().get(1).get(8)).isEqualTo("");

        RunSummary relocated = new RunSummary(List.of(new RunReport("lab", List.of(done))),
                List.of(new RelocateReport("lab", 9, 0, 9, 9, 0, 0)), true);
        assertThat(relocated.outcome()).isEqualTo(Report.Outcome.OK);
        assertThat(relocated.toJson().get("relocations").get(0).get("objectsCopied").asLong()).isEqualTo(9);
        assertThat(relocated.toText()).contains("schema lab relocated: 9 objects copied");
    }

    @Test
    void aFailedCheckFailsTheVerifyReport() {
        VerifySummary report = new VerifySummary(List.of(new MigrationCheck("lab", 5, List.of("`scan`.`image` row 3: missing"), List.of()),
                new MigrationCheck("lab2", 2, List.of(), List.of())));
        assertThat(report.outcome()).isEqualTo(Report.Outcome.FAILED);
        assertThat(report.toText()).contains("schema lab: 5 references checked, 1 problem(s), 0 column(s) left\n  problem: ")
                .contains("schema lab2: 2 references checked, all resolve and decode\n");
        assertThat(report.rows()).containsExactly(List.of("lab", 5L, false, 1, 0), List.of("lab2", 2L, true, 0, 0));
    }
}
