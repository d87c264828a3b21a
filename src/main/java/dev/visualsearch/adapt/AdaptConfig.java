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

    /**
     * Folder of unlabelled real photographs (any objects, as shoppers photograph them) that the job, with salient
     * framing on, takes the photo domain's mean from for the photo shift ({@link PhotoShift}); missing or short of
     * {@code photo-pool-min} busy photos: no shift. Adding or removing a file makes the job due again.
     */
    @WithDefault("${app.data-dir}/photo-pool")
    String photoPool();

    /** The fewest busy photos in the pool the shift is learned from (10: the smallest pool measured, evaluation.md). */
    @WithDefault("10")
    int photoPoolMin();

    /**
     * Strength a of the photo shift, v + a * (catalogue mean - photo mean); 0 turns it off, and another value makes
     * the job due.
     */
    @WithDefault("1.0")
    double photoShift();

    /** Seed of the product sample and of every view. */
    @WithDefault("42")
    long seed();
}
