package dev.visualsearch.catalog.exporting;

import dev.visualsearch.catalog.Product;
import dev.visualsearch.catalog.image.ImageFormat;
import dev.visualsearch.catalog.importing.Manifest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jboss.logging.Logger;

/**
 * One export's zip, written a product at a time: each call hands back the bytes it added, so that the response
 * sends them while the next product is read and memory holds one image and the manifest's rows. Blocking (file
 * reads); one thread at a time.
 */
final class ExportZip {

    static final String MANIFEST = "manifest.csv";
    private static final Logger LOG = Logger.getLogger(ExportZip.class);

    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final ZipOutputStream zip = new ZipOutputStream(pending);
    private final Function<String, Path> originals;
    private final List<Manifest.Row> rows = new ArrayList<>();
    private int missing;

    /** {@code originals} finds a product's original image file from its stored relative path. */
    ExportZip(Function<String, Path> originals) {
        this.originals = originals;
        zip.setLevel(Deflater.NO_COMPRESSION); // the images are compressed already
    }

    /** Adds the product's original image and its manifest row; a product whose file is gone is left out. */
    byte[] add(Product product) {
        Path image = originals.apply(product.imagePath);
        if (!Files.isRegularFile(image)) {
            LOG.warnf("Export: the image file of product %d (%s) is missing; the product is left out", product.id,
                    image);
            missing++;
            return new byte[0];
        }
        String name = entryName(product);
        try {
            zip.putNextEntry(new ZipEntry(name));
            Files.copy(image, zip);
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rows.add(new Manifest.Row(name, product.title, product.category, product.sku,
                product.price == null ? null : product.price.toPlainString()));
        return drain();
    }

    /** Writes the manifest and the zip's directory: the last bytes of the export. */
    byte[] finish() {
        try {
            zip.putNextEntry(new ZipEntry(MANIFEST));
            zip.write(Manifest.write(rows));
            zip.closeEntry();
            zip.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return drain();
    }

    int exported() {
        return rows.size();
    }

    int missing() {
        return missing;
    }

    private byte[] drain() {
        byte[] bytes = pending.toByteArray();
        pending.reset();
        return bytes;
    }

    /** {@code images/<id>-<sku>.<ext>}: unique (ids are), readable, and safe (SKUs are letters, digits, {@code ._-}). */
    static String entryName(Product product) {
        return "images/" + product.id + "-" + product.sku + "." + ImageFormat.valueOf(product.imageFormat).extension();
    }
}
