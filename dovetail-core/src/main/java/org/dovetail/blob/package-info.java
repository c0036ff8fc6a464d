/**
 * DataJoint's blob serialization, byte-compatible with DataJoint-Python 0.14 and MATLAB's mym.
 *
 * <p>The front door is {@link org.dovetail.blob.Blob} (bytes to values and back) and
 * {@link org.dovetail.blob.BlobJson} (the canonical JSON form). The other public types are the
 * values a blob can hold that Java lacks: {@link org.dovetail.blob.NdArray} (numpy / MATLAB
 * arrays), {@link org.dovetail.blob.MatStruct}, {@link org.dovetail.blob.MatCell},
 * {@link org.dovetail.blob.RecordArray}, {@link org.dovetail.blob.Tuple},
 * {@link org.dovetail.blob.Complex}, {@link org.dovetail.blob.Decimal},
 * {@link org.dovetail.blob.SparseMatrix}, and {@link org.dovetail.blob.RawBlob} for passing
 * stored bytes through.
 *
 * <pre>{@code
 * byte[] stored = Blob.encode(List.of(1, "a", new double[][] {{1, 2}, {3, 4}}));
 * List<?> back = (List<?>) Blob.decode(stored);          // [BigInteger 1, "a", NdArray 2x2]
 * String json = BlobJson.decodeToJson(stored);           // {"t":"list","items":[...]}
 * }</pre>
 *
 * <p>Package-private classes here are implementation detail and promise nothing.
 */
package org.dovetail.blob;
