package org.dovetail.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.dovetail.ConnectionException;
import org.dovetail.Dovetail;
import org.dovetail.blob.NdArray;
import org.dovetail.config.Config;
import org.dovetail.config.StoreSpec;
import org.dovetail.schema.Schema;
import org.dovetail.schema.Table;
import org.dovetail.schema.Tier;
import org.dovetail.spi.ObjectInfo;
import org.dovetail.testkit.TestDatabase;
import org.dovetail.testkit.TestS3;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** The Config and Dovetail parameters of {@link ConnectedTest}, and {@link TestConfigs}, on the real servers. */
@ConnectedTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConnectedExtensionIT {
    private static Dovetail ofClass;
    private static Dovetail ofEarlierTest;
    private Dovetail ofBeforeEach;

    @BeforeAll
    static void connect(Dovetail dj) {
        ofClass = dj;
    }

    @BeforeEach
    void connectForTheTest(Dovetail dj) {
        ofBeforeEach = dj;
    }

    @Test
    @Order(1)
    void theConfigIsTheTestDatabaseWithAnS3StoreOnTheClassBucketAndAFileStore(Config config, TestDatabase db, TestS3 s3) {
        assertThat(config.host()).isEqualTo(db.host());
        assertThat(config.port()).isEqualTo(db.port());
        assertThat(config.user()).contains(db.user());
        assertThat(config.password()).contains(db.password());
        assertThat(config.safemode()).isTrue();
        assertThat(config.stores().keySet()).containsExactlyInAnyOrder(ConnectedTest.S3_STORE, ConnectedTest.FILE_STORE);
        assertThat(config.store("s3store")).isEqualTo(
                StoreSpec.s3("s3store", s3.hostAndPort(), s3.bucket(), "s3store", s3.accessKey(), s3.secretKey()));
        StoreSpec files = config.store("fstore");
        assertThat(files.protocol()).isEqualTo(StoreSpec.Protocol.FILE);
        assertThat(Path.of(files.location())).isDirectory().isEmptyDirectory();
    }

    @Test
    @Order(2)
    void aTestHasADovetailOfItsOwnOnTheClassConfig(Dovetail dj, Config config, TestDatabase db) {
        assertThat(dj).isSameAs(ofBeforeEach).isNotSameAs(ofClass);
        assertThat(dj.config()).isSameAs(config);
        assertThat(ofClass.config()).isSameAs(config);
        assertThat(dj.connection().connectionId()).isNotEqualTo(ofClass.connection().connectionId());
        assertThat(dj.connection().queryValue("SELECT CURRENT_USER()", String.class)).hasValueSatisfying(
                user -> assertThat(user).startsWith(db.user() + "@"));
        ofEarlierTest = dj;
    }

    @Test
    @Order(3)
    void theDovetailOfAnEarlierTestIsClosedAndTheClassesIsOpen(Dovetail dj) {
        assertThat(ofEarlierTest).isNotNull().isNotSameAs(dj);
        assertThatThrownBy(() -> ofEarlierTest.connection().queryValue("SELECT 1", Long.class))
                .isInstanceOf(ConnectionException.class).hasMessageEndingWith("is closed");
        assertThat(ofClass.connection().queryValue("SELECT 1", Long.class)).contains(1L);
    }

    @Test
    @Order(4)
    void blobsGoToTheClassBucketAndTheFileStoreDirectory(Dovetail dj, Config config, TestDatabase db, TestS3 s3) throws IOException {
        Schema lab = dj.createSchema(db.schema("lab"));
        Table traces = lab.declare(Tier.MANUAL, "Trace", "trace_id : int\n---\nin_s3 : blob@s3store\nin_files : blob@fstore");
        traces.insert1(Map.of("trace_id", 1, "in_s3", new double[] {0.5, 1.5}, "in_files", new double[] {2.5}));

        Map<String, Object> row = traces.fetch1();
        assertThat(((NdArray) row.get("in_s3")).toDoubleArray()).containsExactly(0.5, 1.5);
        assertThat(((NdArray) row.get("in_files")).toDoubleArray()).containsExactly(2.5);
        List<ObjectInfo> inS3 = new ArrayList<>();
        dj.store("s3store").objects().list(lab.name() + "/", inS3::add);
        assertThat(inS3).singleElement().satisfies(o -> assertThat(dj.store("s3store").objects().address(o.path()))
                .startsWith("s3://" + s3.bucket() + "/s3store/" + lab.name() + "/"));
        try (Stream<Path> files = Files.walk(Path.of(config.store("fstore").location()))) {
            assertThat(files.filter(Files::isRegularFile)).singleElement()
                    .satisfies(p -> assertThat(p.toString()).contains(lab.name()));
        }
    }

    @Test
    @Order(5)
    void testConfigsBuildsOtherStoresAndSettings(TestDatabase db, TestS3 s3, @TempDir Path dir) {
        Config config = TestConfigs.of(db).s3Store("raw", s3).s3Store("maps", s3, "dj/maps").fileStore("local", dir)
                .builder().safemode(false).build();
        assertThat(config.stores().keySet()).containsExactlyInAnyOrder("raw", "maps", "local");
        assertThat(config.store("raw")).isEqualTo(StoreSpec.s3("raw", s3.hostAndPort(), s3.bucket(), "raw", s3.accessKey(), s3.secretKey()));
        assertThat(config.store("maps").location()).isEqualTo("dj/maps");
        assertThat(config.store("local")).isEqualTo(StoreSpec.file("local", dir.toString()));
        assertThat(config.safemode()).isFalse();
        try (Dovetail dj = Dovetail.connect(config)) {
            Table maps = dj.createSchema(db.schema("maps")).declare(Tier.MANUAL, "Map", "map_id : int\n---\nlayout : blob@maps");
            maps.insert1(Map.of("map_id", 1, "layout", new double[] {3.5}));
            assertThat(((NdArray) maps.fetch1().get("layout")).toDoubleArray()).containsExactly(3.5);
            maps.delete();
            assertThat(maps.fetch()).isEmpty();
        }
    }

    @AfterAll
    static void theClassesDovetailServesAfterAllToo(Dovetail dj) {
        assertThat(dj).isSameAs(ofClass);
        assertThat(dj.connection().queryValue("SELECT 1", Long.class)).contains(1L);
    }
}
