package dev.visualsearch.text;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.visualsearch.catalog.ProductAdded;
import dev.visualsearch.catalog.ProductDeleted;
import dev.visualsearch.catalog.ProductsAdded;
import io.vertx.mutiny.core.Vertx;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The words never cost an upload: a text model that cannot load leaves the product to the text backlog. */
class TextIndexerTest {

    private static final Vertx VERTX = Vertx.vertx();

    @AfterAll
    static void closeVertx() {
        VERTX.closeAndAwait();
    }

    private static ProductAdded product(long id) {
        return new ProductAdded(id, "Mug " + id, "Kitchen", "h" + id, new BufferedImage(2, 2,
                BufferedImage.TYPE_INT_RGB));
    }

    /** The failure a native library bound to another class loader gives (seen when Quarkus restarts in tests). */
    private static final class UnloadableModel extends TextModel {
        @Override
        public List<float[]> embedAll(List<String> texts) {
            throw new UnsatisfiedLinkError("libtokenizers.so already loaded in another classloader");
        }
    }

    @Test
    void aTextModelThatCannotLoadDoesNotFailTheUploadOrTheImport() {
        TextIndex index = new TextIndex();
        TextIndexer indexer = new TextIndexer(new UnloadableModel(), null, index, VERTX);
        assertDoesNotThrow(() -> indexer.onProductAdded(product(1)).await().indefinitely());
        assertDoesNotThrow(() -> indexer.onProductsAdded(new ProductsAdded(List.of(product(2), product(3)))));
        assertEquals(0, index.size());
    }

    @Test
    void aDeletedProductLeavesTheTextIndex() {
        TextIndex index = new TextIndex();
        index.put(5, "Kitchen", new float[] {1, 0});
        new TextIndexer(new UnloadableModel(), null, index, VERTX).onProductDeleted(new ProductDeleted(5));
        assertEquals(List.of(), index.search(new float[] {1, 0}, 3, null, Set.of()));
    }

    @Test
    void aProductReadsAsItsTitleAndCategory() {
        assertEquals("Hot Coffee (Drinks)", ProductText.of(1, " Hot Coffee ", "Drinks").text());
        assertEquals("Drinks", ProductText.of(1, null, "Drinks").text());
        assertEquals("Hot Coffee", ProductText.of(1, "Hot Coffee", " ").text());
    }
}
