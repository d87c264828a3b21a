package dev.visualsearch.index.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visualsearch.index.ClosePair;
import dev.visualsearch.index.VectorRows;
import dev.visualsearch.support.SampleEmbeddings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The blocked, symmetric, multi-threaded self-join against the obvious O(n^2) double loop in double precision. */
class SelfJoinTest {

    /** n random unit vectors, ids 10, 20, 30 ... in a shuffled order (the join must not assume sorted ids). */
    private static VectorRows random(int n, int dim, long seed) {
        Random random = new Random(seed);
        float[] matrix = new float[n * dim];
        for (int i = 0; i < n; i++) {
            double norm = 0;
            for (int d = 0; d < dim; d++) {
                matrix[i * dim + d] = (float) random.nextGaussian();
                norm += matrix[i * dim + d] * matrix[i * dim + d];
            }
            for (int d = 0; d < dim; d++) {
                matrix[i * dim + d] /= (float) Math.sqrt(norm);
            }
        }
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(10L * (i + 1));
        }
        java.util.Collections.shuffle(ids, random);
        return new VectorRows(ids.stream().mapToLong(Long::longValue).toArray(), matrix, dim);
    }

    private static double dot(VectorRows rows, int i, int j) {
        double sum = 0;
        for (int d = 0; d < rows.dimension(); d++) {
            sum += (double) rows.matrix()[i * rows.dimension() + d] * rows.matrix()[j * rows.dimension() + d];
        }
        return sum;
    }

    /** Unordered pair "a-b" -> score, for every pair among the k nearest of either row. */
    private static Map<String, Double> bruteForce(VectorRows rows, int k) {
        int n = rows.size();
        Map<String, Double> pairs = new HashMap<>();
        for (int i = 0; i < n; i++) {
            int row = i;
            List<Integer> others = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    others.add(j);
                }
            }
            others.sort(Comparator.comparingDouble((Integer j) -> -dot(rows, row, j)));
            for (int j : others.subList(0, Math.min(k, others.size()))) {
                long a = Math.min(rows.ids()[i], rows.ids()[j]);
                long b = Math.max(rows.ids()[i], rows.ids()[j]);
                pairs.put(a + "-" + b, dot(rows, i, j));
            }
        }
        return pairs;
    }

    private static Map<String, Double> asMap(List<ClosePair> pairs) {
        Map<String, Double> map = new HashMap<>();
        for (ClosePair pair : pairs) {
            assertTrue(pair.a() < pair.b(), "a < b in " + pair);
            Double before = map.put(pair.a() + "-" + pair.b(), (double) pair.score());
            assertEquals(null, before, "each pair once: " + pair);
        }
        return map;
    }

    private static void assertSameAsBruteForce(SelfJoin join, VectorRows rows, int k, int threads) {
        Map<String, Double> expected = bruteForce(rows, k);
        Map<String, Double> actual = asMap(join.nearestPairs(rows, k, threads));
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((pair, score) -> assertEquals(score, actual.get(pair), 1e-5, pair));
    }

    @Test
    void matchesBruteForceOnRandomVectorsAcrossTileEdgesAndThreads() {
        // 203 rows: three full tiles of 64 and a ragged one, so pairs inside a tile, across tiles and in the last part.
        VectorRows rows = random(203, 48, 7);
        for (int threads : new int[] {1, 3}) {
            assertSameAsBruteForce(new SelfJoin(), rows, 5, threads);
            assertSameAsBruteForce(new SelfJoin(new ScalarDot()), rows, 3, threads);
        }
    }

    @Test
    void matchesBruteForceOnRealEmbeddings() {
        float[][] real = SampleEmbeddings.real();
        int n = 300;
        float[] matrix = new float[n * SampleEmbeddings.DIM];
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(real[i], 0, matrix, i * SampleEmbeddings.DIM, SampleEmbeddings.DIM);
            ids[i] = 1000 + i;
        }
        assertSameAsBruteForce(new SelfJoin(), new VectorRows(ids, matrix, SampleEmbeddings.DIM), 4, 2);
    }

    @Test
    void pairsComeBestFirstAndKIsCappedByTheCatalogue() {
        VectorRows rows = random(4, 8, 3);
        List<ClosePair> pairs = new SelfJoin().nearestPairs(rows, 10, 2);
        assertEquals(6, pairs.size(), "k beyond n-1 keeps every pair of 4 rows, each once");
        for (int i = 1; i < pairs.size(); i++) {
            assertTrue(pairs.get(i - 1).score() >= pairs.get(i).score());
        }
        assertEquals(List.of(), new SelfJoin().nearestPairs(random(1, 8, 3), 5, 2), "one row has no pair");
    }

    @Test
    void anExactCopyIsEachOthersNearestWithScoreOne() {
        VectorRows base = random(100, 32, 11);
        float[] matrix = java.util.Arrays.copyOf(base.matrix(), 101 * 32);
        System.arraycopy(base.matrix(), 42 * 32, matrix, 100 * 32, 32);
        long[] ids = java.util.Arrays.copyOf(base.ids(), 101);
        ids[100] = 99_999;
        List<ClosePair> pairs = new SelfJoin().nearestPairs(new VectorRows(ids, matrix, 32), 2, 2);
        ClosePair best = pairs.get(0);
        assertEquals(Math.min(base.ids()[42], 99_999), best.a());
        assertEquals(Math.max(base.ids()[42], 99_999), best.b());
        assertEquals(1.0, best.score(), 1e-5);
    }
}
