package dev.visualsearch.duplicates;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "app.duplicates")
public interface DuplicatesConfig {

    /**
     * The default near-duplicate threshold when the index searches a whitened space (the default once the catalogue
     * has app.index.whitening.min-vectors products): the cosine there, the score search shows, at or above which two
     * products are called near-duplicates and an upload or import is warned. Chosen on the sample catalogue in the
     * PCA-whitened space and re-measured in the adapt head's, where it holds as well (docs/evaluation.md).
     */
    @WithDefault("0.74")
    double threshold();

    /**
     * The same for an index of the model's own vectors (whitening off, or a catalogue too small to learn one), whose
     * cosines run higher for every pair: chosen the same way, docs/evaluation.md.
     */
    @WithDefault("0.98")
    double unwhitenedThreshold();

    /** Nearest neighbours per product the report considers: a pair is listed when it is among either's nearest. */
    @WithDefault("5")
    int neighbours();

    /** Most pairs one report lists (the best; {@code total} counts all above the threshold). */
    @WithDefault("500")
    int maxPairs();

    /**
     * Seconds a request waits for a report being computed; after that it is answered with the previous report
     * (marked {@code stale}) or, when there is none yet, 503 with {@code Retry-After}.
     */
    @WithDefault("10")
    int waitSeconds();

    /** Threads the self-join runs on (0: half the cores, at least one, so that requests keep the others). */
    @WithDefault("0")
    int threads();
}
