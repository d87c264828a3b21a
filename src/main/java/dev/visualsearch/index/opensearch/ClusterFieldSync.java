package dev.visualsearch.index.opensearch;

import dev.visualsearch.index.ClusterMembership;
import dev.visualsearch.index.IndexService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** After a clustering run, writes each product's new cluster into its OpenSearch document. */
@ApplicationScoped
class ClusterFieldSync {

    private static final Logger LOG = Logger.getLogger(ClusterFieldSync.class);

    private final IndexService indexes;

    ClusterFieldSync(IndexService indexes) {
        this.indexes = indexes;
    }

    void onClustersReplaced(@Observes ClusterMembership.Replaced event) {
        if (!event.modelId().equals(indexes.activeModelId())) {
            return;
        }
        indexes.ann().ifPresent(live -> live.read(index -> {
            if (index instanceof OpenSearchIndex openSearch) {
                try {
                    openSearch.updateClusters(event.assignments());
                } catch (RuntimeException e) {
                    // The documents keep their previous cluster; the next index build writes the new ones.
                    LOG.warnf("Could not write clusters of run %d to OpenSearch: %s", event.runId(), e.getMessage());
                }
            }
            return null;
        }));
    }
}
