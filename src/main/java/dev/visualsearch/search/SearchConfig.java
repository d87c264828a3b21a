package dev.visualsearch.search;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "app.search")
public interface SearchConfig {

    /** Results when a request gives no k. */
    @WithDefault("10")
    int defaultK();

    /** Largest k a request may ask for (400 above). */
    @WithDefault("100")
    int maxK();

    /** Search-log entries held in memory while waiting to be written; beyond this they are dropped and counted. */
    @WithDefault("10000")
    int logBuffer();

    /** Vectors of recent query images kept by content so a repeated photo skips the forward pass; 0 turns it off. */
    @WithDefault("512")
    int queryVectorCache();

    /** Query images kept for explanations; the oldest go first. */
    @WithDefault("2000")
    int queryImagesMax();

    /**
     * Where query images are kept for explanations: {@code folder} (the data folder) or {@code database} (needed
     * when several instances serve one catalogue, so any of them can explain a search another one answered).
     */
    @WithDefault("folder")
    String queryStore();

    /** How long a query image is kept for explanations. */
    @WithDefault("24h")
    Duration queryImagesTtl();

    /**
     * The weight of the words' ranking beside the picture's (1) when a search gives both, in reciprocal rank fusion:
     * under 1 because the photo is what the shopper shows and the words match product data, not what is in it.
     */
    @WithDefault("0.5")
    double textWeight();

    /**
     * An approximate search within a category smaller than this scores the category's products exactly instead: at
     * these sizes the exact scan is as fast and exact (measured: docs/performance.md, "Filtered search": 1,002 rows
     * in 0.2-0.3 ms against 0.5-0.7 ms for filtered HNSW; 10,108 rows in 10-11 ms against 1.4-2.8 ms for IVF).
     */
    @WithDefault("2000")
    int exactFilterBelow();
}
