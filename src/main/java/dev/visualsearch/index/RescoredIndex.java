package dev.visualsearch.index;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A compressed approximate index (FAISS SQ8 or PQ codes) whose candidates are scored again on the exact index's float
 * rows: the codes only have to put the right products among the first {@code factor} x k, and the scores and order a
 * user sees are the float cosine's. Everything but search goes to the compressed index; the exact index is kept in
 * step by the service anyway (it is the source of every vector lookup).
 */
public final class RescoredIndex implements VectorIndex {

    /** Candidates are never fewer than this, so a k = 1 search still has a few to choose from. */
    static final int MIN_CANDIDATES = 40;

    private final VectorIndex compressed;
    private final VectorIndex exact;
    private final int factor;

    private RescoredIndex(VectorIndex compressed, VectorIndex exact, int factor) {
        this.compressed = compressed;
        this.exact = exact;
        this.factor = factor;
    }

    /** {@code index} rescored on {@code exact} when its vectors are compressed codes, else {@code index} itself. */
    public static VectorIndex around(VectorIndex index, VectorIndex exact, int factor) {
        return factor > 0 && compresses(index.descriptor().backend()) ? new RescoredIndex(index, exact, factor) : index;
    }

    /** Whether a backend name is a FAISS index that keeps codes instead of the float vectors (SQ, PQ). */
    public static boolean compresses(String backend) {
        return backend.startsWith("faiss:") && backend.matches(".*(SQ|PQ)\\d.*");
    }

    @Override
    public List<Hit> search(float[] query, int k, Candidates filter) {
        List<Hit> candidates = compressed.search(query, Math.max(MIN_CANDIDATES, factor * k), filter);
        if (candidates.isEmpty()) {
            return candidates;
        }
        long[] ids = new long[candidates.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = candidates.get(i).id();
        }
        // A candidate the exact index no longer holds was deleted a moment ago: leaving it out is right.
        return exact.search(query, k, Candidates.of(ids));
    }

    @Override
    public IndexDescriptor descriptor() {
        return compressed.descriptor();
    }

    @Override
    public int size() {
        return compressed.size();
    }

    @Override
    public void add(long id, float[] vector) {
        compressed.add(id, vector);
    }

    @Override
    public boolean remove(long id) {
        return compressed.remove(id);
    }

    @Override
    public long[] ids() {
        return compressed.ids();
    }

    @Override
    public Optional<float[]> vector(long id) {
        return exact.vector(id);
    }

    @Override
    public int tombstones() {
        return compressed.tombstones();
    }

    @Override
    public String depthParameter() {
        return compressed.depthParameter();
    }

    @Override
    public int[] depthLadder() {
        return compressed.depthLadder();
    }

    @Override
    public void useDepth(SearchDepth depth) {
        compressed.useDepth(depth);
    }

    @Override
    public Optional<SearchDepth> searchDepth() {
        return compressed.searchDepth();
    }

    @Override
    public void save(Path file) {
        compressed.save(file);
    }

    @Override
    public void close() {
        compressed.close();
    }
}
