/**
 * Filling Imported and Computed tables as DataJoint-Python 0.14 does, and sharing its
 * {@code ~jobs} queue with Python workers.
 *
 * <p>{@link org.dovetail.populate.JobTable} is a schema's {@code ~jobs} table: reserve, complete,
 * error and ignore write exactly the rows DataJoint-Python writes, and rows Python wrote read back
 * as {@link org.dovetail.populate.Job}s.
 */
package org.dovetail.populate;
