/**
 * Operations a lab's database team runs on a DataJoint database: access management, backup and
 * restore, cleanup of orphaned objects and rows, migration of legacy external storage, and
 * verification of stores against their tracking tables. Each operation plans first and returns a
 * typed report that the command line renders as text or JSON.
 *
 * <p>The operations arrive with their issues; this module holds their shared home. It uses only
 * dovetail-core's public API ({@code org.dovetail.store} for the external stores), never
 * {@code org.dovetail.internal}.
 *
 * <p><b>Not yet stable:</b> the public types of {@code org.dovetail.ops} and its packages may
 * change before 1.0.
 */
package org.dovetail.ops;
