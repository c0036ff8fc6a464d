/**
 * The database session: one JDBC connection with DataJoint's {@code sql_mode}, DataJoint's
 * transactions and reconnection outside a transaction.
 *
 * <p>{@link org.dovetail.connection.Connection} is the type to use; it is not thread-safe (one per
 * thread or worker, as in DataJoint). {@link org.dovetail.connection.ServerVersion} tells MySQL 8
 * from MariaDB. Server errors arrive as the named subclasses of
 * {@link org.dovetail.DovetailException} ({@code DuplicateException}, {@code IntegrityException},
 * {@code LostConnectionException}, ...), each with its {@link org.dovetail.ErrorCode}.
 */
package org.dovetail.connection;
