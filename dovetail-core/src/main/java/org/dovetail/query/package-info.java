/**
 * Query expressions, immutable and compiled to one {@code SELECT} as DataJoint-Python compiles them.
 *
 * <p>{@link org.dovetail.query.Query} holds the operators (restrict, minus, join, proj, aggr,
 * union) and the fetch terminals; {@link org.dovetail.query.U}, {@link org.dovetail.query.Top},
 * {@link org.dovetail.query.AndList} and {@link org.dovetail.query.Not} build the special forms.
 * Values are always bound parameters, names always quoted by {@link org.dovetail.TableName#quote}.
 * The compiler classes are package-private.
 *
 * <pre>{@code
 * Query recent = session.restrict("session_date > '2024-01-01'").join(subject).proj("species");
 * List<Map<String, Object>> rows = recent.fetch();
 * }</pre>
 */
package org.dovetail.query;
