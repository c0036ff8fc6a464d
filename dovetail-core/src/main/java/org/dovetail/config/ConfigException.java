package org.dovetail.config;

import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;

/**
 * A configuration value is missing, malformed or contradictory. The message names where the value
 * came from (file or environment variable) and the key.
 */
public class ConfigException extends DovetailException {
    private static final long serialVersionUID = 1L;
    private final String source;
    private final String key;

    public ConfigException(String source, String key, String problem) {
        super(ErrorCode.CONFIG, source + ": `" + key + "` " + problem);
        this.source = source;
        this.key = key;
    }

    public ConfigException(String message) {
        super(ErrorCode.CONFIG, message);
        this.source = null;
        this.key = null;
    }

    /** The file path or environment variable the value came from, or null. */
    public String source() {
        return source;
    }

    /** The configuration key, e.g. {@code database.port}, or null. */
    public String key() {
        return key;
    }
}
