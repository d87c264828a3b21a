package dev.visualsearch.cluster;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.OptionalInt;

@ConfigMapping(prefix = "app.cluster")
public interface ClusterConfig {

    /** A fixed number of clusters; when unset, k is chosen over {@code k-min..k-max} by silhouette. */
    OptionalInt k();

    /** Smallest k tried by the automatic choice. */
    @WithDefault("8")
    int kMin();

    /** Largest k tried by the automatic choice (clamped to the number of vectors minus one). */
    @WithDefault("40")
    int kMax();

    /** Step between the k values tried. */
    @WithDefault("4")
    int kStep();

    /** Seed of the k-means++ initialisation and of the samples, so that a run is reproducible. */
    @WithDefault("42")
    long seed();

    /** Most Lloyd iterations per k-means fit. */
    @WithDefault("100")
    int iterations();

    /** Vectors the silhouette is computed on (a seeded sample when the catalogue is larger). */
    @WithDefault("1000")
    int silhouetteSample();

    /** Vectors the k-means fits for choosing k use (a seeded sample); the final fit always uses every vector. */
    @WithDefault("5000")
    int selectionSample();

    /** Products listed as a cluster's representatives (the closest to its centroid). */
    @WithDefault("6")
    int representatives();

    /** Cluster-first search: the fewest nearest clusters whose members are searched. */
    @WithDefault("3")
    int searchMinClusters();

    /** Cluster-first search: more clusters are added until they hold at least this many times k candidates. */
    @WithDefault("3")
    int searchCandidateFactor();
}
