package org.dovetail.internal.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.util.Random;
import org.dovetail.DovetailException;
import org.dovetail.hash.Vectors;
import org.junit.jupiter.api.Test;

class LegacyHashTest {
    @Test
    void everyDataJointVectorMatches() {
        for (JsonNode vector : Vectors.group(Vectors.DATAJOINT, "legacy_long_hash")) {
            byte[] blob = Vectors.bytes(vector.get("blob_hex").asText());
            String store = vector.get("store").asText();
            String expected = vector.get("hash").asText();

            assertThat(LegacyHash.legacyHash(blob, store)).isEqualTo(expected);
            assertThat(LegacyHash.legacyHash(new ByteArrayInputStream(blob), store)).isEqualTo(expected);
            assertThat(LegacyHash.storeOf(expected)).isEqualTo(store);
        }
    }

    @Test
    void streamLargerThanTheChunkSizeHashesLikeTheBuffer() {
        byte[] blob = new byte[2 * Digests.CHUNK_SIZE + 5];
        new Random(3).nextBytes(blob);

        assertThat(LegacyHash.legacyHash(new ByteArrayInputStream(blob), "external-raw"))
                .isEqualTo(LegacyHash.legacyHash(blob, "external-raw"))
                .hasSize(43 + 3)
                .matches("[A-Za-z0-9_-]{43}raw");
    }

    @Test
    void onlyZeroElevenStoreNamesAreAccepted() {
        for (String store : new String[] {"raw", "external-", "externalraw", "external-toolongname"}) {
            assertThatThrownBy(() -> LegacyHash.legacyHash(new byte[0], store))
                    .as(store)
                    .isInstanceOf(DovetailException.class)
                    .hasMessageContaining("`" + store + "`");
        }
    }

    @Test
    void storeOfRejectsTextThatIsNoLegacyHash() {
        assertThatThrownBy(() -> LegacyHash.storeOf("short")).isInstanceOf(DovetailException.class);
        assertThatThrownBy(() -> LegacyHash.storeOf("x".repeat(52))).isInstanceOf(DovetailException.class);
    }
}
