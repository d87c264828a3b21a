package dev.visualsearch.adapt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The adapt job: how many altered views it learns from (docs/evaluation.md has the numbers behind the defaults). */
@ConfigMapping(prefix = "app.adapt")
public interface AdaptConfig {

    /**
     * Whether the service runs the job by itself, as the last step of its own {@code all} runs: when the active
     * model has no head yet, and when the catalogue has grown to {@code app.index.whitening.relearn-growth} times
     * the products the head was learned from.
     */
    @WithDefault("true")
    boolean auto();

    /** Altered views embedded per product. */
    @WithDefault("3")
    int views();

    /**
     * Products the head learns from at most (a seeded sample beyond), which bounds the job's time whatever the
     * catalogue's size: views x this many forward passes.
     */
    @WithDefault("2000")
    int maxProducts();

    /**
     * Shrinkage of both stages of the pair whitening (see PairWhitening); the directions kept are
     * app.index.whitening.dims, so the index keeps its size.
     */
    @WithDefault("1.0")
    double shrinkage();

    /** Seed of the product sample and of every view. */
    @WithDefault("42")
    long seed();
}
