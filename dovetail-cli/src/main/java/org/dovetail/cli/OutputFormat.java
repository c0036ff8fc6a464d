package org.dovetail.cli;

/**
 * {@code --format}: how data goes to stdout. {@code mermaid}, {@code dot} and {@code svg} are
 * the diagram formats of {@code dovetail diagram}; the other commands write rows.
 */
public enum OutputFormat {
    table, json, jsonl, csv, mermaid, dot, svg;

    /** True for the formats that carry rows. */
    boolean isRows() {
        return this == table || this == json || this == jsonl || this == csv;
    }
}
