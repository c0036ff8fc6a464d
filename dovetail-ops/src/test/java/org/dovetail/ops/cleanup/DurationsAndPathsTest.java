package org.dovetail.ops.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.dovetail.DovetailException;
import org.dovetail.ops.Durations;
import org.junit.jupiter.api.Test;

class DurationsAndPathsTest {
    @Test
    void durationsReadAndWriteTheirShortForms() {
        assertThat(Durations.parse("--min-age", "7d")).isEqualTo(Duration.ofDays(7));
        assertThat(Durations.parse("--grace", "36h")).isEqualTo(Duration.ofHours(36));
        assertThat(Durations.parse("--x", "0")).isEqualTo(Duration.ZERO);
        assertThat(Durations.format(Duration.ofHours(36))).isEqualTo("36h");
        assertThat(Durations.format(Duration.ofDays(30))).isEqualTo("30d");
        assertThatThrownBy(() -> Durations.parse("--min-age", "7")).isInstanceOf(DovetailException.class).hasMessageContaining("--min-age takes");
        assertThatThrownBy(() -> Durations.parse("--min-age", "1w")).isInstanceOf(DovetailException.class);
        assertThat(Durations.parse("--heartbeat", "250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Durations.text(Duration.ofSeconds(432))).isEqualTo("7m12s");
    }

    @Test
    void pathsAreReadByTheirShape() {
        List<List<Integer>> folds = List.of(List.of(2, 2));
        String hex = "7c86ec03cff623dddc703a11559e8310";
        assertThat(ObjectPaths.schemaOf("lab/7c/86/" + hex, folds)).isEqualTo("lab");
        assertThat(ObjectPaths.schemaOf("lab/7c/86/" + hex + ".notes.txt", folds)).isEqualTo("lab");
        assertThat(ObjectPaths.schemaOf("lab/7c/87/" + hex, folds)).isNull();
        assertThat(ObjectPaths.schemaOf("lab/" + hex, folds)).isNull();
        assertThat(ObjectPaths.schemaOf("lab/" + hex, List.of(List.of()))).isEqualTo("lab");
        assertThat(ObjectPaths.schemaOf("README.txt", folds)).isNull();
        assertThat(ObjectPaths.withoutTempSuffix("a/b.nwb.saving")).isEqualTo("a/b.nwb");
        assertThat(ObjectPaths.withoutTempSuffix("a/b.nwb.copying")).isEqualTo("a/b.nwb");
        assertThat(ObjectPaths.withoutTempSuffix("lab/7c/86/" + hex + ".saving.0a1b2c3d")).isEqualTo("lab/7c/86/" + hex);
        assertThat(ObjectPaths.withoutTempSuffix("lab/7c/86/" + hex)).isNull();
        assertThat(ObjectPaths.blobHash("lab/7c/86/" + hex + ".x").toString().replace("-", "")).isEqualTo(hex);
    }

    @Test
    void thePathSetHoldsManyPathsAndNoOthers() {
        PathSet set = new PathSet();
        for (int i = 0; i < 100_000; i++) {
            assertThat(set.add("s/" + i)).isTrue();
        }
        assertThat(set.add("s/5")).isFalse();
        assertThat(set.size()).isEqualTo(100_000);
        assertThat(set.contains("s/99999")).isTrue();
        assertThat(set.contains("s/100000")).isFalse();
    }
}
