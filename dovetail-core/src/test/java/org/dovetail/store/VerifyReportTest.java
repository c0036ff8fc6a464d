package org.dovetail.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.dovetail.Report;
import org.junit.jupiter.api.Test;

class VerifyReportTest {
    private static final UUID HASH = UUID.fromString("00000000-0000-0000-0000-00000000000a");

    @Test
    void aCleanReportIsOkInEveryForm() {
        VerifyReport clean = new VerifyReport("raw", List.of("lab"), false, 3, 3, 2, List.of());
        assertThat(clean.outcome()).isEqualTo(Report.Outcome.OK);
        assertThat(clean.rows()).isEmpty();
        assertThat(clean.toText()).startsWith("store raw, schemas [lab]\n3 tracking rows checked, 3 objects in the schemas' folders\n"
                + "2 folder markers (keys ending in /) there too: not objects, left alone\n").endsWith("OK: the store matches its tracking tables\n");
        assertThat(clean.toJson().toString()).isEqualTo("{\"store\":\"raw\",\"schemas\":[\"lab\"],\"deep\":false,\"rows\":3,\"objects\":3,"
                + "\"folderMarkers\":2,\"findings\":[],\"counts\":{\"MISSING\":0,\"SIZE_MISMATCH\":0,\"CONTENTS_MISMATCH\":0,"
                + "\"UNTRACKED\":0,\"INCOMPLETE_UPLOAD\":0},\"clean\":true}");
    }

    @Test
    void findingsFailTheReportAndAreItsRows() {
        VerifyReport damaged = new VerifyReport("raw", List.of("lab"), true, 1, 1, 0, List.of(
                new VerifyReport.Finding(VerifyReport.Kind.MISSING, "lab", HASH, "/data/lab/00/00/x", "expected 10 bytes"),
                new VerifyReport.Finding(VerifyReport.Kind.UNTRACKED, "lab", null, "/data/lab/zz", "4 bytes")));
        assertThat(damaged.outcome()).isEqualTo(Report.Outcome.FAILED);
        assertThat(damaged.columns()).containsExactly("kind", "schema", "hash", "path", "detail");
        assertThat(damaged.rows()).containsExactly(List.of("missing", "lab", HASH.toString(), "/data/lab/00/00/x", "expected 10 bytes"),
                List.of("untracked", "lab", "", "/data/lab/zz", "4 bytes"));
        assertThat(damaged.toText()).contains("missing /data/lab/00/00/x expected 10 bytes (lab), row " + HASH + "\n")
                .endsWith("FOUND 2 problem(s)\n");
        assertThat(damaged.toJson().get("findings").get(1).get("hash").isNull()).isTrue();
        assertThat(damaged.toJson().get("counts").get("MISSING").asLong()).isEqualTo(1);
    }
}
