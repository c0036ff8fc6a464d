package org.dovetail.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.dovetail.ops.access.AccessManager;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code access init-roles} and {@code access add-module}. */
final class AccessRoleCommands {
    private AccessRoleCommands() {}

    @Command(name = "init-roles", mixinStandardHelpOptions = true,
            description = {"Create dj_guest, dj_collab, dj_user and dj_admin with their grants, per schema prefix.",
                    "Every role reads the shared modules and every known prefix (those of existing schemas and of the "
                            + "accounts holding a role); dj_user writes the shared modules; dj_admin has ALL on `%%`.",
                    "Idempotent: adds only what is missing; run it again to pick up new prefixes."})
    static final class InitRoles implements Callable<Integer> {
        @ParentCommand
        AccessCommand parent;
        @Spec
        CommandSpec spec;

        @Option(names = "--module", paramLabel = "PREFIX",
                description = "A shared module prefix (repeatable). Default: custom[\"" + AccessManager.MODULES_KEY
                        + "\"] of the configuration, else Spyglass's 11 (behavior, common, ..., spikesorting).")
        List<String> modules;

        @Option(names = "--revoke-wildcard",
                description = "Also revoke the `%%` grants of dj_guest, dj_collab, dj_user (Spyglass's), which reach mysql.user.")
        boolean revokeWildcard;

        @Mixin
        AccessOptions.Sql sql;

        @ArgGroup(exclusive = true)
        Decision decision = new Decision();

        @Override
        public Integer call() {
            return parent.plan(spec, sql.only, decision, (access, config) ->
                    access.initRoles(modules != null ? modules : AccessManager.sharedModules(config), revokeWildcard));
        }
    }

    @Command(name = "add-module", mixinStandardHelpOptions = true,
            description = "Make PREFIX a shared module: dj_user writes PREFIX_* schemas, dj_guest and dj_collab read them.")
    static final class AddModule implements Callable<Integer> {
        @ParentCommand
        AccessCommand parent;
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "PREFIX", description = "The schema prefix, e.g. ephys for ephys_* schemas.")
        String prefix;

        @Mixin
        AccessOptions.Sql sql;

        @ArgGroup(exclusive = true)
        Decision decision = new Decision();

        @Override
        public Integer call() {
            return parent.plan(spec, sql.only, decision, (access, config) -> access.addModule(prefix));
        }
    }
}
