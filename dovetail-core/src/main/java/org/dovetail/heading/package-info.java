/**
 * Headings read from the database, whoever declared the table, and DataJoint's {@code describe()}.
 *
 * <ul>
 * <li>{@link org.dovetail.internal.heading.HeadingReader}: {@code `db`.`tbl`} → {@link org.dovetail.heading.Heading}
 *     (attributes, keys, indexes, foreign keys; serialisable with Jackson under DataJoint's names).</li>
 * <li>{@link org.dovetail.internal.heading.Describe}: heading → definition text.</li>
 * <li>{@link org.dovetail.internal.heading.TableShape}: what the server stores, to compare a definition with a table.</li>
 * </ul>
 */
package org.dovetail.heading;

import org.dovetail.internal.heading.Describe;
import org.dovetail.internal.heading.HeadingReader;
import org.dovetail.internal.heading.TableShape;
