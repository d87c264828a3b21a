package dev.visualsearch.embedding;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.visualsearch.catalog.ProductAdded;
import dev.visualsearch.catalog.ProductsAdded;
import io.smallrye.mutiny.Uni;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An import's batch reaches the embedding service as one call (one forward pass); a single upload as its own. */
class ProductEmbedderTest {

    /** Records each call instead of running a model. */
    private static final class RecordingService extends EmbeddingService {
        final List<List<Long>> calls = new ArrayList<>();
        boolean fail;

        RecordingService() {
            super(null, null, null, null, null);
        }

        @Override
        public void embedProducts(List<ProductImage> images) {
            if (fail) {
                throw new IllegalStateException("model unavailable");
            }
            calls.add(images.stream().map(ProductImage::productId).toList());
        }

        @Override
        public Uni<Void> embedProduct(ProductImage image) {
            if (fail) {
                return Uni.createFrom().failure(new IllegalStateException("model unavailable"));
            }
            calls.add(List.of(image.productId()));
            return Uni.createFrom().voidItem();
        }
    }

    private static ProductAdded product(long id) {
        return new ProductAdded(id, "t" + id, "c", "h" + id, new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB));
    }

    @Test
    void aBatchIsOneCallAndASingleUploadIsItsOwn() {
        RecordingService service = new RecordingService();
        ProductEmbedder embedder = new ProductEmbedder(service);
        embedder.onProductsAdded(new ProductsAdded(List.of(product(1), product(2), product(3))));
        embedder.onProductAdded(product(4)).await().indefinitely();
        assertEquals(List.of(List.of(1L, 2L, 3L), List.of(4L)), service.calls);
    }

    @Test
    void aFailedBatchLeavesTheProductsToTheBacklogWithoutFailingTheImport() {
        RecordingService service = new RecordingService();
        service.fail = true;
        new ProductEmbedder(service).onProductsAdded(new ProductsAdded(List.of(product(1), product(2))));
        assertEquals(List.of(), service.calls);
    }

    @Test
    void aFailedUploadStepLeavesTheProductToTheBacklogWithoutFailingTheUpload() {
        RecordingService service = new RecordingService();
        service.fail = true;
        assertDoesNotThrow(() -> new ProductEmbedder(service).onProductAdded(product(5)).await().indefinitely());
        assertEquals(List.of(), service.calls);
    }
}
