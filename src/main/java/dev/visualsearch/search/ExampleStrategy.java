package dev.visualsearch.search;

import dev.visualsearch.common.error.ApiProblem;
import dev.visualsearch.embedding.Vectors;
import java.util.List;

/**
 * How positive and negative examples become a ranking (after Qdrant's recommendation API). All vectors are unit
 * vectors in the index's search space.
 * <ul>
 * <li>{@code average}: one query vector, {@code mean(positives) + (mean(positives) - mean(negatives))}, renormalised,
 * searched like any query (one index search, any index).</li>
 * <li>{@code best}: each candidate scores its best cosine to any positive, unless a negative is closer, in which case
 * it scores {@code -(best negative cosine)^2} and sinks below every candidate a positive wins; candidates are the
 * union of each positive's nearest products (one search per positive).</li>
 * </ul>
 */
public enum ExampleStrategy {
    average,
    best;

    public static ExampleStrategy parse(String value) {
        if (value == null || value.isBlank()) {
            return average;
        }
        try {
            return valueOf(value.strip());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("strategy must be 'average' or 'best', not '" + value + "'");
        }
    }

    /** The {@code average} strategy's query vector. */
    public static float[] averageQuery(List<float[]> positives, List<float[]> negatives) {
        if (positives.isEmpty()) {
            throw new IllegalArgumentException("at least one positive example is needed");
        }
        float[] positive = mean(positives);
        if (negatives.isEmpty()) {
            return Vectors.normalise(positive);
        }
        float[] negative = mean(negatives);
        float[] query = new float[positive.length];
        for (int d = 0; d < query.length; d++) {
            query[d] = 2 * positive[d] - negative[d];
        }
        return Vectors.normalise(query);
    }

    /** The {@code best} strategy's score of one candidate. */
    public static float bestScore(float[] candidate, List<float[]> positives, List<float[]> negatives) {
        float bestPositive = best(candidate, positives);
        if (negatives.isEmpty()) {
            return bestPositive;
        }
        float bestNegative = best(candidate, negatives);
        return bestPositive > bestNegative ? bestPositive : -(bestNegative * bestNegative);
    }

    private static float best(float[] candidate, List<float[]> examples) {
        float best = Float.NEGATIVE_INFINITY;
        for (float[] example : examples) {
            best = Math.max(best, Vectors.dot(candidate, example));
        }
        return best;
    }

    private static float[] mean(List<float[]> vectors) {
        float[] sum = new float[vectors.get(0).length];
        for (float[] v : vectors) {
            for (int d = 0; d < sum.length; d++) {
                sum[d] += v[d];
            }
        }
        for (int d = 0; d < sum.length; d++) {
            sum[d] /= vectors.size();
        }
        return sum;
    }
}
