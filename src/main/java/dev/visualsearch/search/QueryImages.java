package dev.visualsearch.search;

import dev.visualsearch.catalog.image.ImageFormat;
import dev.visualsearch.common.DataDirectory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Keeps the images (and vectors) of recent searches so that a result can be explained later, bounded in count and
 * age: in the data folder ({@code app.search.query-store=folder}, one instance) or in the database
 * ({@code database}, so that every instance on that database can explain any instance's search); chained on the
 * request's event loop, never awaited.
 * Keeping is best-effort, like the search log: a search answers even when its image cannot be stored (the database
 * is down, the disk is full); the failure is logged and counted ({@code query_images_not_kept_total}), and an
 * explanation of that query later answers 404.
 */
@ApplicationScoped
public class QueryImages {

    private static final Logger LOG = Logger.getLogger(QueryImages.class);

    private final QueryImageStore store;
    private final Counter notKept;
    /** Failures since the last success: only the first of a streak is logged as a warning. */
    private final AtomicLong failingSince = new AtomicLong();

    @Inject
    public QueryImages(Vertx vertx, DataDirectory data, SearchConfig config, MeterRegistry registry) {
        this(switch (config.queryStore()) {
            case "folder" -> new QueryImageFolder(vertx, data, config);
            case "database" -> new QueryImageTable(config);
            default -> throw new IllegalArgumentException("app.search.query-store must be 'folder' or 'database', not '"
                    + config.queryStore() + "'");
        }, registry);
    }

    QueryImages(QueryImageStore store, MeterRegistry registry) {
        this.store = store;
        this.notKept = Counter.builder("query_images_not_kept")
                .description("Query images a search could not store for explanations").register(registry);
    }

    /**
     * Stores a query image and its vector under the model that produced it, so an explanation needs no second pass.
     * Never fails: a failure is logged and counted, and the search answers without it.
     */
    public Uni<Void> keep(UUID queryId, byte[] bytes, ImageFormat format, String modelId, float[] vector) {
        Uni<Void> kept;
        try {
            kept = store.keep(queryId, bytes, format, modelId, vector);
        } catch (RuntimeException e) {
            kept = Uni.createFrom().failure(e);
        }
        return kept.invoke(() -> {
            long failed = failingSince.getAndSet(0);
            if (failed > 0) {
                LOG.infof("Query images are kept again, after %d search(es) whose image could not be", failed);
            }
        }).onFailure().recoverWithUni(e -> {
            notKept.increment();
            if (failingSince.getAndIncrement() == 0) {
                LOG.warnf("Query image of search %s not kept (%s); searches keep answering, and explaining them "
                        + "answers 404 until images can be kept again", queryId, e.getMessage());
            } else {
                LOG.debugf("Query image of search %s not kept (%s)", queryId, e.getMessage());
            }
            return Uni.createFrom().voidItem();
        });
    }

    /** The query's vector if it was computed by {@code modelId}. */
    public Uni<Optional<float[]>> vector(UUID queryId, String modelId) {
        return store.vector(queryId, modelId);
    }

    /** The kept image of a query, unless it expired or was evicted. */
    public Uni<Optional<byte[]>> find(UUID queryId) {
        return store.find(queryId);
    }

    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void evict() {
        store.evict();
    }
}
