package org.dovetail.ops.backup.sftp;

import java.net.URI;
import java.net.URISyntaxException;
import org.dovetail.StoreException;

/**
 * A directory on an SFTP server, written {@code sftp://user@host[:port]/path}. The path is
 * absolute ({@code sftp://backup@vault/srv/backups}); {@code /~/} at its start makes it relative
 * to the account's login directory ({@code sftp://backup@vault/~/mysql}), and no path at all
 * means the login directory itself. A password in the address is refused: login is by key only.
 *
 * <pre>{@code
 * SftpLocation at = SftpLocation.parse("sftp://backup@vault.lab.org:2222/~/mysql");
 * at.user();        // backup
 * at.port();        // 2222
 * at.directory();   // mysql (relative to the login directory)
 * }</pre>
 *
 * @param user      the account to log in as
 * @param host      host name or address
 * @param port      TCP port (22 unless given)
 * @param directory the directory on the server: absolute ({@code /srv/backups}), relative to the
 *                  login directory ({@code mysql}), or empty for the login directory
 */
public record SftpLocation(String user, String host, int port, String directory) {
    /** The URL scheme. */
    public static final String SCHEME = "sftp";
    /** The port of SSH. */
    public static final int DEFAULT_PORT = 22;

    /** True if the text is an {@code sftp://} address (which {@link #parse} may still refuse). */
    public static boolean isSftp(String text) {
        return text.regionMatches(true, 0, SCHEME + "://", 0, SCHEME.length() + 3);
    }

    /**
     * Parses {@code sftp://user@host[:port][/path]}.
     *
     * @throws StoreException naming what is wrong: no user, a password, no host, a bad port, a query
     */
    public static SftpLocation parse(String text) {
        if (!isSftp(text)) {
            throw invalid(text, "it does not start with sftp://");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw invalid(text, e.getReason());
        }
        String userInfo = uri.getUserInfo();
        if (userInfo == null || userInfo.isEmpty()) {
            throw invalid(text, "name the account: sftp://USER@" + (uri.getHost() == null ? "HOST" : uri.getHost()) + "/...");
        }
        if (userInfo.contains(":")) {
            throw invalid(text, "a password in the address is refused (login is by key: give --identity FILE)");
        }
        if (uri.getHost() == null) {
            throw invalid(text, "no host (IPv6 addresses go in brackets: sftp://user@[::1]/path)");
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw invalid(text, "no ?query or #fragment is understood");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String directory;
        if (path.isEmpty() || path.equals("/~") || path.equals("/~/")) {
            directory = "";
        } else if (path.startsWith("/~/")) {
            directory = trimSlashes(path.substring(3));
        } else {
            directory = "/" + trimSlashes(path);
        }
        for (String segment : directory.split("/")) {
            if (segment.equals("..") || segment.equals(".")) {
                throw invalid(text, "the path may not contain `.` or `..`");
            }
        }
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        return new SftpLocation(userInfo, host, uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(), directory);
    }

    /** The remote path of an object path relative to this directory. */
    String remote(String relative) {
        if (relative.isEmpty()) {
            return directory.isEmpty() ? "." : directory;
        }
        if (directory.isEmpty()) {
            return relative;
        }
        return directory.endsWith("/") ? directory + relative : directory + "/" + relative;
    }

    /** {@code host:port} as known_hosts names it: {@code host} on port 22, else {@code [host]:port}. */
    public String knownHostsName() {
        return port == DEFAULT_PORT ? host : "[" + host + "]:" + port;
    }

    /** The address, {@code sftp://user@host:port/path}, for messages and for the {@code spec()} of the store. */
    @Override
    public String toString() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        String path = directory.isEmpty() ? "/~" : directory.startsWith("/") ? directory : "/~/" + directory;
        return SCHEME + "://" + user + "@" + h + (port == DEFAULT_PORT ? "" : ":" + port) + path;
    }

    private static String trimSlashes(String path) {
        String p = path;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    private static StoreException invalid(String text, String why) {
        return new StoreException("Invalid SFTP target \"" + text + "\": " + why);
    }
}
