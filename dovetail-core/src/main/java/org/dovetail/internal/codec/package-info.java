/**
 * Conversion of attribute values between Java and the database, one codec per attribute type.
 * Machinery, not API: no compatibility promise.
 *
 * <ul>
 * <li>{@link org.dovetail.internal.codec.AttributeCodecs}: attribute → {@link org.dovetail.internal.codec.AttributeCodec}.</li>
 * <li>{@link org.dovetail.internal.codec.ExternalCodecs}: the extension point for {@code blob@store},
 *     {@code attach@store} and {@code filepath@store}.</li>
 * <li>{@link org.dovetail.schema.Attachment}: the value of an {@code attach} attribute.</li>
 * </ul>
 */
package org.dovetail.internal.codec;
