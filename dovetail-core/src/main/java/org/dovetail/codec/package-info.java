/**
 * Conversion of attribute values between Java and the database, one codec per attribute type.
 *
 * <ul>
 * <li>{@link org.dovetail.codec.AttributeCodecs}: attribute → {@link org.dovetail.codec.AttributeCodec}.</li>
 * <li>{@link org.dovetail.codec.ExternalCodecs}: the extension point for {@code blob@store},
 *     {@code attach@store} and {@code filepath@store}.</li>
 * <li>{@link org.dovetail.codec.Attachment}: the value of an {@code attach} attribute.</li>
 * </ul>
 */
package org.dovetail.codec;
