/**
 * Hashes that must equal DataJoint-Python's bit for bit.
 *
 * <ul>
 * <li>{@link org.dovetail.hash.ContentHash}: the MD5 content UUID of external blobs, attachments
 *     and file paths; {@link org.dovetail.hash.UuidBytes} for its database and file-name forms;
 *     {@link org.dovetail.internal.hash.Subfolding} for the object folders.</li>
 * <li>{@link org.dovetail.hash.KeyHash}: the {@code ~jobs} key hash, built on
 *     {@link org.dovetail.hash.PythonStr}, Python's {@code str()} of key values.</li>
 * <li>{@link org.dovetail.internal.hash.LegacyHash}: the SHA-256 object hash of 0.11 external storage.</li>
 * </ul>
 */
package org.dovetail.hash;

import org.dovetail.internal.hash.LegacyHash;
import org.dovetail.internal.hash.Subfolding;
