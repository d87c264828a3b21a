package dev.visualsearch.duplicates;

import dev.visualsearch.catalog.LookAlikes;
import dev.visualsearch.index.IndexService;
import dev.visualsearch.index.LiveIndex;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * The catalogue's look-alike port answered from the exact index: the new product's nearest neighbours that score at
 * or above the near-duplicate threshold of the index's space, the same score and default as the duplicates report. Nothing is reported
 * (never an error) when the index is not ready or the product has no vector yet: the warning is a courtesy, not a
 * condition of the upload.
 */
@ApplicationScoped
public class IndexLookAlikes implements LookAlikes {

    private final IndexService indexes;
    private final DuplicatesConfig config;
    private final DefaultThreshold threshold;

    public IndexLookAlikes(IndexService indexes, DuplicatesConfig config, DefaultThreshold threshold) {
        this.indexes = indexes;
        this.config = config;
        this.threshold = threshold;
    }

    @Override
    public List<LookAlike> of(long productId) {
        if (!indexes.isReady()) {
            return List.of();
        }
        LiveIndex exact = indexes.exact();
        Optional<float[]> vector = exact.vector(productId);
        if (vector.isEmpty()) {
            return List.of();
        }
        double atLeast = threshold.now();
        return exact.search(vector.get(), config.neighbours() + 1, null).stream()
                .filter(hit -> hit.id() != productId && hit.score() >= atLeast)
                .limit(config.neighbours())
                .map(hit -> new LookAlike(hit.id(), hit.score()))
                .toList();
    }

    @Override
    public double threshold() {
        return threshold.now();
    }
}
