package dev.visualsearch.embedding;

import dev.visualsearch.catalog.Product;
import dev.visualsearch.catalog.ProductRepository;
import dev.visualsearch.catalog.image.ImageDecoder;
import dev.visualsearch.catalog.image.ImageStore;
import dev.visualsearch.common.database.ReactiveWork;
import io.quarkus.hibernate.reactive.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import org.jboss.logging.Logger;

/**
 * Embeds every product that has no vector for the active model yet (new imports, failures, or all of them after a
 * model change), in batches on the calling worker thread. Products whose image cannot be read are reported and
 * skipped, so one bad file never blocks the backlog.
 */
@ApplicationScoped
public class EmbedBacklogJob {

    /** What a run did. */
    public record Result(int embedded, List<String> failures) {
    }

    private static final Logger LOG = Logger.getLogger(EmbedBacklogJob.class);

    private final EmbeddingRepository vectors;
    private final EmbeddingService embeddings;
    private final ProductRepository products;
    private final ImageStore store;
    private final ImageDecoder decoder;
    private final EmbeddingConfig config;
    private final ActiveModel model;

    public EmbedBacklogJob(EmbeddingRepository vectors, EmbeddingService embeddings, ProductRepository products,
                           ImageStore store, ImageDecoder decoder, EmbeddingConfig config, ActiveModel model) {
        this.vectors = vectors;
        this.embeddings = embeddings;
        this.products = products;
        this.store = store;
        this.decoder = decoder;
        this.config = config;
        this.model = model;
    }

    public long pending() {
        String modelId = model.id();
        return ReactiveWork.await(() -> vectors.countMissing(modelId));
    }

    /** Runs until the backlog is empty; {@code progress} receives (fraction done, message). Blocking. */
    public Result run(BiConsumer<Double, String> progress) {
        String modelId = model.get().id();
        long total = ReactiveWork.await(() -> vectors.countMissing(modelId));
        int done = 0;
        List<String> failures = new ArrayList<>();
        Set<Long> failed = new HashSet<>();
        int batchSize = Math.max(1, config.batchSize());
        while (!Thread.currentThread().isInterrupted()) {
            List<Long> ids = ReactiveWork.await(() -> vectors.missing(modelId, batchSize + failed.size())).stream()
                    .filter(id -> !failed.contains(id)).limit(batchSize).toList();
            if (ids.isEmpty()) {
                break;
            }
            List<Product> batch = ReactiveWork.await(() -> Panache.withSession(() -> products.list("id in ?1", ids)));
            List<EmbeddingService.ProductImage> images = new ArrayList<>();
            for (Product product : batch) {
                try {
                    byte[] bytes = Files.readAllBytes(store.original(product.imagePath));
                    images.add(new EmbeddingService.ProductImage(product.id, product.category,
                            decoder.decode(bytes).rgb()));
                } catch (IOException | RuntimeException e) {
                    failed.add(product.id);
                    failures.add("product " + product.id + ": " + e.getMessage());
                    LOG.warnf("Product %d cannot be embedded: %s", product.id, e.getMessage());
                }
            }
            ids.stream().filter(id -> batch.stream().noneMatch(p -> p.id.equals(id))).forEach(failed::add);
            embeddings.embedProducts(images);
            done += images.size();
            progress.accept(total == 0 ? 1.0 : Math.min(1.0, (double) done / total),
                    done + " of " + total + " products embedded");
        }
        return new Result(done, failures);
    }
}
