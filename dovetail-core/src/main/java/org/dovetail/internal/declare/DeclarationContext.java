package org.dovetail.internal.declare;

import java.util.Optional;

/**
 * What a definition may refer to: tables named in foreign keys ({@code -> Subject},
 * {@code -> master}, {@code -> other.Session}) and adapted types ({@code <graph>}), plus the two
 * feature switches DataJoint has for declarations.
 *
 * <pre>{@code
 * DeclarationContext context = new DeclarationContext() {
 *     public Optional<ParentTable> table(String reference) {
 *         return Optional.ofNullable(myTables.get(reference));
 *     }
 * };
 * }</pre>
 */
public interface DeclarationContext {
    /** A context in which no table can be referenced (for tables without foreign keys). */
    DeclarationContext EMPTY = reference -> Optional.empty();

    /**
     * The table a foreign-key reference names: a class name ({@code Subject}), a dotted path
     * ({@code Session.Trial}, {@code vmod.Subject}, {@code master}) or a full table name
     * {@code `db`.`tbl`}; empty if unknown.
     */
    Optional<ParentTable> table(String reference);

    /** The storage type (DataJoint's {@code attribute_type}) of the adapter named {@code name}, without brackets. */
    default Optional<String> adapterType(String name) {
        return Optional.empty();
    }

    /** DataJoint's {@code DJ_SUPPORT_ADAPTED_TYPES} switch. */
    default boolean adaptedTypesEnabled() {
        return true;
    }

    /** DataJoint's {@code DJ_SUPPORT_FILEPATH_MANAGEMENT} switch. */
    default boolean filepathEnabled() {
        return true;
    }
}
