/**
 * The machinery under {@link org.dovetail.store.ExternalStore}; no compatibility promise.
 *
 * <ul>
 * <li>{@link org.dovetail.internal.store.ObjectStores}: opens a {@code file} directory
 *     ({@code FileStore}) or an {@code s3} bucket ({@link org.dovetail.internal.store.S3Store}) as an
 *     {@link org.dovetail.spi.ObjectStore}; files are written through
 *     {@link org.dovetail.internal.store.AtomicFiles}.</li>
 * <li>{@link org.dovetail.internal.store.TrackingTable}: the statements on one schema's
 *     {@code ~external_<store>} table; {@link org.dovetail.internal.store.Reference} is a column
 *     that refers to it.</li>
 * <li>{@link org.dovetail.internal.store.ObjectPaths}: where DataJoint puts each object;
 *     {@link org.dovetail.internal.store.AttachmentFiles}: where a fetched attachment goes.</li>
 * <li>{@link org.dovetail.internal.store.TransferPool}: the bounded threads of a store's transfers.</li>
 * </ul>
 */
package org.dovetail.internal.store;
