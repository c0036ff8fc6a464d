package org.dovetail.ops.backup;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The names of everything in a backup target, in one place:
 *
 * <pre>
 * &lt;label&gt;-YYYYMMDD[-HHMMSS]/          one backup set (UTC; the time is added when the day's name is taken)
 *   manifest.json                      written last: a set without it is incomplete
 *   SHA256SUMS                         the files' SHA-256, for sha256sum -c on any host
 *   accounts.sql                       CREATE USER and GRANT statements (restored on request)
 *   schemas/&lt;schema&gt;/schema.sql        tables, then views, routines, triggers, events
 *   schemas/&lt;schema&gt;/&lt;table&gt;.&lt;n&gt;.dtr[.zst|.gz]   rows of one work unit (docs/guide-backup.md: the row format)
 * objects/&lt;store&gt;/&lt;h0h1&gt;/&lt;key&gt;         external objects, content-addressed, shared by every set
 * </pre>
 *
 * Schema and table names are written into paths {@linkplain #segment encoded}, so that any name
 * the server accepts is one path segment.
 */
public final class SetLayout {
    /** The manifest's name inside a set. */
    public static final String MANIFEST = "manifest.json";
    /** The checksum list inside a set. */
    public static final String SUMS = "SHA256SUMS";
    /** The accounts file inside a set. */
    public static final String ACCOUNTS = "accounts.sql";
    /** The folder of the content-addressed object area, beside the sets. */
    public static final String OBJECTS = "objects/";
    /** The label of sets made without {@code --label}. */
    public static final String DEFAULT_LABEL = "backup";

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern SET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*-\\d{8}(-\\d{6})?");

    private SetLayout() {}

    /** Checks a label: letters, digits, {@code . _ -}, starting with a letter or digit, at most 64 characters. */
    public static String checkLabel(String label) {
        if (label == null || !LABEL.matcher(label).matches()) {
            throw new IllegalArgumentException("A backup label has 1 to 64 letters, digits, '.', '_' or '-' and starts with a letter or digit: "
                    + label);
        }
        return label;
    }

    /** {@code <label>-YYYYMMDD} of a run that started at {@code start} (UTC). */
    public static String dayName(String label, Instant start) {
        return checkLabel(label) + "-" + DAY.format(start);
    }

    /** {@code <label>-YYYYMMDD-HHMMSS}: the name when the day's name is taken. */
    public static String timeName(String label, Instant start) {
        return dayName(label, start) + "-" + TIME.format(start);
    }

    /** True for a top-level folder name that is a set's ({@code <label>-YYYYMMDD[-HHMMSS]}). */
    public static boolean isSetName(String name) {
        return SET.matcher(name).matches();
    }

    /** The manifest of set {@code set}. */
    public static String manifest(String set) {
        return set + "/" + MANIFEST;
    }

    /** The checksum list of set {@code set}. */
    public static String sums(String set) {
        return set + "/" + SUMS;
    }

    /** The accounts file of set {@code set}. */
    public static String accounts(String set) {
        return set + "/" + ACCOUNTS;
    }

    /** The DDL file of a schema in set {@code set}. */
    public static String schemaDdl(String set, String schema) {
        return set + "/schemas/" + segment(schema) + "/schema.sql";
    }

    /** The file of work unit {@code n} of a table, with the compression's suffix. */
    public static String unitFile(String set, String schema, String table, int n, Compression compression) {
        return set + "/schemas/" + segment(schema) + "/" + segment(table) + "." + n + ".dtr" + compression.suffix();
    }

    /** Where an object of store {@code store} with content key {@code key} (hex) lives in the object area. */
    public static String object(String store, String key) {
        return OBJECTS + segment(store) + "/" + key.substring(0, 2) + "/" + key;
    }

    /**
     * A name as one path segment: letters, digits, {@code _ - .} stay (a leading dot does not);
     * every other character, and {@code %}, becomes {@code %XX} of its UTF-8 bytes. Reversible,
     * and distinct names stay distinct ({@code #subject} is {@code %23subject}).
     */
    public static String segment(String name) {
        StringBuilder out = new StringBuilder();
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean plain = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '_' || b == '-'
                    || (b == '.' && i > 0);
            if (plain) {
                out.append((char) b);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 15, 16)));
            }
        }
        return out.toString();
    }
}
