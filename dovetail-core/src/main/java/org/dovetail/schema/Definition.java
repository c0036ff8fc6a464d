package org.dovetail.schema;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class as a DataJoint table for {@link Schema#declare(Class)}: the class's simple name is
 * the table's class name, the annotation gives the tier and the definition (or the class holds it
 * in a {@code static final String DEFINITION}), a {@code static} {@code List} field
 * {@code CONTENTS} holds Lookup contents, and nested classes annotated with
 * {@code @Definition(tier = Tier.PART, ...)} are its part tables.
 *
 * <pre>{@code
 * @Definition(tier = Tier.MANUAL, value = """
 *         -> Subject
 *         session_idx : smallint unsigned
 *         """)
 * class Session {
 *     @Definition(tier = Tier.PART, value = "-> master\nnote_idx : int\n---\ntext : varchar(255)")
 *     static class Note {}
 * }
 *
 * schema.declare(Session.class);
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Definition {
    /** The tier; {@link Tier#PART} for a nested part class. */
    Tier tier();

    /** The DataJoint definition; "" to read it from the class's {@code DEFINITION} constant. */
    String value() default "";
}
