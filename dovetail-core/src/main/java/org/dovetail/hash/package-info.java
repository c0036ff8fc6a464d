/**
 * Hashes that must equal DataJoint-Python's bit for bit.
 *
 * <ul>
 * <li>{@link org.dovetail.hash.ContentHash}: the MD5 content UUID of external blobs, attachments
 *     and file paths; {@link org.dovetail.hash.UuidBytes} for its database and file-name forms.</li>
 * <li>{@link org.dovetail.hash.KeyHash}: the {@code ~jobs} key hash, built on Python's
 *     {@code str()} of key values.</li>
 * </ul>
 *
 * <p>The 0.11 legacy object hash, subfolding and Python's {@code repr(float)} are machinery in
 * {@code org.dovetail.internal.hash}.
 */
package org.dovetail.hash;
