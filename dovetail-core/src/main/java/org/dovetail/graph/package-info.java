/**
 * The dependency graph: tables and the foreign keys between them, across schemas, as DataJoint
 * builds it (renamed foreign keys through alias nodes), with parents, children, descendants,
 * ancestors, masters and parts, and DataJoint's topological order. The base for listing tables,
 * cascading deletes, populate order and diagrams. Start at {@link org.dovetail.graph.DependencyGraph}.
 */
package org.dovetail.graph;
