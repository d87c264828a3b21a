package dev.visualsearch.index;

import java.nio.file.Path;
import java.util.List;

/**
 * A searchable set of L2-normalised vectors keyed by product id; scores are cosine similarities (inner products).
 * Implementations are safe for concurrent searches alongside adds and removes.
 */
public interface VectorIndex extends AutoCloseable {

    IndexDescriptor descriptor();

    int size();

    /** Adds a vector, replacing any vector stored under the same id. */
    void add(long id, float[] vector);

    /** Removes the id; returns whether it was present. */
    boolean remove(long id);

    /**
     * The {@code k} best matches, best first. With a filter only those ids are candidates, and up to {@code k} of
     * them are still returned (pre-filtering, not post-filtering).
     */
    List<Hit> search(float[] query, int k, Candidates filter);

    /** Every id in the index (in no particular order). */
    long[] ids();

    /** The stored vector of an id, if present (used for "more like this product" searches). */
    java.util.Optional<float[]> vector(long id);

    /**
     * Whether other service instances write to this index too (OpenSearch): this instance then does not know all
     * of its contents, so filters go to the index by category rather than as the ids this instance knows.
     */
    default boolean shared() {
        return false;
    }

    /**
     * Called once when this index becomes the live one (see {@link LiveIndex}); a shared index makes itself the
     * one other service instances see here. In-process indexes have nothing to do.
     */
    default void goLive() {
    }

    /** Deleted entries this index still holds (HNSW keeps them in its graph until a rebuild); 0 when it deletes. */
    default int tombstones() {
        return 0;
    }

    /** The name of this index's search depth ({@code efSearch}, {@code nprobe}), or null when it has none. */
    default String depthParameter() {
        return null;
    }

    /** The depths this index can search at, shallow to deep; empty when it has no depth to choose. */
    default int[] depthLadder() {
        return new int[0];
    }

    /** Searches at {@code depth.value()} from now on (when it has a depth) and keeps the measurement. */
    default void useDepth(SearchDepth depth) {
    }

    /** The depth chosen for this index and what it measured, if it was measured. */
    default java.util.Optional<SearchDepth> searchDepth() {
        return java.util.Optional.empty();
    }

    /**
     * A copy of every vector (for a self-join that must not hold the index while it runs). The default asks for each
     * id's vector; the exact index copies its matrix in one step.
     */
    default VectorRows rows() {
        long[] ids = ids();
        int dim = descriptor().dimension();
        List<Long> kept = new java.util.ArrayList<>();
        List<float[]> vectors = new java.util.ArrayList<>();
        for (long id : ids) {
            vector(id).ifPresent(v -> {
                kept.add(id);
                vectors.add(v);
            });
        }
        float[] matrix = new float[kept.size() * dim];
        for (int i = 0; i < vectors.size(); i++) {
            System.arraycopy(vectors.get(i), 0, matrix, i * dim, dim);
        }
        return new VectorRows(kept.stream().mapToLong(Long::longValue).toArray(), matrix, dim);
    }

    /** Writes the index to {@code file} (through a temporary file, so a crash never leaves half a file). */
    void save(Path file);

    @Override
    void close();
}
