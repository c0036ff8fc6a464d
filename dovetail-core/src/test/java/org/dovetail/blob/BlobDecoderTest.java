package org.dovetail.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Decoding compressed blobs whose fields straddle the inflater's window, and decoded Java types. */
class BlobDecoderTest {
    @Test
    void compressedArraysOfEverySizeAroundTheWindowDecode() {
        for (int bytes : new int[] {8184, 8192, 8200, 16_384 + 3 * 8, 1 << 20}) {
            long[] values = new long[bytes / 8];
            for (int i = 0; i < values.length; i++) {
                values[i] = i % 97;
            }
            byte[] blob = Blob.encode(values);
            assertThat(blob).startsWith(Envelope.ZL123);
            assertThat(((NdArray) Blob.decode(blob)).toLongArray()).isEqualTo(values);
        }
    }

    @Test
    void compressedContainersWithFieldsAcrossTheWindowDecode() {
        List<Object> rows = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            rows.add(Map.of("id", i, "name", "name" + i, "value", i * 0.5, "ok", i % 2 == 0));
        }
        byte[] blob = Blob.encode(rows);
        assertThat(blob).startsWith(Envelope.ZL123);
        List<?> decoded = (List<?>) Blob.decode(blob);
        assertThat(decoded).hasSize(3000);
        assertThat(((Map<?, ?>) decoded.get(2999)).get("name")).isEqualTo("name2999");
        assertThat(((Map<?, ?>) decoded.get(2999)).get("id")).isEqualTo(BigInteger.valueOf(2999));
    }

    @Test
    void pythonNativeValuesDecodeToImmutableJavaTypes() {
        Object decoded = Blob.decode(Blob.encode(List.of(1, "a")));
        assertThat(decoded).isInstanceOf(List.class).isEqualTo(List.of(BigInteger.ONE, "a"));
        assertThatThrownBy(() -> ((List<?>) decoded).remove(0))
            .isInstanceOf(UnsupportedOperationException.class);
        assertThat(Blob.decode(Blob.encode(Tuple.of(1, null)))).isEqualTo(Tuple.of(BigInteger.ONE, null));
    }
}
