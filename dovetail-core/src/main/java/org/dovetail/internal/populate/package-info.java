/**
 * Machinery of {@code org.dovetail.populate}: the per-thread scope that allows inserts into the
 * table being made, the error text written to {@code ~jobs}, and the deep comparison of a
 * tripartite make's fetched inputs. No compatibility promise.
 */
package org.dovetail.internal.populate;
