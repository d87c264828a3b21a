package dev.visualsearch.analytics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "app.projection")
public interface ProjectionConfig {

    /** Seed of t-SNE's initial layout and of PCA's power-iteration start, so that maps are reproducible. */
    @WithDefault("42")
    long seed();

    /** t-SNE perplexity (effective neighbours); lowered to (n-1)/3 for small catalogues, as Barnes-Hut requires. */
    @WithDefault("30")
    double perplexity();

    /** t-SNE gradient-descent iterations. */
    @WithDefault("1000")
    int iterations();

    /** Barnes-Hut accuracy/speed trade-off (0 would be exact t-SNE; 0.5 is the usual choice). */
    @WithDefault("0.5")
    double theta();

    /** Dimensions PCA reduces the vectors to before t-SNE (0 or the vector size: no reduction). */
    @WithDefault("50")
    int tsneInitialDims();
}
