package org.dovetail.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.HexFormat;
import java.util.UUID;
import org.dovetail.DovetailException;
import org.junit.jupiter.api.Test;

class UuidBytesTest {
    @Test
    void bytesAreBigEndianLikePythonUuidBytes() {
        UUID uuid = UUID.fromString("12345678-9abc-def0-0fed-cba987654321");

        assertThat(HexFormat.of().formatHex(UuidBytes.toBytes(uuid)))
                .isEqualTo("123456789abcdef00fedcba987654321");
        assertThat(UuidBytes.toHex(uuid)).isEqualTo("123456789abcdef00fedcba987654321");
    }

    @Test
    void bytesRoundTrip() {
        qt().forAll(longs().all(), longs().all()).checkAssert((msb, lsb) -> {
            UUID uuid = new UUID(msb, lsb);
            assertThat(UuidBytes.fromBytes(UuidBytes.toBytes(uuid))).isEqualTo(uuid);
            assertThat(UuidBytes.toHex(uuid)).isEqualTo(uuid.toString().replace("-", ""));
        });
    }

    @Test
    void onlySixteenBytesMakeAUuid() {
        assertThatThrownBy(() -> UuidBytes.fromBytes(new byte[15]))
                .isInstanceOf(DovetailException.class)
                .hasMessageContaining("got 15");
    }
}
