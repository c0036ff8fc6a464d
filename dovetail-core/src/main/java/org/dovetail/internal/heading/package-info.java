/**
 * Machinery of headings, not API (no compatibility promise): reading a table's heading from the
 * server ({@link org.dovetail.internal.heading.HeadingReader}), rebuilding its definition
 * ({@link org.dovetail.internal.heading.Describe}) and comparing table shapes on the server.
 */
package org.dovetail.internal.heading;
