/**
 * The migration of DataJoint 0.11 legacy external storage ({@code external} columns and the
 * shared {@code ~external} table) to the 0.12+ format DataJoint-Python 0.14 reads: plan, run
 * (resumable), verify, relocate and finalize. Start from
 * {@link org.dovetail.ops.migrate.LegacyMigration}; each step returns a report.
 *
 * <p><b>Not yet stable:</b> signatures may change before 1.0.
 */
package org.dovetail.ops.migrate;
