/**
 * Backups of DataJoint databases: one consistent snapshot across schemas, a native row format
 * over JDBC, the external objects in a content-addressed area, a manifest written last, and
 * restore, verify and list. Targets are {@link org.dovetail.spi.ObjectStore}s
 * ({@link org.dovetail.ops.backup.BackupTarget}); names in a target are
 * {@link org.dovetail.ops.backup.SetLayout}'s; not yet stable.
 */
package org.dovetail.ops.backup;
