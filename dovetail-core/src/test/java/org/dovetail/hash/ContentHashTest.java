package org.dovetail.hash;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;
import org.dovetail.DovetailException;
import org.dovetail.internal.hash.Digests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentHashTest {
    @TempDir
    Path dir;

    @Test
    void everyDataJointBufferVectorMatchesInAllForms() throws IOException {
        for (JsonNode vector : Vectors.group(Vectors.DATAJOINT, "uuid_from_buffer")) {
            byte[] data = Vectors.bytes(vector.get("buffer_hex").asText());
            String init = vector.get("init_string").asText();
            Path file = Files.write(dir.resolve("data.bin"), data);

            UUID uuid = ContentHash.uuidFromBuffer(data, init);

            assertThat(uuid).as("%s", vector).hasToString(vector.get("uuid").asText());
            assertThat(HexFormat.of().formatHex(UuidBytes.toBytes(uuid)))
                    .isEqualTo(vector.get("db_bytes_hex").asText());
            assertThat(UuidBytes.toHex(uuid)).isEqualTo(vector.get("path_name").asText());
            assertThat(ContentHash.uuidFromFile(file, init)).isEqualTo(uuid);
            assertThat(ContentHash.uuidFromStream(new ByteArrayInputStream(data), init)).isEqualTo(uuid);
        }
    }

    @Test
    void fileLargerThanTheChunkSizeHashesLikeTheBuffer() throws IOException {
        byte[] data = new byte[3 * Digests.CHUNK_SIZE + 17];
        new Random(7).nextBytes(data);
        Path file = Files.write(dir.resolve("big.bin"), data);

        assertThat(ContentHash.uuidFromFile(file, "big.bin\0"))
                .isEqualTo(ContentHash.uuidFromBuffer(data, "big.bin\0"));
    }

    @Test
    void streamDeliveringFewBytesPerReadHashesLikeTheBuffer() {
        byte[] data = new byte[Digests.CHUNK_SIZE + 1000];
        new Random(11).nextBytes(data);
        InputStream trickle = new FilterInputStream(new ByteArrayInputStream(data)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 7));
            }
        };

        assertThat(ContentHash.uuidFromStream(trickle, "")).isEqualTo(ContentHash.uuidFromBuffer(data, ""));
    }

    @Test
    void initStringIsHashedAsUtf8BeforeTheData() {
        assertThat(ContentHash.uuidFromBuffer("ü.txt\0data".getBytes(UTF_8), ""))
                .isEqualTo(ContentHash.uuidFromBuffer("data".getBytes(UTF_8), "ü.txt\0"));
    }

    @Test
    void differsFromTheRfc4122NameBasedUuid() {
        byte[] abc = "abc".getBytes(UTF_8);
        assertThat(ContentHash.uuidFromBuffer(abc, "")).isNotEqualTo(UUID.nameUUIDFromBytes(abc));
    }

    @Test
    void initStringWithUnpairedSurrogateIsRejectedLikePython() {
        assertThatThrownBy(() -> ContentHash.uuidFromBuffer(new byte[0], "bad\uD800name"))
                .isInstanceOf(DovetailException.class)
                .hasMessageContaining("unpaired surrogate");
    }

    @Test
    void unreadableFileIsReportedByName() {
        Path missing = dir.resolve("missing.bin");
        assertThatThrownBy(() -> ContentHash.uuidFromFile(missing, ""))
                .isInstanceOf(DovetailException.class)
                .hasMessageContaining(missing.toString())
                .hasCauseInstanceOf(IOException.class);
    }
}
