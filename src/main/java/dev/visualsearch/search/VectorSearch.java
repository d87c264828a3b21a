package dev.visualsearch.search;

import dev.visualsearch.cluster.ActiveClusters;
import dev.visualsearch.cluster.ClusterService;
import dev.visualsearch.index.Candidates;
import dev.visualsearch.index.Hit;
import dev.visualsearch.index.IndexService;
import dev.visualsearch.index.IndexNotReadyException;
import dev.visualsearch.index.LiveIndex;
import dev.visualsearch.index.SearchSpace;
import dev.visualsearch.index.VectorIndex;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Picks the index for a mode and runs the vector search with the category pre-filter. Falls back to the exact index,
 * saying so, when the requested mode cannot be served (no ANN backend, no clusters yet).
 */
@ApplicationScoped
public class VectorSearch {

    /** Hits plus which index and mode actually answered. */
    public record Outcome(List<Hit> hits, String index, SearchMode mode, String note, double searchMs) {
    }

    private final IndexService indexes;
    private final ClusterService clusters;
    private final SearchConfig config;

    public VectorSearch(IndexService indexes, ClusterService clusters, SearchConfig config) {
        this.indexes = indexes;
        this.clusters = clusters;
        this.config = config;
    }

    /** {@code query} is a vector of the active model (before whitening: clusters are compared with it as it is). */
    public Outcome search(float[] query, int k, String category, SearchMode requested, long excludeId) {
        return search(query, null, k, category, requested, excludeId >= 0 ? Set.of(excludeId) : Set.of());
    }

    /**
     * A query already in the search space of the live indexes (examples are averaged there). Cluster-first search
     * needs the model's own vector, so it is answered by the exact index, saying so.
     */
    public Outcome searchInSpace(float[] spaceQuery, int k, String category, SearchMode requested, Set<Long> exclude) {
        return search(null, spaceQuery, k, category, requested, exclude);
    }

    private Outcome search(float[] query, float[] spaceQuery, int k, String category, SearchMode requested,
                           Set<Long> exclude) {
        long start = System.nanoTime();
        Candidates filter = category == null ? null : indexes.inCategory(category);
        int wanted = k + exclude.size();
        LiveIndex index = indexes.exact();
        SearchMode mode = SearchMode.exact;
        boolean shared = false;
        String note = null;
        if (requested == SearchMode.ann) {
            var ann = indexes.ann();
            if (ann.isPresent()) {
                index = ann.get();
                mode = SearchMode.ann;
                shared = index.read(VectorIndex::shared);
                if (category != null && shared) {
                    // Products other instances added are in the shared index but not in this instance's list.
                    filter = Candidates.ofCategory(category, new long[0]);
                } else if (filter != null && filter.size() < config.exactFilterBelow()) {
                    // A small category is scored row by row, exactly and faster than a filtered graph walk
                    // (docs/performance.md, "Filtered search").
                    index = indexes.exact();
                    mode = SearchMode.exact;
                    note = "A category of " + filter.size() + " products is searched exactly (faster and exact below "
                            + config.exactFilterBelow() + ")";
                }
            } else {
                note = "No approximate index is available (" + indexes.annUnavailableReason()
                        + "); the exact index answered";
            }
        } else if (requested == SearchMode.cluster && query == null) {
            note = "Cluster-first search compares the model's own vector with the clusters, which a search by examples "
                    + "does not have; the exact index answered";
        } else if (requested == SearchMode.cluster) {
            // Only the nearest clusters' members (within the category filter) are scored, by the exact index.
            Optional<ActiveClusters.Selection> selection = clusters.candidatesNear(query, wanted, filter);
            if (selection.isPresent()) {
                filter = selection.get().candidates();
                mode = SearchMode.cluster;
            } else {
                note = "Cluster-first search needs clusters of model " + indexes.activeModelId()
                        + ", which are not built yet (run the cluster job); the exact index answered";
            }
        }
        boolean nothingToSearch = filter != null && filter.size() == 0 && !shared;
        List<Hit> hits = nothingToSearch ? List.of()
                : index.search(query == null ? inSpaceOf(index, spaceQuery) : indexes.queryFor(index, query), wanted,
                        filter);
        if (!exclude.isEmpty()) {
            hits = hits.stream().filter(hit -> !exclude.contains(hit.id())).limit(k).toList();
        }
        double searchMs = (System.nanoTime() - start) / 1e6;
        return new Outcome(hits, index.descriptor().backend(), mode, note, searchMs);
    }

    /** A search-space query fits an index built in that space; a rebuild that swapped the space in between refuses. */
    private float[] inSpaceOf(LiveIndex index, float[] spaceQuery) {
        SearchSpace space = indexes.space();
        if (space != null && !space.id().equals(index.descriptor().modelId())) {
            throw new IndexNotReadyException();
        }
        return spaceQuery;
    }
}
