package dev.visualsearch.bench;

import java.util.Arrays;

/** Percentiles of measured durations (nearest-rank on the sorted samples). */
final class Stats {

    private Stats() {
    }

    static double percentile(double[] samples, double p) {
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static double mean(double[] samples) {
        return Arrays.stream(samples).average().orElse(Double.NaN);
    }

    static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }
}
