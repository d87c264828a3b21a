package dev.visualsearch.text;

import dev.visualsearch.catalog.ProductAdded;
import dev.visualsearch.catalog.ProductAddedStep;
import dev.visualsearch.catalog.ProductDeleted;
import dev.visualsearch.catalog.ProductsAdded;
import dev.visualsearch.common.database.BlockingDatabase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Gives a new product its text vector as part of its creation (a title is a few milliseconds of the text model), so
 * that words find it when the upload returns, and drops a deleted product from the text index. A failure here does not
 * undo the product: it stays in the text backlog and the next text run picks it up.
 */
@ApplicationScoped
public class TextIndexer implements ProductAddedStep {

    private static final Logger LOG = Logger.getLogger(TextIndexer.class);

    private final TextModel model;
    private final TextVectorRepository vectors;
    private final TextIndex index;
    private final Vertx vertx;

    public TextIndexer(TextModel model, TextVectorRepository vectors, TextIndex index, Vertx vertx) {
        this.model = model;
        this.vectors = vectors;
        this.index = index;
        this.vertx = vertx;
    }

    /** Embeds, stores and indexes the texts; blocking (a worker thread). */
    public void index(List<ProductText> texts) {
        if (texts.isEmpty()) {
            return;
        }
        List<float[]> embedded = model.embedAll(texts.stream().map(ProductText::text).toList());
        BlockingDatabase.await(() -> vectors.upsertAll(model.id(), texts, embedded));
        put(texts, embedded);
    }

    /** As {@link #index} for one upload, blocking no thread: the text model runs on a worker, the write is chained. */
    @Override
    public Uni<Void> onProductAdded(ProductAdded event) {
        List<ProductText> texts = List.of(ProductText.of(event.productId(), event.title(), event.category()));
        return Uni.createFrom().deferred(() -> vertx.executeBlocking(
                        () -> model.embedAll(texts.stream().map(ProductText::text).toList()), false))
                .call(embedded -> vectors.upsertAll(model.id(), texts, embedded))
                .invoke(embedded -> put(texts, embedded))
                .replaceWithVoid()
                .onFailure().recoverWithItem(e -> {
                    warnLeftToTheBacklog(e, texts.size());
                    return null;
                });
    }

    void onProductsAdded(@Observes ProductsAdded event) {
        indexQuietly(event.products().stream().map(p -> ProductText.of(p.productId(), p.title(), p.category()))
                .toList());
    }

    void onProductDeleted(@Observes ProductDeleted event) {
        index.remove(event.productId());
    }

    private void indexQuietly(List<ProductText> texts) {
        try {
            index(texts);
        } catch (RuntimeException | LinkageError e) {
            // a text model that cannot load (a native library, say) must not fail the import that fired this
            warnLeftToTheBacklog(e, texts.size());
        }
    }

    private void put(List<ProductText> texts, List<float[]> embedded) {
        for (int i = 0; i < texts.size(); i++) {
            index.put(texts.get(i).productId(), texts.get(i).category(), embedded.get(i));
        }
    }

    private static void warnLeftToTheBacklog(Throwable e, int count) {
        LOG.warnf(e, "%d product(s) were stored without a text vector; the text backlog will retry them", count);
    }
}
