package org.dovetail.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dovetail.blob.BlobVectorsTest.normalized;
import static org.quicktheories.QuickTheory.qt;

import org.junit.jupiter.api.Test;

/** Properties over random value trees (see {@link RandomValues}). */
class BlobPropertyTest {
    static final int EXAMPLES = 3000;

    @Test
    void decodingAnEncodedTreeGivesTheSameTreeAndTheSameBytes() {
        qt().withExamples(EXAMPLES).withFixedSeed(1).forAll(RandomValues.trees(4, true)).checkAssert(value -> {
            byte[] encoded = Blob.encode(value);
            Object decoded = Blob.decode(encoded);
            assertThat(Blob.encode(decoded)).isEqualTo(encoded);
            assertThat(normalized(BlobJson.toJson(decoded))).isEqualTo(normalized(BlobJson.toJson(value)));
            EncodeOptions uncompressed = EncodeOptions.defaults().withCompression(false);
            byte[] raw = Blob.encode(decoded, uncompressed);
            assertThat(Blob.encode(Blob.decode(raw), uncompressed)).isEqualTo(raw);
        });
    }

    @Test
    void theJsonTreeEncodesToTheSameBytes() {
        qt().withExamples(EXAMPLES).withFixedSeed(2).forAll(RandomValues.trees(4, false)).checkAssert(value -> {
            byte[] encoded = Blob.encode(value);
            String json = BlobJson.decodeToJson(encoded);
            assertThat(BlobJson.encodeFromJson(json)).isEqualTo(encoded);
        });
    }

    @Test
    void modelValuesEqualTheirDecodedCopies() {
        qt().withExamples(EXAMPLES).withFixedSeed(3).forAll(RandomValues.trees(3, true)).checkAssert(value -> {
            Object decoded = Blob.decode(Blob.encode(value));
            // byte[] has identity equality, so Java collections holding bytes cannot compare equal
            boolean holdsBytes = BlobJson.toJson(value).toString().contains("\"t\":\"bytes\"");
            boolean model = value instanceof NdArray || value instanceof MatStruct || value instanceof MatCell
                || value instanceof RecordArray;
            if (model && !holdsBytes) {
                Object again = Blob.decode(Blob.encode(decoded));
                assertThat(again).isEqualTo(decoded);
                assertThat(again.hashCode()).isEqualTo(decoded.hashCode());
            }
        });
    }

    @Test
    void theGeneratorReachesCompressionAndBothProtocols() {
        java.util.Random random = new java.util.Random(4);
        int compressed = 0;
        int mym = 0;
        int dj0 = 0;
        for (int i = 0; i < EXAMPLES; i++) {
            byte[] blob = Blob.encode(RandomValues.tree(random, 4));
            compressed += blob[0] == 'Z' ? 1 : 0;
            mym += blob[0] == 'm' ? 1 : 0;
            dj0 += blob[0] == 'd' ? 1 : 0;
        }
        assertThat(compressed).isGreaterThan(EXAMPLES / 50);
        assertThat(mym).isGreaterThan(EXAMPLES / 20);
        assertThat(dj0).isGreaterThan(EXAMPLES / 2);
    }
}
