package dev.visualsearch.catalog.importing;

import dev.visualsearch.catalog.ProductAdded;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The products an import committed and has not yet announced: handed on (to be embedded in one forward pass) once
 * there are {@code size} of them, or once their decoded images hold {@code maxPixels} pixels between them, so that a
 * batch of large photos does not hold gigabytes of pixels; {@link #flush} hands on the rest.
 */
final class AddedBatch {

    private final int size;
    private final long maxPixels;
    private final Consumer<List<ProductAdded>> announce;
    private final List<ProductAdded> pending = new ArrayList<>();
    private long pixels;

    AddedBatch(int size, long maxPixels, Consumer<List<ProductAdded>> announce) {
        if (size < 1 || maxPixels < 1) {
            throw new IllegalArgumentException("a batch needs room for at least one image");
        }
        this.size = size;
        this.maxPixels = maxPixels;
        this.announce = announce;
    }

    void add(ProductAdded product) {
        pending.add(product);
        pixels += (long) product.image().getWidth() * product.image().getHeight();
        if (pending.size() >= size || pixels >= maxPixels) {
            flush();
        }
    }

    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<ProductAdded> batch = List.copyOf(pending);
        pending.clear();
        pixels = 0;
        announce.accept(batch);
    }
}
