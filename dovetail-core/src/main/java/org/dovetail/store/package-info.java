/**
 * External storage as DataJoint uses it: objects in a file directory or an S3 bucket, tracked per
 * schema in {@code ~external_<store>}, with the local blob cache.
 *
 * <p>{@link org.dovetail.spi.ObjectStore} is the small interface over one directory or bucket
 * ({@link org.dovetail.store.FileStore}, {@link org.dovetail.store.S3Store}).
 * {@link org.dovetail.store.ExternalStore} is one configured store: blobs, attachments, filepaths
 * and their tracking rows. Objects are always written before the rows that track them.
 * {@link org.dovetail.store.StoreVerifier} compares a store with its tracking tables, and
 * {@link org.dovetail.store.UnusedObjects} plans the removal of what no row uses.
 */
package org.dovetail.store;

import org.dovetail.spi.ObjectStore;
