package org.dovetail.config;

import java.util.Map;

/**
 * {@code database.use_tls}: {@code null} = {@link Mode#PREFERRED} (try TLS, fall back to a plain
 * connection), {@code true} = {@link Mode#REQUIRED}, {@code false} = {@link Mode#DISABLED}, or an
 * object of driver options ({@code ca}, {@code cert}, {@code key}, ...) = required with those options.
 *
 * @param mode    how TLS is used
 * @param options driver options from a {@code use_tls} object, empty otherwise
 */
public record Tls(Mode mode, Map<String, String> options) {
    public enum Mode { PREFERRED, REQUIRED, DISABLED }

    public static final Tls PREFERRED = new Tls(Mode.PREFERRED, Map.of());
    public static final Tls REQUIRED = new Tls(Mode.REQUIRED, Map.of());
    public static final Tls DISABLED = new Tls(Mode.DISABLED, Map.of());

    public Tls {
        options = Map.copyOf(options);
    }
}
