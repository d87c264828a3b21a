package dev.visualsearch.index;

import dev.visualsearch.embedding.Vectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Chooses the approximate index's search depth from a measurement instead of a fixed setting: recall@10 against the
 * exact index, for queries drawn from the catalogue's own vectors (each query's own product left out of both
 * answers), at increasing depths; the smallest depth that reaches the target recall is kept. An index without a depth
 * to choose (flat FAISS, OpenSearch) is only measured. Why: at a million vectors the fixed HNSW efSearch 64 gave
 * recall@10 0.897 (docs/performance.md), and the depth a catalogue needs depends on its vectors.
 */
public final class SearchDepthTuner {

    static final int K = 10;

    private SearchDepthTuner() {
    }

    /**
     * Measures {@code ann} against {@code exact} and leaves it searching at the chosen depth, never shallower than
     * {@code atLeast} (a live re-check only deepens, so searches running meanwhile never lose recall).
     */
    public static SearchDepth tune(VectorIndex ann, VectorIndex exact, double targetRecall, int sampleSize, long seed,
                                   int atLeast) {
        Probe probe = new Probe(exact, sampleSize, seed);
        int[] ladder = ann.depthLadder();
        String parameter = ann.depthParameter();
        int vectors = ann.size();
        if (ladder.length == 0) {
            SearchDepth measured = new SearchDepth(parameter, null, targetRecall, probe.recall(ann), probe.size(),
                    vectors);
            ann.useDepth(measured);
            return measured;
        }
        SearchDepth chosen = null;
        for (int depth : ladder) {
            if (depth < atLeast && depth != ladder[ladder.length - 1]) {
                continue;
            }
            ann.useDepth(new SearchDepth(parameter, depth, targetRecall, Double.NaN, 0, vectors));
            chosen = new SearchDepth(parameter, depth, targetRecall, probe.recall(ann), probe.size(), vectors);
            if (chosen.reached()) {
                break;
            }
        }
        ann.useDepth(chosen);
        return chosen;
    }

    /** Scores closer than this are a tie (float rounding of a 768- to 1,536-term dot product). */
    static final float TIE = 1e-5f;

    /** Recall@10 of {@code ann} at its current depth, measured as {@link #tune} measures it. */
    public static double measure(VectorIndex ann, VectorIndex exact, int sampleSize, long seed) {
        return new Probe(exact, sampleSize, seed).recall(ann);
    }

    /** Up to {@code n} ids, drawn without replacement by a seeded shuffle (the same catalogue gives the same sample). */
    static long[] sample(long[] ids, int n, long seed) {
        long[] sorted = ids.clone();
        Arrays.sort(sorted);
        Random random = new Random(seed);
        int take = Math.min(n, sorted.length);
        for (int i = 0; i < take; i++) {
            int j = i + random.nextInt(sorted.length - i);
            long swap = sorted[i];
            sorted[i] = sorted[j];
            sorted[j] = swap;
        }
        return Arrays.copyOf(sorted, take);
    }

    private static long[] withoutSelf(List<Hit> hits, long self) {
        return hits.stream().mapToLong(Hit::id).filter(id -> id != self).limit(K).toArray();
    }

    /** The sampled queries and their exact answers, computed once for every depth tried. */
    private static final class Probe {

        private final List<Long> ids = new ArrayList<>();
        private final List<float[]> queries = new ArrayList<>();
        private final List<long[]> truth = new ArrayList<>();
        /** Each query's 10th exact score: a returned product scoring as high is as right as the one ranked 10th. */
        private final List<Float> tenth = new ArrayList<>();
        private final VectorIndex exact;

        Probe(VectorIndex exact, int sampleSize, long seed) {
            this.exact = exact;
            for (long id : sample(exact.ids(), sampleSize, seed)) {
                exact.vector(id).ifPresent(vector -> {
                    List<Hit> hits = exact.search(vector, K + 1, null).stream().filter(h -> h.id() != id).limit(K)
                            .toList();
                    ids.add(id);
                    queries.add(vector);
                    truth.add(hits.stream().mapToLong(Hit::id).toArray());
                    tenth.add(hits.isEmpty() ? Float.POSITIVE_INFINITY : hits.get(hits.size() - 1).score());
                });
            }
        }

        /**
         * Whether a returned product belongs in the exact top 10: it is there, or it ties the 10th (scores equal to
         * float rounding; two exact indexes summing in different orders break such ties differently).
         */
        private boolean belongs(long id, Set<Long> expected, float[] query, float tenthScore) {
            if (expected.contains(id)) {
                return true;
            }
            return exact.vector(id).map(v -> Vectors.dot(query, v) >= tenthScore - TIE).orElse(false);
        }

        int size() {
            return queries.size();
        }

        /** Mean share of each query's exact top 10 (itself left out) that {@code ann} also returns; 1 with none. */
        double recall(VectorIndex ann) {
            double sum = 0;
            int counted = 0;
            for (int q = 0; q < queries.size(); q++) {
                long[] truthIds = truth.get(q);
                if (truthIds.length == 0) {
                    continue;
                }
                Set<Long> expected = new HashSet<>();
                for (long id : truthIds) {
                    expected.add(id);
                }
                int hits = 0;
                for (long id : withoutSelf(ann.search(queries.get(q), K + 1, null), ids.get(q))) {
                    if (belongs(id, expected, queries.get(q), tenth.get(q))) {
                        hits++;
                    }
                }
                sum += Math.min(hits, truthIds.length) / (double) truthIds.length;
                counted++;
            }
            return counted == 0 ? 1.0 : sum / counted;
        }
    }
}
