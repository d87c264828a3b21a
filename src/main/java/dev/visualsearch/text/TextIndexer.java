package dev.visualsearch.text;

import dev.visualsearch.catalog.ProductAdded;
import dev.visualsearch.catalog.ProductDeleted;
import dev.visualsearch.catalog.ProductsAdded;
import dev.visualsearch.common.database.BlockingDatabase;
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
public class TextIndexer {

    private static final Logger LOG = Logger.getLogger(TextIndexer.class);

    private final TextModel model;
    private final TextVectorRepository vectors;
    private final TextIndex index;

    public TextIndexer(TextModel model, TextVectorRepository vectors, TextIndex index) {
        this.model = model;
        this.vectors = vectors;
        this.index = index;
    }

    /** Embeds, stores and indexes the texts; blocking (a worker thread). */
    public void index(List<ProductText> texts) {
        if (texts.isEmpty()) {
            return;
        }
        List<float[]> embedded = model.embedAll(texts.stream().map(ProductText::text).toList());
        BlockingDatabase.await(() -> vectors.upsertAll(model.id(), texts, embedded));
        for (int i = 0; i < texts.size(); i++) {
            index.put(texts.get(i).productId(), texts.get(i).category(), embedded.get(i));
        }
    }

    void onProductAdded(@Observes ProductAdded event) {
        indexQuietly(List.of(ProductText.of(event.productId(), event.title(), event.category())));
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
            // a text model that cannot load (a native library, say) must not fail the upload that fired this
            LOG.warnf(e, "%d product(s) were stored without a text vector; the text backlog will retry them",
                    texts.size());
        }
    }
}
