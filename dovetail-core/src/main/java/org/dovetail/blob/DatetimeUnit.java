package org.dovetail.blob;

/**
 * The unit of a numpy {@code datetime64} array: its elements count ticks of this unit since
 * 1970-01-01T00:00. The order matches the blob class ids {@code 65536 + ordinal()}.
 */
public enum DatetimeUnit {
    YEAR("Y"), MONTH("M"), WEEK("W"), DAY("D"), HOUR("h"), MINUTE("m"), SECOND("s"),
    MILLISECOND("ms"), MICROSECOND("us"), NANOSECOND("ns"), PICOSECOND("ps"), FEMTOSECOND("fs"),
    ATTOSECOND("as");

    private final String symbol;

    DatetimeUnit(String symbol) {
        this.symbol = symbol;
    }

    /** numpy's code for this unit, e.g. {@code "us"} in {@code datetime64[us]}. */
    public String symbol() {
        return symbol;
    }
}
