package org.dovetail.internal.codec;

import org.dovetail.InvalidValueException;

/**
 * A value of a column that {@link BulkCodec#stage} could not convert, with its position in the
 * column, so that the insert can name the row it came from.
 */
public final class StageFailure extends InvalidValueException {
    private static final long serialVersionUID = 1L;

    private final int index;

    StageFailure(int index, InvalidValueException cause) {
        super(cause.getMessage(), cause);
        this.index = index;
    }

    /** The value's position in the staged column (from 0). */
    public int index() {
        return index;
    }

    /** The same failure at another position: where a value of a smaller list sits in a larger one. */
    StageFailure at(int index) {
        return new StageFailure(index, (InvalidValueException) getCause());
    }
}
