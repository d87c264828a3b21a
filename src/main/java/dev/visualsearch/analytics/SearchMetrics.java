package dev.visualsearch.analytics;

import java.time.LocalDate;
import java.util.List;

/**
 * Search analytics over the search log (all time, or the last {@code days} days). Latencies are end-to-end.
 * {@code embedCacheHitRate} is the share of image searches whose query vector came from the cache, and
 * {@code queueP95Ms} the 95th percentile of the wait for an inference slot (image searches that ran the model): when
 * it grows, searches are queuing behind the model and more inference slots or instances are due. {@code feedback}
 * reads the shoppers' verdicts on the searches of the window.
 */
public record SearchMetrics(long totalSearches, double zeroResultRate, Latency latencyMs, double embedCacheHitRate,
                            double queueP95Ms, List<Day> byDay,
                            List<CategoryCount> topCategories, List<ModeCount> byMode,
                            List<ClusterCount> clusterDistribution, Feedback feedback) {

    /**
     * Verdicts on results: {@code searchesWithFeedback} searches got at least one ({@code share} of all searches);
     * {@code precisionAtK} is the share of verdicts on results ranked 1..k that say "good" (0 when none were judged).
     */
    public record Feedback(long searchesWithFeedback, double share, long good, long bad, int k, double precisionAtK) {
    }

    /** Percentiles of took_ms (continuous, interpolated: PostgreSQL's percentile_cont). */
    public record Latency(double p50, double p95, double p99) {
    }

    /** Searches per UTC day and that day's median latency. */
    public record Day(LocalDate day, long count, double p50Ms) {
    }

    /** Searches whose top result is in the category. */
    public record CategoryCount(String category, long count) {
    }

    /** Searches per mode that answered (a cluster request answered by the exact index counts as exact). */
    public record ModeCount(String mode, long count) {
    }

    /** Searches whose top result is a member of the cluster (of the active clustering). */
    public record ClusterCount(int clusterId, long count) {
    }
}
