/**
 * Access management: the four Spyglass roles ({@code dj_guest}, {@code dj_collab},
 * {@code dj_user}, {@code dj_admin}) granted by schema prefix, accounts with a default role and
 * a one-time password, password changes, and effective-privilege and server-setting reports.
 * Start from {@link org.dovetail.ops.access.AccessManager}; {@link
 * org.dovetail.ops.access.PasswordChange} changes the connected account's own password.
 *
 * <p><b>Not yet stable:</b> signatures may change before 1.0.
 */
package org.dovetail.ops.access;
