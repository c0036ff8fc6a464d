package org.dovetail.connection;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The database server's flavour and numeric version, read from {@code @@version} (and
 * {@code @@version_comment}). Parses what real servers report, e.g.
 * {@code 8.0.34-0ubuntu0.22.04.1}, {@code 5.7.44-log}, {@code 10.11.5-MariaDB},
 * {@code 11.4.2-MariaDB-ubu2404} and the replication-safe prefix {@code 5.5.5-10.6.12-MariaDB}.
 *
 * @param flavor MySQL or MariaDB
 * @param major  major version
 * @param minor  minor version
 * @param patch  patch version
 * @param text   the version string as the server reported it
 */
public record ServerVersion(Flavor flavor, int major, int minor, int patch, String text) {

    public enum Flavor { MYSQL, MARIADB }

    private static final Pattern NUMBERS = Pattern.compile("^(\\d+)\\.(\\d+)(?:\\.(\\d+))?");
    private static final Pattern MARIADB_AFTER_COMPAT_PREFIX = Pattern.compile("^5\\.5\\.5-(\\d+\\.\\d+(?:\\.\\d+)?)");

    /**
     * Parses a version string.
     *
     * @param version        {@code SELECT @@version}
     * @param versionComment {@code SELECT @@version_comment}, or null
     * @throws IllegalArgumentException if the string does not start with {@code major.minor}
     */
    public static ServerVersion parse(String version, String versionComment) {
        if (version == null) {
            throw new IllegalArgumentException("no server version string");
        }
        String text = version.strip();
        boolean mariadb = text.toLowerCase(Locale.ROOT).contains("mariadb")
                || (versionComment != null && versionComment.toLowerCase(Locale.ROOT).contains("mariadb"));
        String numeric = text;
        Matcher compat = MARIADB_AFTER_COMPAT_PREFIX.matcher(text);
        if (mariadb && compat.find()) {
            numeric = compat.group(1);
        }
        Matcher m = NUMBERS.matcher(numeric);
        if (!m.find()) {
            throw new IllegalArgumentException("unrecognised server version \"" + version + "\"");
        }
        int patch = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        return new ServerVersion(mariadb ? Flavor.MARIADB : Flavor.MYSQL,
                Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), patch, text);
    }

    public boolean isMariaDb() {
        return flavor == Flavor.MARIADB;
    }

    public boolean isMySql() {
        return flavor == Flavor.MYSQL;
    }

    /** True if this version is at least {@code major.minor.patch}. */
    public boolean atLeast(int major, int minor, int patch) {
        if (this.major != major) {
            return this.major > major;
        }
        if (this.minor != minor) {
            return this.minor > minor;
        }
        return this.patch >= patch;
    }

    /** {@code MariaDB 10.11.5} or {@code MySQL 8.0.34}. */
    public String describe() {
        return (isMariaDb() ? "MariaDB " : "MySQL ") + major + "." + minor + "." + patch;
    }
}
