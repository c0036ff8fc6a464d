package org.dovetail.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --where} of delete and fetch (a picocli mixin): the SQL conditions that restrict the table. */
final class Restriction {
    @Option(names = "--where", paramLabel = "COND",
            description = "An SQL restriction such as \"subject_id > 7\" (repeat: all must hold). Without it, every row.")
    List<String> conditions = new ArrayList<>();
}
