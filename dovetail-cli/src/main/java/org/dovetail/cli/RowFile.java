package org.dovetail.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;
import org.dovetail.InvalidInputException;
import org.dovetail.heading.Attribute;
import org.dovetail.heading.Heading;

/**
 * Rows read lazily from a JSON Lines file (one object per line) or a CSV file (header row of
 * attribute names), converted for the table's heading; fields that are not attributes are kept
 * as they are, for insert to reject or ignore.
 */
final class RowFile implements Iterable<Map<String, Object>> {
    private final Path file;
    private final Heading heading;
    private final boolean csv;

    RowFile(Path file, Heading heading) {
        this.file = file;
        this.heading = heading;
        this.csv = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
    }

    @Override
    public Iterator<Map<String, Object>> iterator() {
        try {
            BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
            return csv ? new CsvRows(reader) : new JsonRows(reader);
        } catch (IOException e) {
            throw new DovetailException(ErrorCode.IO, "Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * One JSON object of attribute values, field by field, converted for {@code heading}; fields in
     * {@code skip} are left out. A number with a fraction or exponent is read from its text as a
     * BigDecimal (a double would lose digits that a decimal column keeps), unless it is part of a
     * blob or json value, whose trees take doubles.
     *
     * @param where the input and line, for messages
     */
    static Map<String, Object> parseObject(String text, Heading heading, String where, Set<String> skip) throws IOException {
        try (JsonParser p = Output.JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidInputException(where + ": expected a JSON object of attribute values");
            }
            Map<String, Object> row = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken token = p.nextToken();
                if (skip.contains(field)) {
                    p.skipChildren();
                    continue;
                }
                Attribute a = heading.find(field).orElse(null);
                JsonNode node = token == JsonToken.VALUE_NUMBER_FLOAT && a != null && !a.isBlob() && !a.json() ? exact(p) : p.readValueAsTree();
                row.put(field, a == null ? node : JsonValues.fromJson(node, a));
            }
            if (p.nextToken() != null) {
                throw new InvalidInputException(where + ": text after the object (one JSON object per line)");
            }
            return row;
        }
    }

    private static JsonNode exact(JsonParser p) throws IOException {
        BigDecimal value = p.getDecimalValue();
        return value.signum() == 0 && p.getText().startsWith("-") ? DoubleNode.valueOf(-0.0) : DecimalNode.valueOf(value);
    }

    /** One JSON object per non-blank line. */
    private final class JsonRows implements Iterator<Map<String, Object>> {
        private final BufferedReader reader;
        private String next;
        private long line;

        JsonRows(BufferedReader reader) {
            this.reader = reader;
            advance();
        }

        private void advance() {
            try {
                do {
                    next = reader.readLine();
                    line++;
                } while (next != null && next.isBlank());
                if (next == null) {
                    reader.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * One line's object, field by field. A number with a fraction or exponent is read from its
         * text as a BigDecimal (a double would lose digits that a decimal column keeps), unless it is
         * part of a blob or json value, whose trees take doubles.
         */
        private Map<String, Object> parse(String text) throws IOException {
            return parseObject(text, heading, file + " line " + line, Set.of());
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public Map<String, Object> next() {
            if (next == null) {
                throw new NoSuchElementException();
            }
            Map<String, Object> row;
            try {
                row = parse(next);
            } catch (IOException e) {
                throw new InvalidInputException(file + " line " + line + ": not JSON: " + e.getMessage(), e);
            }
            advance();
            return row;
        }
    }

    /** RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks. */
    private final class CsvRows implements Iterator<Map<String, Object>> {
        private final BufferedReader reader;
        private final List<String> header;
        private List<String> next;

        CsvRows(BufferedReader reader) {
            this.reader = reader;
            this.header = record();
            if (header == null) {
                throw new InvalidInputException(file + " is empty: a CSV file needs a header row of attribute names");
            }
            next = record();
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public Map<String, Object> next() {
            if (next == null) {
                throw new NoSuchElementException();
            }
            if (next.size() != header.size()) {
                throw new InvalidInputException(file + ": a row has " + next.size() + " fields, the header " + header.size());
            }
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                Attribute a = heading.find(header.get(i)).orElse(null);
                try {
                    row.put(header.get(i), a == null ? next.get(i) : JsonValues.fromCsv(next.get(i), a));
                } catch (IOException e) {
                    throw new InvalidInputException(file + ": `" + header.get(i) + "` is not JSON: " + e.getMessage(), e);
                }
            }
            next = record();
            return row;
        }

        private List<String> record() {
            try {
                int c = reader.read();
                if (c == -1) {
                    reader.close();
                    return null;
                }
                List<String> fields = new ArrayList<>();
                StringBuilder field = new StringBuilder();
                boolean quoted = false;
                while (c != -1) {
                    if (quoted) {
                        if (c == '"') {
                            reader.mark(1);
                            int after = reader.read();
                            if (after == '"') {
                                field.append('"');
                            } else {
                                quoted = false;
                                reader.reset();
                            }
                        } else {
                            field.append((char) c);
                        }
                    } else if (c == '"') {
                        quoted = true;
                    } else if (c == ',') {
                        fields.add(field.toString());
                        field.setLength(0);
                    } else if (c == '\n' || c == '\r') {
                        if (c == '\r') {
                            reader.mark(1);
                            if (reader.read() != '\n') {
                                reader.reset();
                            }
                        }
                        break;
                    } else {
                        field.append((char) c);
                    }
                    c = reader.read();
                }
                fields.add(field.toString());
                return fields;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
