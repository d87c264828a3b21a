package dev.visualsearch.analytics;

import de.javagl.tsne.Tsne;
import java.util.function.DoubleConsumer;

/**
 * Barnes-Hut t-SNE to two dimensions with {@code de.javagl:bh-tsne} (a Java port of van der Maaten's bhtsne), seeded.
 * The perplexity is capped at (n-1)/3 because the Barnes-Hut variant needs 3&times;perplexity neighbours per point.
 */
public final class TsneProjector {

    /** The fewest points t-SNE is run on (fewer make a meaningless map and break the neighbour search). */
    public static final int MIN_POINTS = 4;

    private final ProjectionConfig config;

    public TsneProjector(ProjectionConfig config) {
        this.config = config;
    }

    public double perplexityFor(int n) {
        return Math.min(config.perplexity(), (n - 1) / 3.0);
    }

    public double[][] project(float[][] vectors, DoubleConsumer progress) {
        if (vectors.length < MIN_POINTS) {
            throw new IllegalArgumentException("t-SNE needs at least " + MIN_POINTS + " vectors, got "
                    + vectors.length);
        }
        double[][] input = new double[vectors.length][];
        for (int i = 0; i < vectors.length; i++) {
            input[i] = new double[vectors[i].length];
            for (int j = 0; j < vectors[i].length; j++) {
                input[i][j] = vectors[i][j];
            }
        }
        Tsne tsne = new Tsne();
        tsne.setOutputDims(2);
        int initialDims = config.tsneInitialDims();
        tsne.setInitialDims(initialDims <= 0 ? input[0].length : Math.min(initialDims, input.length - 1));
        tsne.setPerplexity(perplexityFor(vectors.length));
        tsne.setTheta(config.theta());
        tsne.setMaxIterations(config.iterations());
        tsne.setRandomSeed(config.seed());
        tsne.setProgressConsumer(progress);
        tsne.setMessageConsumer(message -> { });
        return tsne.run(input);
    }
}
