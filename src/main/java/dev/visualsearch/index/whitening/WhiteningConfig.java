package dev.visualsearch.index.whitening;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "app.index.whitening")
public interface WhiteningConfig {

    /** Learn PCA whitening from the catalogue at each index build and search in the whitened space. */
    @WithDefault("true")
    boolean enabled();

    /**
     * Shrinkage s: each direction is scaled by (lambda + s * mean lambda)^(-1/2). Small s whitens fully (and
     * amplifies noise), large s approaches plain centring. Chosen by the numbers in docs/evaluation.md.
     */
    @WithDefault("1.0")
    double shrinkage();

    /**
     * Principal directions kept (at most the vector dimension and the catalogue size minus one). 768 keeps the index
     * as large as a plain mixed6 index although the default descriptor has 1,536 values.
     */
    @WithDefault("768")
    int dims();

    /**
     * Search in the space of the head the adapt job learned for the active model, when it has learned one, instead
     * of the PCA whitening (docs/evaluation.md has both rows).
     */
    @WithDefault("true")
    boolean head();

    /** Fewer stored vectors than this: no whitening (too few to learn a covariance from). */
    @WithDefault("100")
    int minVectors();

    /**
     * When the index has grown to this many times the vectors its whitening and relevance calibration were learned
     * from, the index job runs to learn them anew (0: only scheduled and manual index runs do).
     */
    @WithDefault("2.0")
    double relearnGrowth();

    /** Seed of the sample the transform is learned from when the catalogue is larger than 20,000. */
    @WithDefault("42")
    long seed();
}
