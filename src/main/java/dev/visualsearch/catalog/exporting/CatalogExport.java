package dev.visualsearch.catalog.exporting;

import dev.visualsearch.catalog.Product;
import dev.visualsearch.catalog.ProductRepository;
import dev.visualsearch.catalog.image.ImageFormat;
import dev.visualsearch.catalog.image.ImageStore;
import dev.visualsearch.catalog.importing.Manifest;
import dev.visualsearch.common.database.BlockingDatabase;
import io.quarkus.hibernate.reactive.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jboss.logging.Logger;

/**
 * Writes the catalogue as the zip that the import takes: every product's original image under {@code images/}
 * (bytes as uploaded) and {@code manifest.csv} with {@code file,title,category,sku,price}. Products are read a page
 * at a time and images streamed from disk, so memory holds one page and the manifest's rows. Blocking.
 */
@ApplicationScoped
public class CatalogExport {

    static final String MANIFEST = "manifest.csv";
    private static final Logger LOG = Logger.getLogger(CatalogExport.class);
    private static final int PAGE = 500;

    private final ProductRepository products;
    private final ImageStore store;

    public CatalogExport(ProductRepository products, ImageStore store) {
        this.products = products;
        this.store = store;
    }

    /** Writes the zip to {@code out} (not closed); returns how many products it holds. */
    public int writeTo(OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        zip.setLevel(Deflater.NO_COMPRESSION); // the images are compressed already
        List<Manifest.Row> rows = new ArrayList<>();
        int missing = 0;
        long after = 0;
        List<Product> page;
        do {
            long from = after;
            page = BlockingDatabase.await(() -> Panache.withSession(() -> products.after(from, PAGE)));
            for (Product product : page) {
                Path image = store.original(product.imagePath);
                if (!Files.isRegularFile(image)) {
                    LOG.warnf("Export: the image file of product %d (%s) is missing; the product is left out",
                            product.id, image);
                    missing++;
                    continue;
                }
                String name = entryName(product);
                zip.putNextEntry(new ZipEntry(name));
                Files.copy(image, zip);
                zip.closeEntry();
                rows.add(new Manifest.Row(name, product.title, product.category, product.sku,
                        product.price == null ? null : product.price.toPlainString()));
            }
            after = page.isEmpty() ? after : page.get(page.size() - 1).id;
        } while (page.size() == PAGE);
        zip.putNextEntry(new ZipEntry(MANIFEST));
        zip.write(Manifest.write(rows));
        zip.closeEntry();
        zip.finish();
        zip.flush();
        LOG.infof("Exported %d product(s)%s", rows.size(), missing == 0 ? "" : ", " + missing + " left out (image missing)");
        return rows.size();
    }

    /** {@code images/<id>-<sku>.<ext>}: unique (ids are), readable, and safe (SKUs are letters, digits, {@code ._-}). */
    static String entryName(Product product) {
        return "images/" + product.id + "-" + product.sku + "." + ImageFormat.valueOf(product.imageFormat).extension();
    }
}
