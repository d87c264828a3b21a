package dev.visualsearch.index.exact;

import dev.visualsearch.index.ClosePair;
import dev.visualsearch.index.VectorRows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Each vector's {@code k} nearest other vectors, exactly: an all-pairs self-join computed in tiles of
 * {@value #TILE} x {@value #TILE} rows, so that both tiles stay in cache while their dot products are taken (a
 * per-vector scan would stream the whole matrix from memory once per vector), and symmetric, so that each pair's dot
 * product is computed once and offered to both rows. The tile rows of the upper triangle are handed out to the
 * threads one at a time (the rows near the top have the most work); each thread keeps its own top-k lists, merged at
 * the end.
 */
public final class SelfJoin {

    static final int TILE = 64;

    private final DotKernel kernel;

    public SelfJoin() {
        this(DotKernel.best());
    }

    SelfJoin(DotKernel kernel) {
        this.kernel = kernel;
    }

    /** The kernel in use (SIMD or scalar), for benchmarks. */
    public String kernel() {
        return kernel.name();
    }

    /**
     * The pairs that are among the {@code k} nearest neighbours of at least one of their two rows, each unordered pair
     * once ({@code a < b}), best first.
     */
    public List<ClosePair> nearestPairs(VectorRows rows, int k, int threads) {
        int n = rows.size();
        if (n < 2 || k < 1) {
            return List.of();
        }
        int kept = Math.min(k, n - 1);
        int tiles = (n + TILE - 1) / TILE;
        AtomicInteger nextTileRow = new AtomicInteger();
        int workers = Math.max(1, Math.min(threads, tiles));
        List<CompletableFuture<Neighbours>> others = new ArrayList<>();
        for (int w = 1; w < workers; w++) {
            others.add(CompletableFuture.supplyAsync(() -> work(rows, kept, tiles, nextTileRow),
                    ForkJoinPool.commonPool()));
        }
        Neighbours merged = work(rows, kept, tiles, nextTileRow);
        for (CompletableFuture<Neighbours> other : others) {
            merged.mergeFrom(other.join());
        }
        return merged.pairs(rows.ids());
    }

    private Neighbours work(VectorRows rows, int k, int tiles, AtomicInteger nextTileRow) {
        int n = rows.size();
        int dim = rows.dimension();
        float[] m = rows.matrix();
        Neighbours top = new Neighbours(n, k);
        for (int ti = nextTileRow.getAndIncrement(); ti < tiles; ti = nextTileRow.getAndIncrement()) {
            int iFrom = ti * TILE;
            int iTo = Math.min(n, iFrom + TILE);
            for (int tj = ti; tj < tiles; tj++) {
                int jFrom = tj * TILE;
                int jTo = Math.min(n, jFrom + TILE);
                for (int i = iFrom; i < iTo; i++) {
                    for (int j = Math.max(jFrom, i + 1); j < jTo; j++) {
                        float score = kernel.dot(m, i * dim, m, j * dim, dim);
                        top.offer(i, j, score);
                        top.offer(j, i, score);
                    }
                }
            }
        }
        return top;
    }

    /** Per row, the k best (row, score) seen, kept sorted best first in flat arrays. */
    private static final class Neighbours {

        private final int k;
        private final int[] rows;
        private final float[] scores;

        Neighbours(int n, int k) {
            this.k = k;
            this.rows = new int[n * k];
            this.scores = new float[n * k];
            Arrays.fill(rows, -1);
            Arrays.fill(scores, Float.NEGATIVE_INFINITY);
        }

        void offer(int row, int other, float score) {
            int base = row * k;
            if (score <= scores[base + k - 1]) {
                return;
            }
            int at = base + k - 1;
            while (at > base && scores[at - 1] < score) {
                scores[at] = scores[at - 1];
                rows[at] = rows[at - 1];
                at--;
            }
            scores[at] = score;
            rows[at] = other;
        }

        void mergeFrom(Neighbours other) {
            for (int slot = 0; slot < other.rows.length; slot++) {
                if (other.rows[slot] >= 0) {
                    offer(slot / k, other.rows[slot], other.scores[slot]);
                }
            }
        }

        List<ClosePair> pairs(long[] ids) {
            Set<Long> seen = new HashSet<>();
            List<ClosePair> pairs = new ArrayList<>();
            int n = ids.length;
            for (int row = 0; row < n; row++) {
                for (int t = 0; t < k; t++) {
                    int other = rows[row * k + t];
                    if (other < 0) {
                        break;
                    }
                    int lo = Math.min(row, other);
                    int hi = Math.max(row, other);
                    if (seen.add((long) lo * n + hi)) {
                        long a = ids[lo];
                        long b = ids[hi];
                        pairs.add(a < b ? new ClosePair(a, b, scores[row * k + t])
                                : new ClosePair(b, a, scores[row * k + t]));
                    }
                }
            }
            pairs.sort((x, y) -> Float.compare(y.score(), x.score()));
            return pairs;
        }
    }
}
