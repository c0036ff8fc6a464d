/**
 * Headings as read from the database, whoever declared the table: {@link org.dovetail.heading.Heading}
 * (attributes, primary key, indexes, foreign keys; serialisable with Jackson under DataJoint's
 * names), {@link org.dovetail.heading.Attribute}, {@link org.dovetail.heading.Index} and
 * {@link org.dovetail.heading.ForeignKey}. Values only: reading them is
 * {@link org.dovetail.schema.Table#heading()}, and the reader lives in {@code org.dovetail.internal.heading}.
 */
package org.dovetail.heading;
