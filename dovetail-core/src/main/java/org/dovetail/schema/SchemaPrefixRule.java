package org.dovetail.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.dovetail.config.Config;

/**
 * The Spyglass rule for where new tables belong: a schema whose prefix (the text before the first
 * {@code _}) is a shared module of the lab, {@code temp} or {@code test}, or a schema of the
 * user's own ({@code <user>_...}, comparing the whole user name, so {@code john_doe_lab} belongs to
 * {@code john_doe}), or of the configured team prefix. Declaring elsewhere is allowed but warned about.
 *
 * <p>Test runs name their own test prefixes in the system property
 * {@value #TEST_PREFIXES_PROPERTY} (comma-separated, e.g. {@code t3fa9c2b1a4}): those count as
 * {@code test} does. The test kit registers each schema prefix it hands out, so its schemas are
 * declared without the warning and a warning in a test run points at a real schema.
 *
 * <pre>{@code
 * SchemaPrefixRule rule = SchemaPrefixRule.of(config, "alice");
 * rule.warning("alice_scratch");   // empty
 * rule.warning("ephys_lab");       // "Schema prefix not in shared modules: ephys_lab ..."
 * }</pre>
 */
public final class SchemaPrefixRule {
    /** Spyglass's {@code SHARED_MODULES}, used when the config names none. */
    public static final List<String> SPYGLASS_SHARED_MODULES = List.of("behavior", "common", "decoding", "figurl", "lfp",
            "linearization", "mua", "position", "ripple", "sharing", "spikesorting");
    /** System property with the test prefixes of this JVM, comma-separated; set by the test kit. */
    public static final String TEST_PREFIXES_PROPERTY = "dovetail.test.schema-prefixes";
    private static final List<String> ALWAYS_ALLOWED = List.of("temp", "test");

    private final List<String> sharedModules;
    private final String user;
    private final String teamPrefix;

    private SchemaPrefixRule(List<String> sharedModules, String user, String teamPrefix) {
        this.sharedModules = List.copyOf(sharedModules);
        this.user = user;
        this.teamPrefix = teamPrefix;
    }

    /**
     * The rule for {@code user} under {@code config}: shared modules from
     * {@code custom["database.shared_modules"]} (a list, or a comma-separated string) if present,
     * else Spyglass's; team prefix from {@code custom["database.prefix"]}.
     */
    public static SchemaPrefixRule of(Config config, String user) {
        JsonNode custom = config.custom();
        List<String> modules = new ArrayList<>();
        JsonNode configured = custom.get("database.shared_modules");
        if (configured != null && configured.isArray()) {
            configured.forEach(m -> modules.add(m.asText().strip()));
        } else if (configured != null && configured.isTextual()) {
            for (String m : configured.asText().split(",")) {
                if (!m.isBlank()) {
                    modules.add(m.strip());
                }
            }
        } else {
            modules.addAll(SPYGLASS_SHARED_MODULES);
        }
        JsonNode team = custom.get("database.prefix");
        return new SchemaPrefixRule(modules, user, team != null && team.isTextual() ? team.asText() : null);
    }

    /** The shared module prefixes in force. */
    public List<String> sharedModules() {
        return sharedModules;
    }

    /** A warning if new tables in {@code database} break the rule, else empty. */
    public Optional<String> warning(String database) {
        String prefix = database.split("_", -1)[0];
        boolean allowed = sharedModules.contains(prefix) || ALWAYS_ALLOWED.contains(prefix)
                || testPrefixes().stream().anyMatch(p -> owns(p, database)) || owns(user, database) || owns(teamPrefix, database);
        if (allowed) {
            return Optional.empty();
        }
        return Optional.of("Schema prefix not in shared modules: " + database + " (new tables belong in a shared module ("
                + String.join(", ", sharedModules) + "), temp_/test_ schemas, or your own "
                + (user == null ? "<user>" : user) + "_ schemas)");
    }

    private static List<String> testPrefixes() {
        String listed = System.getProperty(TEST_PREFIXES_PROPERTY, "");
        return Arrays.stream(listed.split(",")).map(String::strip).filter(p -> !p.isEmpty()).toList();
    }

    private static boolean owns(String owner, String database) {
        return owner != null && !owner.isEmpty() && (database.equals(owner) || database.startsWith(owner + "_"));
    }
}
