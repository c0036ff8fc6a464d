package org.dovetail.internal.declare;

/**
 * A problem with one definition line; {@link DefinitionCompiler} adds the table and line and
 * rethrows it as an {@link org.dovetail.InvalidDefinitionException}.
 */
final class LineProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LineProblem(String problem) {
        super(problem, null, false, false);
    }
}
