package dev.visualsearch.duplicates;

import dev.visualsearch.index.IndexService;
import dev.visualsearch.index.SearchSpace;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The near-duplicate threshold for the space the index searches now. Cosines mean different things in the model's
 * own space (every pair of images scores high) and in a whitened one (the directions all products share are scaled
 * down), so each space has its own measured default; a rebuild that learns or drops a whitening changes which applies.
 */
@ApplicationScoped
public class DefaultThreshold {

    private final IndexService indexes;
    private final DuplicatesConfig config;

    public DefaultThreshold(IndexService indexes, DuplicatesConfig config) {
        this.indexes = indexes;
        this.config = config;
    }

    public double now() {
        SearchSpace space = indexes.space();
        return space != null && space.whitening().isPresent() ? config.threshold() : config.unwhitenedThreshold();
    }
}
