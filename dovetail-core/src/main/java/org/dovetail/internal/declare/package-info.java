/**
 * DataJoint's definition language compiled to the SQL DataJoint-Python 0.14 sends; no database access.
 * Machinery, not API: no compatibility promise.
 *
 * <ul>
 * <li>{@link org.dovetail.internal.declare.DefinitionCompiler}: definition → {@link org.dovetail.internal.declare.CompiledTable}
 *     → exact CREATE TABLE text; errors are {@link org.dovetail.InvalidDefinitionException}s naming the line.</li>
 * <li>{@link org.dovetail.internal.declare.DeclarationContext}: what foreign keys and adapted types refer to.</li>
 * <li>{@link org.dovetail.schema.Tier}, {@link org.dovetail.internal.declare.TableNames}: tiers, SQL name prefixes,
 *     CamelCase ↔ snake_case; {@link org.dovetail.internal.declare.TypeCategory}: DataJoint's type categories.</li>
 * </ul>
 */
package org.dovetail.internal.declare;
