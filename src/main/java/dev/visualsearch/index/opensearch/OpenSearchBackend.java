package dev.visualsearch.index.opensearch;

import dev.visualsearch.common.run.Progress;
import dev.visualsearch.embedding.EmbeddingRepository.StoredVector;
import dev.visualsearch.index.VectorIndex;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.opensearch.client.opensearch.OpenSearchClient;

/**
 * The approximate index on an OpenSearch cluster ({@code app.index.backend=opensearch}): attaches to the index the
 * alias names when it fits the model and the stored vectors, else builds a new one beside it. When the cluster
 * cannot be reached at start-up the service runs on the exact index and says why; a failed rebuild fails its
 * pipeline run and leaves the live index as it was.
 */
@ApplicationScoped
public class OpenSearchBackend {

    private static final Logger LOG = Logger.getLogger(OpenSearchBackend.class);

    private final OpenSearchConfig config;
    private volatile OpenSearchClient client;
    private volatile String unavailable;

    public OpenSearchBackend(OpenSearchConfig config) {
        this.config = config;
    }

    /** Why there is no OpenSearch index, or null. */
    public String unavailableReason() {
        return unavailable;
    }

    public Optional<VectorIndex> loadOrBuild(String modelId, int dimension, List<StoredVector> stored,
                                             DocumentFacts facts, Progress progress) {
        try {
            Optional<OpenSearchIndex> attached = OpenSearchIndex.attach(client(), config, modelId, dimension,
                    stored.size(), facts);
            if (attached.isPresent()) {
                unavailable = null;
                LOG.infof("Using OpenSearch index %s behind alias %s (%d vectors of %s)",
                        attached.get().physicalName(), config.alias(), stored.size(), modelId);
                return Optional.of(attached.get());
            }
            return Optional.of(build(modelId, dimension, stored, facts, progress));
        } catch (RuntimeException e) {
            unavailable = "OpenSearch at " + config.hosts() + " failed: " + e.getMessage();
            LOG.warnf("No OpenSearch index (%s); searches with mode=ann are answered by the exact index", unavailable);
            return Optional.empty();
        }
    }

    /** A new physical index loaded with the stored vectors, not yet live; throws when the cluster fails. */
    public VectorIndex build(String modelId, int dimension, List<StoredVector> stored, DocumentFacts facts,
                             Progress progress) {
        long start = System.nanoTime();
        OpenSearchIndex index = OpenSearchIndex.create(client(), config, modelId, dimension, facts);
        try {
            index.load(stored, progress);
        } catch (RuntimeException e) {
            dropQuietly(index.physicalName());
            throw e;
        }
        unavailable = null;
        LOG.infof("Built OpenSearch index %s with %d vectors in %d ms", index.physicalName(), stored.size(),
                (System.nanoTime() - start) / 1_000_000);
        return index;
    }

    private void dropQuietly(String name) {
        try {
            client().indices().delete(d -> d.index(name).ignoreUnavailable(true));
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Could not drop the half-built index %s: %s", name, e.getMessage());
        }
    }

    synchronized OpenSearchClient client() {
        if (client == null) {
            client = OpenSearchClients.create(config);
        }
        return client;
    }

    @PreDestroy
    synchronized void close() {
        if (client != null) {
            try {
                client._transport().close();
            } catch (IOException e) {
                LOG.debugf("Closing the OpenSearch client: %s", e.getMessage());
            }
        }
    }
}
