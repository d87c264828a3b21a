package dev.visualsearch.duplicates;

import java.time.Instant;
import java.util.List;

/**
 * The near-duplicate report: {@code pairs} at or above {@code threshold}, best first (at most
 * {@code app.duplicates.max-pairs}; {@code total} counts them all), the {@code products} they name, and how the
 * report was computed: the search space the scores are cosines in, how many products were indexed, how many nearest
 * neighbours per product were considered, when and in how many milliseconds, and whether the index has changed since
 * ({@code stale}: a newer report is being computed).
 */
public record DuplicatesReport(double threshold, List<DuplicatePair> pairs, int total, List<PairedProduct> products,
                               String space, int indexed, int neighbours, Instant computedAt, double computeMs,
                               boolean stale) {
}
