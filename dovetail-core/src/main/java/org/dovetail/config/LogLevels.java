package org.dovetail.config;

import java.util.List;
import java.util.Locale;

/** The log levels DataJoint accepts in {@code loglevel} / {@code DJ_LOG_LEVEL}. */
final class LogLevels {
    static final List<String> NAMES = List.of("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL");

    private LogLevels() {}

    static String check(String value, String source, String key) {
        String upper = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        if (!NAMES.contains(upper)) {
            throw new ConfigException(source, key, "must be one of " + NAMES + ", got \"" + value + "\"");
        }
        return upper;
    }
}
