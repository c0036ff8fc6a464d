package org.dovetail.internal.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.dovetail.DovetailException;
import org.dovetail.hash.Vectors;
import org.junit.jupiter.api.Test;

class SubfoldingTest {
    @Test
    void everyDataJointVectorMatches() {
        for (JsonNode vector : Vectors.group(Vectors.DATAJOINT, "subfold")) {
            List<Integer> folds = new ArrayList<>();
            vector.get("folds").forEach(fold -> folds.add(fold.asInt()));
            List<String> parts = new ArrayList<>();
            vector.get("parts").forEach(part -> parts.add(part.asText()));

            assertThat(Subfolding.subfold(vector.get("name").asText(), folds))
                    .as("%s", vector).isEqualTo(parts);
        }
    }

    @Test
    void shortNamesGiveShortSlicesLikePython() {
        assertThat(Subfolding.subfold("abc", List.of(2, 2, 2))).containsExactly("ab", "c", "");
    }

    @Test
    void negativeFoldIsRejected() {
        assertThatThrownBy(() -> Subfolding.subfold("abc", List.of(-1)))
                .isInstanceOf(DovetailException.class);
    }
}
