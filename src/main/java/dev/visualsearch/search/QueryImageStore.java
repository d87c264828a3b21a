package dev.visualsearch.search;

import dev.visualsearch.catalog.image.ImageFormat;
import io.smallrye.mutiny.Uni;
import java.util.Optional;
import java.util.UUID;

/**
 * Where the images and vectors of recent searches are kept for explanations. The request paths' methods hand back a
 * {@code Uni} to chain on the event loop (data-access.md); eviction runs on the scheduler's worker and blocks.
 */
interface QueryImageStore {

    /** Stores the original bytes of a query image and its vector under the model that produced it. */
    Uni<Void> keep(UUID queryId, byte[] bytes, ImageFormat format, String modelId, float[] vector);

    /** The query's vector if it was computed by {@code modelId} and has not expired. */
    Uni<Optional<float[]>> vector(UUID queryId, String modelId);

    /** The kept image of a query, unless it expired or was evicted. */
    Uni<Optional<byte[]>> find(UUID queryId);

    /** Drops expired entries, then the oldest beyond the count limit. */
    void evict();
}
