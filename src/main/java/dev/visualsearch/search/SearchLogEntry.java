package dev.visualsearch.search;

import java.time.Instant;
import java.util.UUID;

/** One search as the log stores it. */
public record SearchLogEntry(UUID queryId, Instant at, String source, Long sourceProductId, String requestedMode,
                             String mode, String index, int k, String category, String modelId, long[] resultIds,
                             float[] resultScores, double tookMs, Double embedMs, double searchMs) {
}
