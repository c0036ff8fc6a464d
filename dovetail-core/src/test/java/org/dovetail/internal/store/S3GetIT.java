package org.dovetail.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.dovetail.MissingExternalFileException;
import org.dovetail.config.StoreSpec;
import org.dovetail.spi.ObjectStore;
import org.dovetail.testkit.DovetailTest;
import org.dovetail.testkit.FilesystemS3;
import org.dovetail.testkit.TestS3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads of an {@code s3} store go through {@link S3Get}, its own signed GET, while uploads stay
 * with the SDK: what one writes the other reads back, for every kind of key DataJoint makes
 * (hashes, attachment names, filepaths with any character), on both of s3proxy's backends.
 */
@DovetailTest
class S3GetIT {
    private static final List<String> KEYS = List.of(
            "lab/7c/86/7c86ec03a2b94f1e8d3c5a6b7e8f9012",
            "lab/recordings/session 1 (copy).nwb",
            "lab/ünïcødé/데이터/файл.dat",
            "lab/odd/a+b=c&d;e,f'g!h@i$j*k~l_m-n.o",
            "lab/percent/100%25 done?.txt");

    @TempDir
    Path work;

    @Test
    void whatTheSdkUploadsReadsBackByteForByteInMemory(TestS3 s3) throws Exception {
        readsBack(s3);
    }

    @Test
    void whatTheSdkUploadsReadsBackByteForByteOnTheFilesystemBackend(@FilesystemS3 TestS3 s3) throws Exception {
        readsBack(s3);
    }

    private void readsBack(TestS3 s3) throws Exception {
        try (ObjectStore store = ObjectStore.open(spec(s3, s3.secretKey()))) {
            Random random = new Random(7);
            for (String key : KEYS) {
                byte[] content = new byte[100 + random.nextInt(2000)];
                random.nextBytes(content);
                store.put(key, content, Map.of());
                assertThat(store.read(key)).as(key).isEqualTo(content);
                try (InputStream in = store.open(key)) {
                    assertThat(in.readAllBytes()).as(key).isEqualTo(content);
                }
                Path copy = work.resolve("copy");
                store.download(key, copy);
                assertThat(Files.readAllBytes(copy)).as(key).isEqualTo(content);
            }
            byte[] empty = new byte[0];
            store.put("lab/empty", empty, Map.of());
            assertThat(store.read("lab/empty")).isEmpty();
        }
    }

    @Test
    void aLargeObjectStreamsAndAStreamClosedEarlyLeavesTheStoreReadable(TestS3 s3) throws Exception {
        try (ObjectStore store = ObjectStore.open(spec(s3, s3.secretKey()))) {
            byte[] big = new byte[6 << 20];
            new Random(3).nextBytes(big);
            Path file = Files.write(work.resolve("big"), big);
            store.put("lab/big", file, Map.of());
            for (int i = 0; i < 3; i++) {
                try (InputStream in = store.open("lab/big")) {
                    assertThat(in.readNBytes(1000)).isEqualTo(java.util.Arrays.copyOf(big, 1000));
                }
            }
            try (InputStream in = store.open("lab/big")) {
                byte[] back = new byte[big.length];
                int n = 0;
                for (int r; (r = in.read(back, n, Math.min(65536, back.length - n))) > 0; ) {
                    n += r;
                }
                assertThat(n).isEqualTo(big.length);
                assertThat(back).isEqualTo(big);
                assertThat(in.read()).isEqualTo(-1);
            }
            assertThat(store.read("lab/big")).isEqualTo(big);
        }
    }

    @Test
    void aMissingObjectIsNamedByItsAddress(TestS3 s3) {
        try (ObjectStore store = ObjectStore.open(spec(s3, s3.secretKey()))) {
            assertThatThrownBy(() -> store.read("lab/no/such object"))
                    .isInstanceOf(MissingExternalFileException.class)
                    .hasMessageContaining("s3://" + s3.bucket() + "/lab/no/such object")
                    .hasMessageContaining("does not exist");
            assertThatThrownBy(() -> store.open("lab/no/such object")).isInstanceOf(MissingExternalFileException.class);
        }
    }

    @Test
    void aRefusedReadNamesTheServersErrorCode(TestS3 s3) throws Exception {
        try (ObjectStore store = ObjectStore.open(spec(s3, s3.secretKey()))) {
            store.put("lab/secret", "x".getBytes(StandardCharsets.UTF_8), Map.of());
        }
        S3Get wrongKey = new S3Get(s3.endpoint(), s3.bucket(), s3.accessKey(), s3.secretKey() + "-wrong", null, Clock.systemUTC());
        assertThatThrownBy(() -> wrongKey.read("lab/secret"))
                .isInstanceOf(S3Get.Failure.class)
                .hasMessageContaining("HTTP 403")
                .hasMessageContaining("SignatureDoesNotMatch");
        S3Get right = new S3Get(s3.endpoint(), s3.bucket(), s3.accessKey(), s3.secretKey(), null, Clock.systemUTC());
        assertThat(new String(right.read("lab/secret"), StandardCharsets.UTF_8)).isEqualTo("x");
    }

    @Test
    void aMissingBucketIsNamedByTheServersErrorCode(TestS3 s3) {
        S3Get elsewhere = new S3Get(s3.endpoint(), s3.bucket() + "-none", s3.accessKey(), s3.secretKey(), null, Clock.systemUTC());
        assertThatThrownBy(() -> elsewhere.read("lab/there"))
                .isInstanceOf(S3Get.Failure.class)
                .hasMessageContaining("HTTP 404")
                .hasMessageContaining("NoSuchBucket");
    }

    private static StoreSpec spec(TestS3 s3, String secret) {
        return StoreSpec.s3("s3", s3.hostAndPort(), s3.bucket(), "", s3.accessKey(), secret);
    }
}
