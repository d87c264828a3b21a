package dev.visualsearch.catalog.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.visualsearch.catalog.ProductAdded;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddedBatchTest {

    private static ProductAdded product(long id, int side) {
        return new ProductAdded(id, "t" + id, "c", "h" + id, new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB));
    }

    private static List<Long> ids(List<ProductAdded> batch) {
        return batch.stream().map(ProductAdded::productId).toList();
    }

    @Test
    void productsGoOnInBatchesOfTheSizeAndTheRestOnFlush() {
        List<List<Long>> announced = new ArrayList<>();
        AddedBatch batch = new AddedBatch(8, Long.MAX_VALUE, products -> announced.add(ids(products)));
        for (long id = 1; id <= 19; id++) {
            batch.add(product(id, 4));
        }
        assertEquals(List.of(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), List.of(9L, 10L, 11L, 12L, 13L, 14L, 15L, 16L)),
                announced);
        batch.flush();
        batch.flush();
        assertEquals(List.of(17L, 18L, 19L), announced.get(2), "the rest, once");
        assertEquals(3, announced.size());
    }

    @Test
    void largeImagesCutABatchShort() {
        List<List<Long>> announced = new ArrayList<>();
        AddedBatch batch = new AddedBatch(8, 250_000, products -> announced.add(ids(products)));
        batch.add(product(1, 300)); // 90,000 pixels
        batch.add(product(2, 300));
        batch.add(product(3, 300)); // 270,000: over the budget
        batch.add(product(4, 10));
        batch.flush();
        assertEquals(List.of(List.of(1L, 2L, 3L), List.of(4L)), announced);
    }

    @Test
    void refusesAnEmptyBatchSize() {
        assertThrows(IllegalArgumentException.class, () -> new AddedBatch(0, 1, products -> { }));
    }
}
