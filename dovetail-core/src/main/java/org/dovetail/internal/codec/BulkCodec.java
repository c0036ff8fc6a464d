package org.dovetail.internal.codec;

import java.util.List;

/**
 * A codec whose values need a second step after the rows are read: {@link #fromDatabase} returns
 * an intermediate value (the stored hash of an external object), and {@link #complete} turns the
 * intermediate values of many rows into final values at once — e.g. fetching their objects in
 * parallel.
 */
public interface BulkCodec extends AttributeCodec {

    /** The final values for the intermediate ones, in the same order; nulls stay null. */
    List<Object> complete(List<Object> fetched);
}
