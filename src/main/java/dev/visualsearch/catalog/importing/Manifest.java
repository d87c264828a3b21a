package dev.visualsearch.catalog.importing;

import dev.visualsearch.common.error.ApiProblem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code manifest.csv} of an import: columns {@code file,title,category,sku,price} (only {@code file} is required,
 * in any order), RFC 4180 quoting. Rows are looked up by file name, with or without the archive's folders. The
 * export writes it with {@link #write}, so that an exported catalogue imports as it was.
 */
public final class Manifest {

    /** The columns, in the order {@link #write} puts them. */
    static final List<String> COLUMNS = List.of("file", "title", "category", "sku", "price");

    /** One file's row; any value but {@code file} may be null. */
    public record Row(String file, String title, String category, String sku, String price) {
    }

    private final Map<String, Row> rows;

    private Manifest(Map<String, Row> rows) {
        this.rows = rows;
    }

    /** The CSV (UTF-8, CRLF line ends, RFC 4180 quoting where a value needs it) that {@link #parse} reads back. */
    public static byte[] write(List<Row> rows) {
        StringBuilder csv = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
        for (Row row : rows) {
            csv.append(quote(row.file())).append(',').append(quote(row.title())).append(',')
                    .append(quote(row.category())).append(',').append(quote(row.sku())).append(',')
                    .append(quote(row.price())).append("\r\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String quote(String value) {
        if (value == null) {
            return "";
        }
        boolean needsQuotes = value.contains(",") || value.contains("\"") || value.contains("\n")
                || value.contains("\r") || !value.equals(value.strip());
        return needsQuotes ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    static Manifest empty() {
        return new Manifest(Map.of());
    }

    static Manifest parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<List<String>> records = parseCsv(text);
        if (records.isEmpty()) {
            return empty();
        }
        Map<String, Integer> columns = new HashMap<>();
        List<String> header = records.get(0);
        for (int i = 0; i < header.size(); i++) {
            columns.put(header.get(i).strip().toLowerCase(Locale.ROOT), i);
        }
        if (!columns.containsKey("file")) {
            throw ApiProblem.unprocessable("manifest.csv needs a header row with a 'file' column "
                    + "(columns: file,title,category,sku,price)");
        }
        Map<String, Row> rows = new LinkedHashMap<>();
        for (List<String> record : records.subList(1, records.size())) {
            String file = cell(record, columns, "file");
            if (file == null || file.isBlank()) {
                continue;
            }
            rows.put(file.strip(), new Row(file.strip(), cell(record, columns, "title"),
                    cell(record, columns, "category"), cell(record, columns, "sku"), cell(record, columns, "price")));
        }
        return new Manifest(rows);
    }

    Optional<Row> find(String name) {
        Row row = rows.get(name);
        return Optional.ofNullable(row != null ? row : rows.get(ZipImportSource.baseName(name)));
    }

    List<Row> rows() {
        return List.copyOf(rows.values());
    }

    private static String cell(List<String> record, Map<String, Integer> columns, String name) {
        Integer index = columns.get(name);
        return index == null || index >= record.size() ? null : record.get(index);
    }

    private static List<List<String>> parseCsv(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                record.add(field.toString());
                field.setLength(0);
                if (!(record.size() == 1 && record.get(0).isEmpty())) {
                    records.add(record);
                }
                record = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0 || !record.isEmpty()) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }
}
