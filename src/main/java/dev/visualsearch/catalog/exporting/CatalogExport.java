package dev.visualsearch.catalog.exporting;

import dev.visualsearch.catalog.Product;
import dev.visualsearch.catalog.ProductRepository;
import dev.visualsearch.catalog.image.ImageStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Writes the catalogue as the zip that the import takes: every product's original image under {@code images/}
 * (bytes as uploaded) and {@code manifest.csv} with {@code file,title,category,sku,price}. Products are read a page
 * at a time on the reactive client and each image is copied into the zip on a worker, so no thread waits for the
 * database and memory holds one page, one image and the manifest's rows. The response pulls the next product only
 * when it has sent the last one.
 */
@ApplicationScoped
public class CatalogExport {

    private static final Logger LOG = Logger.getLogger(CatalogExport.class);

    private final ProductRepository products;
    private final ImageStore store;
    private final Vertx vertx;
    private final int page;

    public CatalogExport(ProductRepository products, ImageStore store, Vertx vertx,
                         @ConfigProperty(name = "app.export.page-size") int page) {
        this.products = products;
        this.store = store;
        this.vertx = vertx;
        this.page = page;
    }

    /** The zip's bytes, in chunks of a product each and a last one with the manifest. */
    public Multi<byte[]> zip() {
        return Multi.createFrom().deferred(() -> {
            ExportZip zip = new ExportZip(store::original);
            Multi<byte[]> images = allProducts()
                    .onItem().transformToUniAndConcatenate(product -> vertx.executeBlocking(() -> zip.add(product),
                            true));
            Multi<byte[]> end = Multi.createFrom().uni(vertx.executeBlocking(() -> {
                byte[] last = zip.finish();
                LOG.infof("Exported %d product(s)%s", zip.exported(),
                        zip.missing() == 0 ? "" : ", " + zip.missing() + " left out (image missing)");
                return last;
            }, true));
            return Multi.createBy().concatenating().streams(images, end).select().where(chunk -> chunk.length > 0);
        });
    }

    /** Every product in id order, read a page at a time (keyset paging), the next page only when asked for. */
    private Multi<Product> allProducts() {
        AtomicLong after = new AtomicLong();
        return Multi.createBy().repeating()
                .uni(() -> Panache.withSession(() -> products.after(after.get(), page))
                        .invoke(found -> {
                            if (!found.isEmpty()) {
                                after.set(found.get(found.size() - 1).id);
                            }
                        }))
                .whilst(found -> found.size() == page)
                .onItem().transformToIterable(found -> found);
    }
}
