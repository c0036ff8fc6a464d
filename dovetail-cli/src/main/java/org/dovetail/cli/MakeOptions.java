package org.dovetail.cli;

import java.io.File;
import java.lang.reflect.Constructor;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;
import org.dovetail.populate.Make;
import org.dovetail.populate.Populator;
import org.dovetail.populate.TripartiteMake;
import org.dovetail.schema.Table;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Where {@code worker} and {@code populate} get their make (a picocli mixin): a command in any
 * language ({@code --make-command}, see {@link CommandMake}) or a Java class on the class path
 * ({@code --make}, with {@code --classpath} for a user's jar) implementing {@code Make} or
 * {@code TripartiteMake}, with a public constructor without arguments.
 */
final class MakeOptions {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    /** Exactly one of the two. */
    static final class Source {
        @Option(names = "--make-command", paramLabel = "CMD",
                description = "Run make as this shell command: the key as one JSON object on its standard input, the rows as JSON Lines"
                        + " on its standard output ({\"_table\": \"Part\", ...} for a part's rows); a non-zero exit fails the job"
                        + " with its standard error as the message.")
        String command;

        @Option(names = "--make", paramLabel = "CLASS",
                description = "A Java class implementing org.dovetail.populate.Make or TripartiteMake, with a public no-argument constructor.")
        String className;
    }

    @Option(names = "--classpath", paramLabel = "JAR[:DIR...]", description = "Where to find the --make class besides dovetail's own class path.")
    String classpath;

    /** A populator of {@code target} with this make; the environment goes to a make command. */
    Populator populator(Table target, Map<String, String> environment) {
        if (source.command != null) {
            return Populator.of(target, new CommandMake(source.command, environment));
        }
        Object make = instantiate();
        if (make instanceof Make m) {
            return Populator.of(target, m);
        }
        if (make instanceof TripartiteMake<?, ?> t) {
            return Populator.of(target, t);
        }
        throw new DovetailException(ErrorCode.USAGE, source.className + " implements neither org.dovetail.populate.Make nor TripartiteMake");
    }

    /** How the make is named in reports: the command or the class. */
    String describe() {
        return source.command != null ? source.command : source.className;
    }

    private Object instantiate() {
        ClassLoader parent = MakeOptions.class.getClassLoader();
        ClassLoader loader = classpath == null ? parent : new URLClassLoader(urls(classpath), parent);
        try {
            Class<?> type = Class.forName(source.className, true, loader);
            Constructor<?> constructor = type.getConstructor();
            return constructor.newInstance();
        } catch (ClassNotFoundException e) {
            throw new DovetailException(ErrorCode.USAGE, "No class " + source.className + " on the class path"
                    + (classpath == null ? " (add the jar with --classpath)" : " or in " + classpath), e);
        } catch (NoSuchMethodException e) {
            throw new DovetailException(ErrorCode.USAGE, source.className + " has no public constructor without arguments", e);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new DovetailException(ErrorCode.USAGE, "Cannot create " + source.className + ": " + e, e);
        }
    }

    private static URL[] urls(String classpath) {
        List<URL> urls = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            try {
                urls.add(Path.of(entry).toAbsolutePath().toUri().toURL());
            } catch (MalformedURLException e) {
                throw new DovetailException(ErrorCode.USAGE, "--classpath entry " + entry + " is not a path", e);
            }
        }
        return urls.toArray(URL[]::new);
    }
}
