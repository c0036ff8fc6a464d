package org.dovetail.store;

import java.util.List;
import java.util.UUID;

/**
 * What a cleanup of unused tracking rows did.
 *
 * @param plan           the plan it carried out
 * @param rowsDeleted    tracking rows deleted
 * @param objectsDeleted objects deleted from the store
 * @param skipped        rows left alone because they were referenced or refreshed since planning
 * @param failures       rows whose object could not be deleted (their row was kept)
 */
public record CleanupReport(UnusedPlan plan, int rowsDeleted, int objectsDeleted, List<UUID> skipped, List<Failure> failures) {
    public CleanupReport {
        skipped = List.copyOf(skipped);
        failures = List.copyOf(failures);
    }

    /**
     * @param hash  the row
     * @param path  the object's address
     * @param error why it could not be deleted
     */
    public record Failure(UUID hash, String path, String error) {}
}
