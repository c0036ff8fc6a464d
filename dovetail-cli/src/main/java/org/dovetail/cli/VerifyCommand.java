package org.dovetail.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dovetail.store.ExternalStore;
import org.dovetail.store.StoreVerifier;
import org.dovetail.store.VerifyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code dovetail verify --store NAME}: a store against its tracking tables, read-only. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Compare an external store with its ~external_<store> tracking tables, without changing anything:",
                "objects that are missing or have another size (and, with --deep, other contents) than recorded,",
                "objects in the schemas' folders that nothing tracks, and leftovers of interrupted uploads.",
                "Folder markers (keys ending in /, left by S3 consoles and sync tools) are counted, never reported as problems.",
                "Exit code 0 when everything matches, 1 when something was found."})
final class VerifyCommand implements Callable<Integer> {
    @ParentCommand
    DovetailCommand global;
    @Spec
    CommandSpec spec;

    @Option(names = "--store", required = true, paramLabel = "NAME", description = "Store name as configured under `stores`.")
    String store;

    @Option(names = "--schema", paramLabel = "SCHEMA",
            description = "Schema to check (repeatable; default: every schema with a tracking table for the store).")
    List<String> schemas = new ArrayList<>();

    @Option(names = "--deep", description = "Also hash every object's contents (reads every byte).")
    boolean deep;

    @Override
    public Integer call() {
        try (Database.Opened db = Commands.database(spec, global).open();
             ExternalStore external = ExternalStore.open(db.connection(), store)) {
            StoreVerifier verifier = new StoreVerifier(external);
            List<String> checked = schemas.isEmpty() ? verifier.trackedSchemas() : schemas;
            VerifyReport report;
            try (Progress progress = Progress.of("verify " + store, verifier.rowCount(checked))) {
                report = verifier.verify(checked, deep, progress.step());
            }
            return Commands.output(spec, global).report(report);
        }
    }
}
