package org.dovetail.ops.backup;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dovetail.spi.ObjectStore;

/**
 * The accounts file of a set: {@code CREATE USER} (or {@code CREATE ROLE}) and {@code GRANT}
 * statements for every account and role but the server's own, from {@code SHOW CREATE USER} and
 * {@code SHOW GRANTS}. Restored only on request ({@code --with-grants}), as
 * {@code CREATE ... IF NOT EXISTS}, so an existing account keeps its password.
 */
final class Accounts {
    private static final Set<String> SYSTEM = Set.of("root", "mariadb.sys", "mysql.sys", "mysql.session", "mysql.infoschema", "PUBLIC", "");

    private Accounts() {}

    /** Writes the accounts file into the set and adds it to {@code files}; null (and a note) when the account may not read them. */
    static Manifest.Accounts dump(Connection c, ObjectStore store, String set, List<Manifest.FileEntry> files, List<String> notes) {
        List<String[]> accounts = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT User, Host FROM mysql.user ORDER BY User, Host")) {
            while (rs.next()) {
                if (!SYSTEM.contains(rs.getString(1))) {
                    accounts.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        } catch (SQLException e) {
            notes.add("accounts not backed up: the account may not read mysql.user (" + e.getMessage() + ")");
            return null;
        }
        StringBuilder sql = new StringBuilder("-- dovetail backup: accounts and grants\n");
        List<String> names = new ArrayList<>();
        for (String[] a : accounts) {
            String account = quote(a[0]) + "@" + quote(a[1]);
            List<String> statements = new ArrayList<>();
            try {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW CREATE USER " + account)) {
                    rs.next();
                    statements.add(rs.getString(1).replaceFirst("^CREATE USER ", "CREATE USER IF NOT EXISTS "));
                }
            } catch (SQLException e) {
                if (a[1].isEmpty()) {
                    statements.add("CREATE ROLE IF NOT EXISTS " + quote(a[0])); // a MariaDB role: no host, no CREATE USER text
                } else {
                    notes.add("account " + account + " not backed up: " + e.getMessage());
                    continue;
                }
            }
            String grantee = a[1].isEmpty() ? quote(a[0]) : account;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW GRANTS FOR " + grantee)) {
                while (rs.next()) {
                    statements.add(rs.getString(1));
                }
            } catch (SQLException e) {
                notes.add("grants of " + account + " not backed up: " + e.getMessage());
            }
            names.add(a[1].isEmpty() ? quote(a[0]) : account);
            for (String st : statements) {
                sql.append(st).append(";\n");
            }
        }
        byte[] bytes = sql.toString().getBytes(StandardCharsets.UTF_8);
        String path = SetLayout.accounts(set);
        store.put(path, bytes, Map.of());
        files.add(new Manifest.FileEntry(path, bytes.length, Hashing.hex(Hashing.sha256().digest(bytes))));
        return new Manifest.Accounts(path, names);
    }

    static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    /** The statements of an accounts file (one per line ending with {@code ;}). */
    static List<String> statements(byte[] file) {
        List<String> out = new ArrayList<>();
        for (String line : new String(file, StandardCharsets.UTF_8).split("\n")) {
            if (!line.startsWith("--") && line.endsWith(";")) {
                out.add(line.substring(0, line.length() - 1));
            }
        }
        return out;
    }
}
