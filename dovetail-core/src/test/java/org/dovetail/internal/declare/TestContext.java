package org.dovetail.internal.declare;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A declaration context built from parent tables given in the test. */
final class TestContext implements DeclarationContext {
    private final Map<String, ParentTable> tables = new HashMap<>();
    private final Map<String, String> adapters = new HashMap<>();
    private boolean filepath = true;
    private boolean adapted = true;

    static TestContext of() {
        return new TestContext();
    }

    /** Adds a parent under {@code reference}; key attributes as name, sqlType, sqlComment triples. */
    TestContext table(String reference, String fullName, String... keyTriples) {
        List<ParentTable.KeyAttribute> key = new java.util.ArrayList<>();
        for (int i = 0; i < keyTriples.length; i += 3) {
            key.add(new ParentTable.KeyAttribute(keyTriples[i], keyTriples[i + 1], keyTriples[i + 2]));
        }
        tables.put(reference, new ParentTable(fullName, key));
        return this;
    }

    TestContext adapter(String name, String storage) {
        adapters.put(name, storage);
        return this;
    }

    TestContext withoutFilepath() {
        filepath = false;
        return this;
    }

    TestContext withoutAdaptedTypes() {
        adapted = false;
        return this;
    }

    @Override
    public Optional<ParentTable> table(String reference) {
        return Optional.ofNullable(tables.get(reference));
    }

    @Override
    public Optional<String> adapterType(String name) {
        return Optional.ofNullable(adapters.get(name));
    }

    @Override
    public boolean adaptedTypesEnabled() {
        return adapted;
    }

    @Override
    public boolean filepathEnabled() {
        return filepath;
    }

    /** The tables of upstream test schema {@code djtest_test1} that the spec's examples refer to. */
    static TestContext test1() {
        return of()
                .table("Subject", "`djtest_test1`.`#subject`", "subject_id", "int", "unique subject id")
                .table("User", "`djtest_test1`.`#user`", "username", "varchar(12)", "")
                .table("Experiment", "`djtest_test1`.`_experiment`",
                        "subject_id", "int", "unique subject id", "experiment_id", "smallint", "experiment number for this subject")
                .table("ThingA", "`djtest_test1`.`thing_a`", "a", "int", "")
                .table("ThingB", "`djtest_test1`.`thing_b`", "b1", "int", "", "b2", "int", "")
                .table("Cell", "`djtest_advanced`.`cell`", "prep", "int", "", "slice", "int", "", "cell", "int", "")
                .table("Website", "`djtest_relational`.`#website`", "url_hash", "binary(16)", ":uuid:")
                .table("master", "`djtest_test1`.`_trial`", "animal", "int", "unique subject id", "experiment_id", "smallint", "",
                        "trial_id", "smallint", "");
    }
}
