package dev.visualsearch.index;

import dev.visualsearch.embedding.Vectors;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Turns a cosine into a relevance a shopper can read, calibrated on the catalogue's own score distribution (the
 * same cosine means different things under different models and whitenings). Two reference points are measured on
 * a seeded sample of the indexed vectors: {@code unrelated}, the 99th percentile of the scores of random pairs of
 * products (only 1 in 100 unrelated products scores higher), and {@code neighbour}, the 90th percentile of each
 * product's score to its nearest other product (as close as the catalogue's closest look-alikes come). Relevance
 * rises linearly from 0 at {@code unrelated} to 1 at {@code neighbour}, clamped to [0,1]. A search has no close match
 * when its best result's relevance is below {@link #NO_CLOSE_MATCH}. How well this separates right from wrong best
 * results, and photos of things the catalogue sells from photos of things it does not, is measured in
 * docs/evaluation.md.
 */
public record ScoreCalibration(float unrelated, float neighbour, int sample) {

    /** Below this relevance the best result is not called a match (chosen on the evaluation sets, docs/evaluation.md). */
    public static final double NO_CLOSE_MATCH = 0.5;
    private static final int MAX_SAMPLE = 1000;
    private static final int MIN_SAMPLE = 100;
    /** Multiply-adds the measurement may spend (a few seconds): fewer sampled products in a large catalogue. */
    private static final double BUDGET = 5e8;

    /** Before any index is built, or for a catalogue too small to measure: relevance follows the cosine. */
    public static final ScoreCalibration UNCALIBRATED = new ScoreCalibration(0f, 1f, 0);

    public double relevance(float score) {
        if (neighbour <= unrelated) {
            return score >= neighbour ? 1 : 0;
        }
        return Math.max(0, Math.min(1, (score - unrelated) / (double) (neighbour - unrelated)));
    }

    public boolean isCloseMatch(float bestScore) {
        return relevance(bestScore) >= NO_CLOSE_MATCH;
    }

    /**
     * Measures the two reference points on a seeded sample of {@code vectors} (unit length): up to 1000 products,
     * fewer in a large catalogue (at least 100) so that the scan over all of them stays within a few seconds.
     */
    public static ScoreCalibration measure(List<float[]> vectors, long seed) {
        int n = vectors.size();
        if (n < 3) {
            return UNCALIBRATED;
        }
        Random random = new Random(seed);
        long cost = (long) n * vectors.get(0).length;
        int sample = Math.min(n, (int) Math.max(MIN_SAMPLE, Math.min(MAX_SAMPLE, BUDGET / cost)));
        int[] picks = n == sample ? java.util.stream.IntStream.range(0, n).toArray()
                : random.ints(0, n).distinct().limit(sample).toArray();
        float[] nearest = new float[sample];
        float[] unrelated = new float[sample];
        for (int s = 0; s < sample; s++) {
            float[] v = vectors.get(picks[s]);
            float best = -1;
            for (int j = 0; j < n; j++) {
                if (j != picks[s]) {
                    best = Math.max(best, Vectors.dot(v, vectors.get(j)));
                }
            }
            nearest[s] = best;
            int other = random.nextInt(n - 1);
            unrelated[s] = Vectors.dot(v, vectors.get(other >= picks[s] ? other + 1 : other));
        }
        Arrays.sort(nearest);
        Arrays.sort(unrelated);
        return new ScoreCalibration(percentile(unrelated, 0.99), percentile(nearest, 0.9), sample);
    }

    private static float percentile(float[] sorted, double p) {
        return sorted[(int) Math.round(p * (sorted.length - 1))];
    }
}
