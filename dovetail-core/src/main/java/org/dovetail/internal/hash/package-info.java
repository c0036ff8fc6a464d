/**
 * Machinery of the hashes, not API (no compatibility promise): the 0.11 legacy object hash
 * ({@link org.dovetail.internal.hash.LegacyHash}), DataJoint's subfolding of object paths,
 * Python's {@code repr(float)} and the digest helpers.
 */
package org.dovetail.internal.hash;
