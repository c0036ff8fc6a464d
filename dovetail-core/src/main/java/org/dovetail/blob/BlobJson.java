package org.dovetail.blob;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;

/**
 * The canonical JSON form of blob values (blob-format.md section 9), the form the command line
 * prints and any tool can read: every node is an object whose {@code "t"} names its type,
 * e.g. {@code {"t": "int", "v": 7}} or
 * {@code {"t": "array", "dtype": "float64", "shape": [2], "data": [1.0, "NaN"]}}
 * (array elements listed in column-major order).
 *
 * <pre>{@code
 * String json = BlobJson.decodeToJson(storedBytes);       // bytes -> JSON text
 * byte[] bytes = BlobJson.encodeFromJson(json);           // JSON text -> bytes (same bytes)
 * JsonNode tree = BlobJson.toJson(Blob.decode(storedBytes));
 * }</pre>
 *
 * <p>Float NaN payloads other than the standard quiet NaN do not survive JSON.
 */
public final class BlobJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private BlobJson() {
    }

    /**
     * The JSON tree of a value: anything {@link Blob#encode(Object)} accepts or {@link Blob#decode(byte[])} returns.
     *
     * @param value the value
     * @return its canonical tree
     *
     * @throws BlobValueException for a value with no JSON form
     */
    public static JsonNode toJson(Object value) {
        return JsonTreeWriter.write(value);
    }

    /**
     * The value of a JSON tree, typed as {@link Blob#decode(byte[])} would return it.
     *
     * @param tree a canonical tree
     * @return the value
     *
     * @throws BlobValueException if the tree is malformed
     */
    public static Object fromJson(JsonNode tree) {
        return JsonTreeReader.read(Objects.requireNonNull(tree, "tree"));
    }

    /**
     * Decodes a stored blob into canonical JSON text in one call.
     *
     * @param blob the stored bytes
     * @param options reader settings
     * @return compact JSON text of the canonical tree
     *
     * @throws BlobFormatException if the bytes are not a valid blob
     */
    public static String decodeToJson(byte[] blob, DecodeOptions options) {
        return toJson(Blob.decode(blob, options)).toString();
    }

    /** {@link #decodeToJson(byte[], DecodeOptions)} with default options. */
    public static String decodeToJson(byte[] blob) {
        return decodeToJson(blob, DecodeOptions.defaults());
    }

    /**
     * Encodes the value of canonical JSON text into blob bytes in one call.
     *
     * @param json JSON text of a canonical tree
     * @param options writer settings
     * @return the bytes to store
     *
     * @throws BlobValueException if the text is not JSON or not a valid tree
     */
    public static byte[] encodeFromJson(String json, EncodeOptions options) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new BlobValueException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (tree == null || tree.isMissingNode()) {
            throw new BlobValueException("not JSON: empty text");
        }
        return Blob.encode(fromJson(tree), options);
    }

    /** {@link #encodeFromJson(String, EncodeOptions)} with default options. */
    public static byte[] encodeFromJson(String json) {
        return encodeFromJson(json, EncodeOptions.defaults());
    }
}
