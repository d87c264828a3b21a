package dev.visualsearch.catalog;

import dev.visualsearch.catalog.image.ImageDecoder;
import dev.visualsearch.catalog.image.ImageStore;
import dev.visualsearch.common.database.BlockingDatabase;
import io.quarkus.hibernate.reactive.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Reads products' stored images and decodes them as every model sees them (upright RGB, transparency on white).
 * Blocking: for jobs on worker threads. A product whose image cannot be read is reported and left out, so one bad
 * file never stops a batch.
 */
@ApplicationScoped
public class ProductPictures {

    /** A product's decoded image. */
    public record Picture(long productId, String category, BufferedImage image) {
    }

    /** What a read gave: the pictures (in product id order) and one line per product left out. */
    public record Read(List<Picture> pictures, List<String> failures) {
    }

    private static final Logger LOG = Logger.getLogger(ProductPictures.class);

    private final ProductRepository products;
    private final ImageStore store;
    private final ImageDecoder decoder;

    public ProductPictures(ProductRepository products, ImageStore store, ImageDecoder decoder) {
        this.products = products;
        this.store = store;
        this.decoder = decoder;
    }

    public Read read(List<Long> ids) {
        List<Product> batch = BlockingDatabase.await(() -> Panache.withSession(() -> products.list("id in ?1", ids)));
        List<Picture> pictures = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Product product : batch.stream().sorted(Comparator.comparingLong(p -> p.id)).toList()) {
            try {
                byte[] bytes = Files.readAllBytes(store.original(product.imagePath));
                pictures.add(new Picture(product.id, product.category, decoder.decode(bytes).rgb()));
            } catch (IOException | RuntimeException e) {
                failures.add("product " + product.id + ": " + e.getMessage());
                LOG.warnf("The image of product %d cannot be read: %s", product.id, e.getMessage());
            }
        }
        return new Read(pictures, failures);
    }
}
