package org.dovetail.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code dovetail describe SCHEMA.Table}: the table's definition, reconstructed from the database. */
@Command(name = "describe", mixinStandardHelpOptions = true,
        description = "Print the DataJoint definition of a table, reconstructed from the database as DataJoint's describe() "
                + "does; it declares the same table again. With --format json: table, class and definition.")
final class DescribeCommand implements Callable<Integer> {
    @Mixin
    CommandTarget.OfClass table;

    @Override
    public Integer call() {
        return table.run((schema, className) -> {
            String definition = schema.describe(className);
            Output output = table.output();
            if (output.format() == OutputFormat.table) {
                output.text(definition);
            } else {
                Map<String, Object> record = new LinkedHashMap<>();
                record.put("table", schema.table(className).fullName());
                record.put("class", className);
                record.put("definition", definition);
                output.record(record);
            }
        });
    }
}
