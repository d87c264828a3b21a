package dev.visualsearch.embedding;

import dev.visualsearch.catalog.ProductAdded;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Embeds a new product as part of its creation, so that it is searchable when the upload returns. A failure here
 * does not undo the product: it stays in the embedding backlog and the next embed run picks it up.
 */
@ApplicationScoped
public class ProductEmbedder {

    private static final Logger LOG = Logger.getLogger(ProductEmbedder.class);

    private final EmbeddingService embeddings;

    public ProductEmbedder(EmbeddingService embeddings) {
        this.embeddings = embeddings;
    }

    void onProductAdded(@Observes ProductAdded event) {
        try {
            embeddings.embedProducts(List.of(new EmbeddingService.ProductImage(event.productId(), event.category(),
                    event.image())));
        } catch (RuntimeException e) {
            LOG.warnf(e, "Product %d was stored but not embedded; the embed backlog will retry it", event.productId());
        }
    }
}
