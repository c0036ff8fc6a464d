package org.dovetail.blob;

import java.util.List;
import java.util.Objects;

/**
 * The blob codec: DataJoint's serialization of values in {@code longblob} columns, byte for
 * byte as DataJoint-Python 0.14 writes it, and reading everything DataJoint-Python 0.11 to 0.14
 * and MATLAB write.
 *
 * <pre>{@code
 * byte[] stored = Blob.encode(Map.of("subject_id", 7, "trace", new double[] {0.5, 1.5}));
 * Map<?, ?> key = (Map<?, ?>) Blob.decode(stored);
 * NdArray trace = (NdArray) key.get("trace");
 * }</pre>
 *
 * <p>What Java values become on the wire (and what {@link #decode(byte[])} returns):
 * <table>
 * <caption>Java types and blob codes</caption>
 * <tr><th>encode accepts</th><th>wire</th><th>decode returns</th></tr>
 * <tr><td>null</td><td>{@code FF} None</td><td>null</td></tr>
 * <tr><td>Boolean</td><td>{@code 0B} bool</td><td>Boolean</td></tr>
 * <tr><td>Byte, Short, Integer, Long, BigInteger</td><td>{@code 0A} int</td><td>BigInteger</td></tr>
 * <tr><td>Double, Float</td><td>{@code 0D} float</td><td>Double</td></tr>
 * <tr><td>{@link Complex}</td><td>{@code 0C} complex</td><td>Complex</td></tr>
 * <tr><td>String</td><td>{@code 05} str</td><td>String</td></tr>
 * <tr><td>byte[]</td><td>{@code 06} bytes</td><td>byte[]</td></tr>
 * <tr><td>{@link Decimal}, BigDecimal</td><td>{@code d} Decimal</td><td>Decimal</td></tr>
 * <tr><td>UUID</td><td>{@code u}</td><td>UUID</td></tr>
 * <tr><td>LocalDateTime, LocalDate, LocalTime; Offset/ZonedDateTime (wall clock, like Python)</td>
 *     <td>{@code t}</td><td>LocalDateTime, LocalDate, LocalTime</td></tr>
 * <tr><td>{@link Tuple}</td><td>{@code 01} tuple</td><td>Tuple</td></tr>
 * <tr><td>List</td><td>{@code 02} list</td><td>unmodifiable List</td></tr>
 * <tr><td>Set</td><td>{@code 03} set</td><td>unmodifiable Set in wire order</td></tr>
 * <tr><td>Map (in its iteration order)</td><td>{@code 04} dict</td><td>unmodifiable Map in wire order</td></tr>
 * <tr><td>{@link NdArray}; primitive arrays and rectangular nests ({@code double[][]}), except byte[]</td>
 *     <td>{@code A} array</td><td>NdArray</td></tr>
 * <tr><td>{@link MatStruct}</td><td>{@code S}</td><td>MatStruct</td></tr>
 * <tr><td>{@link MatCell}</td><td>{@code C}</td><td>MatCell</td></tr>
 * <tr><td>{@link RecordArray}</td><td>{@code F}</td><td>RecordArray</td></tr>
 * <tr><td>(decode only)</td><td>{@code P} sparse</td><td>{@link SparseMatrix}</td></tr>
 * <tr><td>{@link RawBlob} (whole blob only)</td><td>its bytes verbatim</td><td>-</td></tr>
 * </table>
 *
 * <p>The protocol tag is {@code mYm} (MATLAB-readable) unless a value outside MATLAB's vocabulary
 * appears anywhere, then {@code dj0}. Blobs over 1000 bytes are zlib-compressed when that makes
 * them smaller. For the canonical JSON form see {@link BlobJson}.
 */
public final class Blob {
    private Blob() {
    }

    /**
     * Decodes a stored blob with the default options.
     *
     * @param blob the stored bytes
     * @return the value, typed as in the table above
     *
     * @throws BlobFormatException if the bytes are not a valid blob
     */
    public static Object decode(byte[] blob) {
        return decode(blob, DecodeOptions.defaults());
    }

    /**
     * Decodes a stored blob, compressed or not.
     *
     * @param blob the stored bytes
     * @param options reader settings, e.g. the 32-bit MATLAB variant
     * @return the value, typed as in the table above
     *
     * @throws BlobFormatException if the bytes are not a valid blob; never any other exception for bad input
     */
    public static Object decode(byte[] blob, DecodeOptions options) {
        Objects.requireNonNull(blob, "blob");
        return Decoder.decode(blob, Objects.requireNonNull(options, "options"));
    }

    /**
     * Encodes a value as DataJoint-Python's {@code insert} would store it (compressed when that helps).
     *
     * @param value a value of a type in the table above
     * @return the bytes to store
     *
     * @throws BlobValueException if the value or a part of it cannot be encoded
     */
    public static byte[] encode(Object value) {
        return encode(value, EncodeOptions.defaults());
    }

    /**
     * Encodes a value with the given options.
     *
     * @param value a value of a type in the table above
     * @param options writer settings: compression, Python-native values
     * @return the bytes to store
     *
     * @throws BlobValueException if the value or a part of it cannot be encoded
     */
    public static byte[] encode(Object value, EncodeOptions options) {
        return Encoder.encode(value, Objects.requireNonNull(options, "options"));
    }

    /**
     * Encodes many values on several cores (the common fork-join pool), e.g. the blob column of a
     * batch insert. The result lists the blobs in the order of the values and is identical to
     * encoding each value with {@link #encode(Object, EncodeOptions)}.
     *
     * @param values the values, one blob each
     * @param options writer settings
     * @return the blobs in the order of the values
     *
     * @throws BlobValueException if any value cannot be encoded
     */
    public static List<byte[]> encodeAll(List<?> values, EncodeOptions options) {
        Objects.requireNonNull(options, "options");
        return values.parallelStream().map(value -> Encoder.encode(value, options)).toList();
    }
}
