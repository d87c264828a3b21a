package dev.visualsearch.index;

import java.util.OptionalInt;

/**
 * Which cluster a product belongs to in the active clustering, for backends that store it beside the vector (the
 * OpenSearch documents). Implemented by the cluster package, so that the index does not depend on it.
 */
public interface ClusterMembership {

    OptionalInt clusterOf(long productId);
}
