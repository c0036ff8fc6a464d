package org.dovetail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What an operation found or did, in the three forms every command prints: text for a terminal,
 * one JSON object for tools, and a main table for CSV. Access changes, privilege reports, store
 * verification and the migration steps are all reports, so the command line renders every one
 * the same way ({@code --format table|json|jsonl|csv}) and takes its exit code from
 * {@link #outcome()}.
 *
 * <pre>{@code
 * Report report = verifier.verify(schemas, false, n -> {});
 * System.out.print(report.toText());
 * String json = report.toJson().toPrettyString();
 * if (report.outcome() != Report.Outcome.OK) { ... }
 * }</pre>
 */
public interface Report {
    /** How an operation ended, as scripts need to know it. */
    enum Outcome {
        /** Everything was done, or nothing needed doing (exit code 0). */
        OK,
        /** Something failed or a problem was found (exit code 1). */
        FAILED,
        /** A safety limit stopped the operation before it changed anything (exit code 3). */
        REFUSED
    }

    /** The report for a terminal: lines, each ending with a newline. */
    String toText();

    /** The report as JSON: one object, or an array when a command reports on several schemas. */
    JsonNode toJson();

    /** Column names of the report's main table. */
    List<String> columns();

    /** The rows of the report's main table, one value per column. */
    List<List<Object>> rows();

    /** How the operation ended; {@link Outcome#OK} unless the report says otherwise. */
    default Outcome outcome() {
        return Outcome.OK;
    }
}
