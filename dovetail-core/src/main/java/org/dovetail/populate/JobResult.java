package org.dovetail.populate;

import java.time.Duration;
import java.util.Map;

/**
 * The attempt at one key.
 *
 * @param key the key, as the key source gave it
 * @param outcome how it ended
 * @param duration from the reservation (or the start) to the end, completion of the job row included
 * @param message for a failed or interrupted job, the error text as written to {@code ~jobs}
 *        ({@code ClassName: message}, untruncated); null otherwise
 * @param error what make threw; null unless failed
 */
public record JobResult(Map<String, Object> key, JobOutcome outcome, Duration duration, String message, Throwable error) {
}
