/**
 * Administration of the job queue DataJoint workers share (each schema's {@code ~jobs}) and of
 * Dovetail's record beside it ({@code ~dovetail_jobs}): listing reservations and errors,
 * clearing error and ignore rows, releasing the reservations of dead workers, and throughput and
 * failure figures. {@link org.dovetail.ops.jobs.JobsAdmin} is the front door; its destructive
 * operations make a plan first and apply through {@link org.dovetail.ops.Operation}.
 *
 * <p>A Java worker's reservation is dead when its heartbeat in {@code ~dovetail_jobs} is stale.
 * DataJoint-Python workers write no heartbeat, and with {@code processes > 1} their rows carry the
 * parent's {@code connection_id}, a connection closed during the run, so nothing on the server
 * tells a live Python job from a dead one: their reservations are released only when asked
 * explicitly, and only past an age.
 *
 * <p><b>Not yet stable.</b>
 */
package org.dovetail.ops.jobs;
