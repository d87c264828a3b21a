package dev.visualsearch.embedding;

import dev.visualsearch.catalog.ProductAdded;
import dev.visualsearch.catalog.ProductAddedStep;
import dev.visualsearch.catalog.ProductsAdded;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Embeds a new product as part of its creation, so that it is searchable when the upload returns, and an import's
 * batch of products in one forward pass. A failure here does not undo the products: they stay in the embedding
 * backlog and the next embed run picks them up.
 */
@ApplicationScoped
public class ProductEmbedder implements ProductAddedStep {

    private static final Logger LOG = Logger.getLogger(ProductEmbedder.class);

    private final EmbeddingService embeddings;

    public ProductEmbedder(EmbeddingService embeddings) {
        this.embeddings = embeddings;
    }

    @Override
    public Uni<Void> onProductAdded(ProductAdded event) {
        return embeddings.embedProduct(new EmbeddingService.ProductImage(event.productId(), event.category(),
                        event.image()))
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf(e, "Product %d was stored but not embedded; the embed backlog will retry it",
                            event.productId());
                    return null;
                });
    }

    void onProductsAdded(@Observes ProductsAdded event) {
        try {
            embeddings.embedProducts(event.products().stream().map(product -> new EmbeddingService.ProductImage(
                    product.productId(), product.category(), product.image())).toList());
        } catch (RuntimeException e) {
            LOG.warnf(e, "%d imported products were stored but not embedded; the embed backlog will retry them",
                    event.products().size());
        }
    }
}
