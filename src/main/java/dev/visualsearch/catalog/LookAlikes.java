package dev.visualsearch.catalog;

import java.util.List;

/**
 * Which existing products a newly added one looks like: the port through which uploads and imports warn about
 * near-duplicates (not a refusal; identical bytes are refused with 409 by {@link CatalogService}). The catalogue
 * cannot see vectors, so a feature above it implements this ({@code duplicates}); without one, nothing is reported
 * ({@link NoLookAlikes}). Blocking: call it on a worker thread, after the product's announcement was observed (its
 * vector is then indexed).
 */
public interface LookAlikes {

    /** Products that look like {@code productId} at or above the near-duplicate threshold, most alike first. */
    List<LookAlike> of(long productId);

    /** The threshold {@link #of} applies, for messages that say what "looks like" means. */
    double threshold();

    /** One existing product that a new one looks like, with the score that says how alike. */
    record LookAlike(long productId, float score) {
    }
}
