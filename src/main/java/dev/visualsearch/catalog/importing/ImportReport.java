package dev.visualsearch.catalog.importing;

import dev.visualsearch.catalog.LookAlikes.LookAlike;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** What an import did, file by file, summarised for the run's message. */
final class ImportReport {

    private static final int MAX_LISTED = 50;

    private int imported;
    private int duplicates;
    private final List<String> failures = new ArrayList<>();
    /** Imported product id -> the archive entry it came from, in import order. */
    private final Map<Long, String> files = new LinkedHashMap<>();
    private final List<String> lookAlikes = new ArrayList<>();
    private final Set<String> pairsSeen = new HashSet<>();
    private double lookAlikeThreshold;

    void imported(long productId, String file) {
        imported++;
        files.put(productId, file);
    }

    List<Long> importedIds() {
        return List.copyOf(files.keySet());
    }

    void lookAlikeThreshold(double threshold) {
        this.lookAlikeThreshold = threshold;
    }

    /** An imported product looks like another (existing or imported by this run); each pair is listed once. */
    void lookAlike(long productId, LookAlike like) {
        long other = like.productId();
        if (!pairsSeen.add(Math.min(productId, other) + "-" + Math.max(productId, other))) {
            return;
        }
        String otherFile = files.get(other);
        lookAlikes.add(String.format(Locale.ROOT, "%s (#%d) looks like %s (score %.3f)", files.get(productId),
                productId, otherFile == null ? "product #" + other : otherFile + " (#" + other + ")", like.score()));
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
        if (!lookAlikes.isEmpty()) {
            text.append(String.format(Locale.ROOT, "\nNear-duplicates (imported anyway; score >= %.3f): %d",
                    lookAlikeThreshold, lookAlikes.size()));
            lookAlikes.stream().limit(MAX_LISTED).forEach(line -> text.append("\n").append(line));
            if (lookAlikes.size() > MAX_LISTED) {
                text.append("\n… and ").append(lookAlikes.size() - MAX_LISTED).append(" more");
            }
        }
        return text.toString();
    }
}
