package org.dovetail.config;

/** {@code host} or {@code host:port}, split as DataJoint splits it (on the colon; no IPv6 literals). */
record HostAndPort(String host, Integer port) {

    static HostAndPort parse(String value, String key, String source) {
        if (value == null || value.isBlank()) {
            throw new ConfigException(source, key, "must name a host, got an empty value");
        }
        String text = value.strip();
        int colon = text.indexOf(':');
        if (colon < 0) {
            return new HostAndPort(text, null);
        }
        String host = text.substring(0, colon);
        String port = text.substring(colon + 1);
        if (host.isEmpty() || port.indexOf(':') >= 0) {
            throw new ConfigException(source, key, "must be host or host:port, got \"" + value + "\"");
        }
        try {
            int p = Integer.parseInt(port);
            if (p < 1 || p > 65535) {
                throw new NumberFormatException();
            }
            return new HostAndPort(host, p);
        } catch (NumberFormatException e) {
            throw new ConfigException(source, key, "has an invalid port in \"" + value + "\" (expected 1..65535)");
        }
    }
}
