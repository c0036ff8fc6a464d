/**
 * External storage as DataJoint uses it: objects in a file directory or an S3 bucket, tracked per
 * schema in {@code ~external_<store>}, with the local blob cache.
 *
 * <p><b>Supported for {@code dovetail-ops}, not yet stable:</b> signatures may change before 1.0.
 *
 * <p>{@link org.dovetail.store.ExternalStore} is one configured store: blobs, attachments,
 * filepaths, their tracking rows ({@link org.dovetail.store.TrackingRow}) and the operations on
 * each schema's tracking table; its objects are an {@link org.dovetail.spi.ObjectStore}. Objects
 * are always written before the rows that track them ({@link org.dovetail.store.StagedObject},
 * {@link org.dovetail.store.StagedFilepath}). {@link org.dovetail.store.StoreVerifier} compares a
 * store with its tracking tables, and {@link org.dovetail.store.UnusedObjects} plans and carries
 * out the removal of what no row uses. The machinery lives in {@code org.dovetail.internal.store}.
 */
package org.dovetail.store;
