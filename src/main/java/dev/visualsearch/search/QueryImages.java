package dev.visualsearch.search;

import dev.visualsearch.catalog.image.ImageFormat;
import dev.visualsearch.common.DataDirectory;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/**
 * Keeps the images (and vectors) of recent searches so that a result can be explained later, bounded in count and
 * age: in the data folder ({@code app.search.query-store=folder}, one instance) or in the database
 * ({@code database}, so that every instance on that database can explain any instance's search). Blocking.
 */
@ApplicationScoped
public class QueryImages {

    private final QueryImageStore store;

    public QueryImages(DataDirectory data, SearchConfig config) {
        this.store = switch (config.queryStore()) {
            case "folder" -> new QueryImageFolder(data, config);
            case "database" -> new QueryImageTable(config);
            default -> throw new IllegalArgumentException("app.search.query-store must be 'folder' or 'database', not '"
                    + config.queryStore() + "'");
        };
    }

    /** Stores a query image and its vector under the model that produced it, so an explanation needs no second pass. */
    public void keep(UUID queryId, byte[] bytes, ImageFormat format, String modelId, float[] vector) {
        store.keep(queryId, bytes, format, modelId, vector);
    }

    /** The query's vector if it was computed by {@code modelId}. */
    public Optional<float[]> vector(UUID queryId, String modelId) {
        return store.vector(queryId, modelId);
    }

    /** The kept image of a query, unless it expired or was evicted. */
    public Optional<byte[]> find(UUID queryId) {
        return store.find(queryId);
    }

    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void evict() {
        store.evict();
    }
}
