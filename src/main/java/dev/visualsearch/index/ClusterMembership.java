package dev.visualsearch.index;

import java.util.OptionalInt;

/**
 * Which cluster a product belongs to in the active clustering, for backends that store it beside the vector (the
 * OpenSearch documents). Implemented by the cluster package, so that the index does not depend on it.
 */
public interface ClusterMembership {

    OptionalInt clusterOf(long productId);

    /**
     * Fired by the cluster package when a clustering run replaced a model's clusters: each product's new cluster.
     * Defined here, beside the port, so that the index observes it without depending on the cluster package.
     */
    record Replaced(String modelId, long runId, java.util.Map<Long, Integer> assignments) {
    }
}
