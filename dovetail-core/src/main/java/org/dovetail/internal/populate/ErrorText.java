package org.dovetail.internal.populate;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.dovetail.AccessException;
import org.dovetail.BucketInaccessibleException;
import org.dovetail.DovetailException;
import org.dovetail.DuplicateException;
import org.dovetail.IntegrityException;
import org.dovetail.LostConnectionException;
import org.dovetail.MissingAttributeException;
import org.dovetail.MissingExternalFileException;
import org.dovetail.MissingTableException;
import org.dovetail.QuerySyntaxException;
import org.dovetail.UnknownAttributeException;

/**
 * The text of a failed make as DataJoint writes it to {@code ~jobs}: {@code ClassName}, or
 * {@code ClassName: message} when the error has a message. Dovetail's exceptions are named after
 * the DataJoint errors they stand for ({@code DuplicateError}, {@code DataJointError}, ...), so a
 * lab that searches its error rows finds Java's and Python's alike; other exceptions keep their
 * Java simple name.
 */
public final class ErrorText {
    private static final Map<Class<?>, String> PYTHON_NAMES = Map.ofEntries(
            Map.entry(DuplicateException.class, "DuplicateError"),
            Map.entry(IntegrityException.class, "IntegrityError"),
            Map.entry(LostConnectionException.class, "LostConnectionError"),
            Map.entry(MissingTableException.class, "MissingTableError"),
            Map.entry(MissingAttributeException.class, "MissingAttributeError"),
            Map.entry(UnknownAttributeException.class, "UnknownAttributeError"),
            Map.entry(AccessException.class, "AccessError"),
            Map.entry(QuerySyntaxException.class, "QuerySyntaxError"),
            Map.entry(MissingExternalFileException.class, "MissingExternalFile"),
            Map.entry(BucketInaccessibleException.class, "BucketInaccessible"));

    private ErrorText() {
    }

    /** {@code Name} or {@code Name: message}, DataJoint's {@code error_message}. */
    public static String message(Throwable error) {
        String text = error.getMessage();
        return name(error) + (text == null || text.isEmpty() ? "" : ": " + text);
    }

    /** The error's class name as DataJoint would show it. */
    public static String name(Throwable error) {
        String python = PYTHON_NAMES.get(error.getClass());
        if (python != null) {
            return python;
        }
        if (error instanceof DovetailException && error.getClass() == DovetailException.class) {
            return "DataJointError";
        }
        return error.getClass().getSimpleName();
    }

    /** The stack trace as text (Java's form; DataJoint stores Python's traceback in the same column). */
    public static String stack(Throwable error) {
        StringWriter text = new StringWriter();
        error.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
