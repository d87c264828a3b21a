package dev.visualsearch.cluster;

import java.util.Map;

/** A clustering run replaced the active clusters of a model: each product's new cluster. */
public record ClustersReplaced(String modelId, long runId, Map<Long, Integer> assignments) {
}
