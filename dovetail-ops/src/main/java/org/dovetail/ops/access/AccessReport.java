package org.dovetail.ops.access;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A report of an access command, rendered as text for people, as JSON for tools, and as rows
 * for CSV.
 *
 * <pre>{@code
 * AccessReport report = access.show("alice");
 * System.out.print(report.toText());
 * String json = report.toJson().toPrettyString();
 * }</pre>
 */
public interface AccessReport {
    /** The report for a terminal: several lines, each ending with a newline. */
    String toText();

    /** The report as one JSON object. */
    ObjectNode toJson();

    /** Column names of the report's main table. */
    List<String> columns();

    /** The rows of the report's main table. */
    List<List<Object>> rows();
}
