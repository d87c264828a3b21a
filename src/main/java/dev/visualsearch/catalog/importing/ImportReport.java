package dev.visualsearch.catalog.importing;

import java.util.ArrayList;
import java.util.List;

/** What an import did, file by file, summarised for the run's message. */
final class ImportReport {

    private static final int MAX_LISTED = 50;

    private int imported;
    private int duplicates;
    private final List<String> failures = new ArrayList<>();

    void imported() {
        imported++;
    }

    void duplicate() {
        duplicates++;
    }

    void failed(String file, String reason) {
        failures.add(file + ": " + reason);
    }

    int processed() {
        return imported + duplicates + failures.size();
    }

    String summary() {
        StringBuilder text = new StringBuilder()
                .append("Imported ").append(imported)
                .append(", skipped ").append(duplicates).append(" duplicate(s)")
                .append(", failed ").append(failures.size());
        failures.stream().limit(MAX_LISTED).forEach(line -> text.append("\n").append(line));
        if (failures.size() > MAX_LISTED) {
            text.append("\n… and ").append(failures.size() - MAX_LISTED).append(" more");
        }
        return text.toString();
    }
}
