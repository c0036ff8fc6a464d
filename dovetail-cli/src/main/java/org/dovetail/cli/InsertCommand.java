package org.dovetail.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;
import org.dovetail.schema.InsertOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dovetail insert}: rows from a JSON Lines or CSV file, all or nothing. */
@Command(name = "insert", mixinStandardHelpOptions = true,
        description = {"Insert rows from a .jsonl file (one JSON object per line, values as `dovetail fetch --format jsonl`",
                "prints them) or a .csv file (header row of attribute names). All rows or none are inserted."})
final class InsertCommand implements Callable<Integer> {
    @Mixin
    CommandTarget.OfTable table;

    @Option(names = "--file", required = true, paramLabel = "FILE", description = "rows.jsonl or rows.csv")
    Path file;

    @Option(names = "--skip-duplicates", description = "Skip rows whose key exists already.")
    boolean skipDuplicates;

    @Option(names = "--replace", description = "Replace rows whose key exists already.")
    boolean replace;

    @Option(names = "--ignore-extra-fields", description = "Drop fields that are not attributes of the table.")
    boolean ignoreExtraFields;

    @Option(names = "--allow-direct-insert", description = "Allow inserting into an Imported or Computed table.")
    boolean allowDirectInsert;

    @Override
    public Integer call() throws Exception {
        if (!Files.isReadable(file)) {
            throw new DovetailException(ErrorCode.IO, "Cannot read " + file);
        }
        InsertOption[] options = Commands.selected(Map.of(InsertOption.SKIP_DUPLICATES, skipDuplicates, InsertOption.REPLACE, replace,
                InsertOption.IGNORE_EXTRA_FIELDS, ignoreExtraFields, InsertOption.ALLOW_DIRECT_INSERT, allowDirectInsert), InsertOption[]::new);
        return table.run(t -> {
            long lines = System.console() == null ? 0 : Math.max(0, Files.lines(file).count() - (file.toString().endsWith(".csv") ? 1 : 0));
            long inserted;
            try (Progress progress = Progress.of("insert", lines)) {
                RowFile rows = new RowFile(file, t.heading());
                Iterable<Map<String, Object>> counted = () -> new Iterator<>() {
                    private final Iterator<Map<String, Object>> it = rows.iterator();
                    private long done;

                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public Map<String, Object> next() {
                        progress.step().accept(++done);
                        return it.next();
                    }
                };
                inserted = t.insert(counted, options);
            }
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("table", t.fullName());
            report.put("rows", inserted);
            table.output().record(report);
            return ExitCode.OK.code();
        });
    }
}
