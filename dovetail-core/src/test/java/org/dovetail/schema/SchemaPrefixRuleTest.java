package org.dovetail.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.dovetail.config.Config;
import org.junit.jupiter.api.Test;

/** Spyglass's warning for tables declared outside shared and personal schemas, with the full user name. */
class SchemaPrefixRuleTest {
    private static Config custom(String json) throws Exception {
        return Config.builder().custom(new ObjectMapper().readTree(json)).build();
    }

    @Test
    void sharedModulesTempTestAndTheUsersOwnSchemasAreFine() {
        SchemaPrefixRule rule = SchemaPrefixRule.of(Config.builder().build(), "john_doe");
        for (String ok : new String[] {"common_session", "spikesorting_v1", "lfp", "temp_x", "test_y", "john_doe_lab", "john_doe"}) {
            assertThat(rule.warning(ok)).as(ok).isEmpty();
        }
        assertThat(rule.sharedModules()).hasSize(11).contains("behavior", "figurl", "sharing");
    }

    @Test
    void anythingElseIsWarnedAbout() {
        SchemaPrefixRule rule = SchemaPrefixRule.of(Config.builder().build(), "john_doe");
        assertThat(rule.warning("john_lab")).hasValueSatisfying(w -> assertThat(w)
                .startsWith("Schema prefix not in shared modules: john_lab").contains("john_doe_"));
        assertThat(rule.warning("waveform_x")).isPresent();
        assertThat(rule.warning("commonx_y")).isPresent();
        assertThat(rule.warning("john_doex")).isPresent();
    }

    @Test
    void theConfigNamesSharedModulesAndATeamPrefix() throws Exception {
        SchemaPrefixRule listed = SchemaPrefixRule.of(custom("{\"database.shared_modules\": [\"ephys\", \"behavior\"],"
                + " \"database.prefix\": \"frank\"}"), "alice");
        assertThat(listed.warning("ephys_units")).isEmpty();
        assertThat(listed.warning("frank_nwbfile")).isEmpty();
        assertThat(listed.warning("common_session")).isPresent();
        SchemaPrefixRule text = SchemaPrefixRule.of(custom("{\"database.shared_modules\": \"ephys, imaging\"}"), "alice");
        assertThat(text.sharedModules()).containsExactly("ephys", "imaging");
    }

    /** The property the test kit sets (it does not depend on core, so the name is the contract). */
    private static final String TEST_PREFIXES = "dovetail.test.schema-prefixes";

    @Test
    void theTestPrefixesOfThisJvmCountAsTestSchemas() {
        String before = System.getProperty(TEST_PREFIXES);
        try {
            System.setProperty(TEST_PREFIXES, "t0123456789, t9876543210");
            SchemaPrefixRule rule = SchemaPrefixRule.of(Config.builder().build(), "alice");
            assertThat(rule.warning("t0123456789_lab")).isEmpty();
            assertThat(rule.warning("t9876543210_lab")).isEmpty();
            assertThat(rule.warning("t01234567_lab")).isPresent();
            assertThat(rule.warning("ut0123456789_lab")).isPresent();
            System.clearProperty(TEST_PREFIXES);
            assertThat(SchemaPrefixRule.of(Config.builder().build(), "alice").warning("t0123456789_lab")).isPresent();
        } finally {
            if (before == null) {
                System.clearProperty(TEST_PREFIXES);
            } else {
                System.setProperty(TEST_PREFIXES, before);
            }
        }
    }
}
