package dev.visualsearch.catalog.importing;

import dev.visualsearch.catalog.ProductsAdded;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test bean: records the size and category of every batch of products an import announces. */
@ApplicationScoped
public class AnnouncedBatches {

    public record Batch(String category, int size) {
    }

    private final List<Batch> batches = new CopyOnWriteArrayList<>();

    void onBatch(@Observes ProductsAdded event) {
        batches.add(new Batch(event.products().get(0).category(), event.products().size()));
    }

    public List<Integer> sizes(String category) {
        return batches.stream().filter(batch -> batch.category().equals(category)).map(Batch::size).toList();
    }
}
