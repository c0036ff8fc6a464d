package org.dovetail.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.dovetail.heading.Heading;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code dovetail heading SCHEMA.Table}: the table's heading as read from the database. */
@Command(name = "heading", mixinStandardHelpOptions = true,
        description = "Print the heading of a table as read from the database: attributes with DataJoint's types, keys, "
                + "defaults and comments. --format json gives the whole heading with DataJoint's property names "
                + "(attributes, primary_key, indexes, parents with attr_map, comment).")
final class HeadingCommand implements Callable<Integer> {
    @Mixin
    CommandTarget.OfClass table;

    @Override
    public Integer call() {
        return table.run((schema, className) -> {
            Heading heading = schema.heading(className);
            Output output = table.output();
            if (output.format() == OutputFormat.json || output.format() == OutputFormat.jsonl) {
                output.value(heading);
            } else {
                List<List<Object>> rows = heading.attributes().stream()
                        .map(a -> List.<Object>of(a.name(), a.type(), a.inKey() ? "PK" : "", a.nullable() ? "yes" : "",
                                a.defaultValue() == null ? "" : a.defaultValue(), a.comment()))
                        .toList();
                output.rows(List.of("attribute", "type", "key", "nullable", "default", "comment"), rows);
            }
        });
    }
}
