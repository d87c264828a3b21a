package dev.visualsearch.cluster;

import dev.visualsearch.index.Candidates;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The active clustering of one model in memory, for cluster-first search: centroids and each cluster's members.
 * Members change as products are added (assigned to the nearest centroid) and deleted; the centroids only change
 * with a new clustering run, which replaces the whole object.
 */
public final class ActiveClusters {

    private final long runId;
    private final String modelId;
    private final float[][] centroids;
    private final List<Set<Long>> members = new ArrayList<>();
    private final Map<Long, Integer> clusterOf = new ConcurrentHashMap<>();

    public ActiveClusters(long runId, String modelId, float[][] centroids) {
        this.runId = runId;
        this.modelId = modelId;
        this.centroids = centroids;
        for (int i = 0; i < centroids.length; i++) {
            members.add(ConcurrentHashMap.newKeySet());
        }
    }

    public long runId() {
        return runId;
    }

    public String modelId() {
        return modelId;
    }

    public int size() {
        return centroids.length;
    }

    public void put(long productId, int cluster) {
        Integer previous = clusterOf.put(productId, cluster);
        if (previous != null && previous != cluster) {
            members.get(previous).remove(productId);
        }
        members.get(cluster).add(productId);
    }

    public void remove(long productId) {
        Integer previous = clusterOf.remove(productId);
        if (previous != null) {
            members.get(previous).remove(productId);
        }
    }

    public OptionalInt clusterOf(long productId) {
        Integer cluster = clusterOf.get(productId);
        return cluster == null ? OptionalInt.empty() : OptionalInt.of(cluster);
    }

    public boolean contains(long productId) {
        return clusterOf.containsKey(productId);
    }

    /** The cluster whose centroid is nearest (squared Euclidean distance, the k-means assignment rule). */
    public int nearest(float[] vector) {
        int best = 0;
        double bestDistance = Double.MAX_VALUE;
        for (int c = 0; c < centroids.length; c++) {
            double d = Silhouette.squaredDistance(vector, centroids[c]);
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best;
    }

    /**
     * The clusters to search for a query, nearest first: at least {@code minClusters}, then more until their
     * members (within {@code filter}, when given) number at least {@code minCandidates}, or every cluster is taken.
     */
    public Selection select(float[] query, int minClusters, int minCandidates, Candidates filter) {
        Integer[] order = new Integer[centroids.length];
        double[] distance = new double[centroids.length];
        for (int c = 0; c < order.length; c++) {
            order[c] = c;
            distance[c] = Silhouette.squaredDistance(query, centroids[c]);
        }
        Arrays.sort(order, Comparator.comparingDouble(c -> distance[c]));
        List<Integer> picked = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (int c : order) {
            if (picked.size() >= minClusters && ids.size() >= minCandidates) {
                break;
            }
            picked.add(c);
            for (long id : members.get(c)) {
                if (filter == null || filter.contains(id)) {
                    ids.add(id);
                }
            }
        }
        return new Selection(List.copyOf(picked), Candidates.of(ids.stream().mapToLong(Long::longValue).toArray()));
    }

    /** The clusters chosen for a query (nearest first) and their members as search candidates. */
    public record Selection(List<Integer> clusters, Candidates candidates) {
    }
}
