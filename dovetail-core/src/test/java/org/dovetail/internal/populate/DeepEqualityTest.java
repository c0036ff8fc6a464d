package org.dovetail.internal.populate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dovetail.DuplicateException;
import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;
import org.junit.jupiter.api.Test;

/** The comparison of a tripartite make's two fetches, and the error texts written to {@code ~jobs}. */
class DeepEqualityTest {
    record Inputs(String name, double[] values, List<Map<String, Object>> rows) {
    }

    @Test
    void valuesAreComparedByContent() {
        Map<String, Object> a = new LinkedHashMap<>(Map.of("x", 1L, "y", new byte[] {1, 2}));
        Map<String, Object> b = new LinkedHashMap<>(Map.of("y", new byte[] {1, 2}, "x", 1L));
        assertThat(DeepEquality.same(a, b)).isTrue();
        assertThat(DeepEquality.same(new Inputs("s", new double[] {1, 2}, List.of(a)), new Inputs("s", new double[] {1, 2}, List.of(b))))
                .isTrue();
        assertThat(DeepEquality.same(new Inputs("s", new double[] {1, 2}, List.of(a)), new Inputs("s", new double[] {1, 3}, List.of(a))))
                .isFalse();
        assertThat(DeepEquality.same(List.of(1L, 2L), List.of(2L, 1L))).as("order matters").isFalse();
        assertThat(DeepEquality.same(new Object[] {new int[] {1}}, new Object[] {new int[] {1}})).isTrue();
        assertThat(DeepEquality.same(Map.of("x", 1L), Map.of("x", 2L))).isFalse();
        assertThat(DeepEquality.same(null, List.of())).isFalse();
        assertThat(DeepEquality.same(null, null)).isTrue();
    }

    @Test
    void errorsAreNamedAsDataJointNamesThem() {
        assertThat(ErrorText.message(new IllegalStateException("no file"))).isEqualTo("IllegalStateException: no file");
        assertThat(ErrorText.message(new IllegalStateException())).isEqualTo("IllegalStateException");
        assertThat(ErrorText.message(new IllegalStateException(""))).isEqualTo("IllegalStateException");
        assertThat(ErrorText.message(new DuplicateException("Duplicate entry '1'", 1062, "INSERT", null)))
                .isEqualTo("DuplicateError: Duplicate entry '1'");
        assertThat(ErrorText.message(new DovetailException(ErrorCode.USAGE, "bad"))).isEqualTo("DataJointError: bad");
        assertThat(ErrorText.stack(new IllegalStateException("x"))).startsWith("java.lang.IllegalStateException: x").contains("\tat ");
    }
}
