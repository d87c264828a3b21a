package dev.visualsearch.search;

import java.time.Instant;
import java.util.UUID;

/**
 * One search as the log stores it. {@code embedMs} and {@code queueMs} (time spent waiting for an inference slot) are
 * null when no forward pass ran: a search by product id, or a query image whose vector came from the cache
 * ({@code embedCache} "hit"; "miss" when it was computed; null for searches by product). {@code photoShift} names
 * the photo shift the query vector went through, null when none did.
 */
public record SearchLogEntry(UUID queryId, Instant at, String source, Long sourceProductId, String requestedMode,
                             String mode, String index, int k, String category, String modelId, long[] resultIds,
                             float[] resultScores, double tookMs, Double embedMs, Double queueMs, String embedCache,
                             double searchMs, String photoShift) {
}
