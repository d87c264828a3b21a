package dev.visualsearch.index.faiss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaissNativeTest {

    static final int D = 64;
    static final int K = 10;
    static final long ID_BASE = 1_000_000_000_000L; // exercise ids beyond int range

    private final List<Long> handles = new ArrayList<>();

    @BeforeEach
    void requireLibrary() {
        Assumptions.assumeTrue(FaissNative.isAvailable(), FaissNative.unavailableReason());
        FaissNative.setThreads(1);
    }

    @AfterEach
    void freeAll() {
        handles.forEach(FaissNative::free);
        handles.clear();
    }

    private long track(long h) {
        handles.add(h);
        return h;
    }

    // ------------------------------------------------------------ data

    static float[] randomUnit(int n, int d, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        normalize(x, n, d);
        return x;
    }

    /** Mixture of 50 Gaussian clusters, normalized: closer to real embeddings than uniform noise. */
    static float[] clustered(int n, int d, long seed) {
        Random r = new Random(seed);
        int c = 50;
        float[] centers = new float[c * d];
        for (int i = 0; i < centers.length; i++) {
            centers[i] = (float) r.nextGaussian();
        }
        normalize(centers, c, d);
        float[] x = new float[n * d];
        double sigma = 0.6 / Math.sqrt(d); // noise norm ~0.6 around unit centers
        for (int i = 0; i < n; i++) {
            int ci = r.nextInt(c);
            for (int j = 0; j < d; j++) {
                x[i * d + j] = centers[ci * d + j] + (float) (sigma * r.nextGaussian());
            }
        }
        normalize(x, n, d);
        return x;
    }

    /** First n rows of a clustered sample as data, the following nq rows (same clusters) as queries. */
    static float[][] clusteredSplit(int n, int nq, long seed) {
        float[] all = clustered(n + nq, D, seed);
        return new float[][] {Arrays.copyOf(all, n * D), Arrays.copyOfRange(all, n * D, (n + nq) * D)};
    }

    static void normalize(float[] x, int n, int d) {
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += x[i * d + j] * x[i * d + j];
            }
            float inv = (float) (1 / Math.sqrt(s));
            for (int j = 0; j < d; j++) {
                x[i * d + j] *= inv;
            }
        }
    }

    static long[] ids(int n) {
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = ID_BASE + 7L * i;
        }
        return ids;
    }

    static float[] row(float[] x, int i, int d) {
        return Arrays.copyOfRange(x, i * d, (i + 1) * d);
    }

    record Result(long[] labels, float[] scores) {
    }

    /** Exact inner-product top-k over the vectors whose id passes {@code allowed} (null = all). */
    static Result bruteForce(float[] data, long[] ids, float[] q, int qi, int k, Set<Long> allowed) {
        int n = ids.length;
        List<Integer> cand = new ArrayList<>();
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            if (allowed != null && !allowed.contains(ids[i])) {
                continue;
            }
            double dot = 0;
            for (int j = 0; j < D; j++) {
                dot += data[i * D + j] * q[qi * D + j];
            }
            s[i] = dot;
            cand.add(i);
        }
        cand.sort((a, b) -> Double.compare(s[b], s[a]));
        long[] labels = new long[k];
        float[] scores = new float[k];
        Arrays.fill(labels, -1);
        for (int i = 0; i < Math.min(k, cand.size()); i++) {
            labels[i] = ids[cand.get(i)];
            scores[i] = (float) s[cand.get(i)];
        }
        return new Result(labels, scores);
    }

    static Result search(long h, float[] q, int nq, int k) {
        float[] dist = new float[nq * k];
        long[] lab = new long[nq * k];
        FaissNative.search(h, q, nq, k, dist, lab);
        return new Result(lab, dist);
    }

    static Result searchFiltered(long h, float[] q, int nq, int k, long[] allowed) {
        float[] dist = new float[nq * k];
        long[] lab = new long[nq * k];
        FaissNative.searchFiltered(h, q, nq, k, allowed, dist, lab);
        return new Result(lab, dist);
    }

    static double recall(long h, float[] data, long[] ids, float[] q, int nq) {
        Result got = search(h, q, nq, K);
        int hits = 0;
        for (int qi = 0; qi < nq; qi++) {
            Set<Long> truth = new HashSet<>();
            for (long l : bruteForce(data, ids, q, qi, K, null).labels()) {
                truth.add(l);
            }
            for (int j = 0; j < K; j++) {
                if (truth.contains(got.labels()[qi * K + j])) {
                    hits++;
                }
            }
        }
        return hits / (double) (nq * K);
    }

    private long flatWith(float[] data, long[] ids) {
        long h = track(FaissNative.create("Flat", D, FaissNative.METRIC_INNER_PRODUCT));
        FaissNative.addWithIds(h, data, ids, ids.length);
        return h;
    }

    private long ivfWith(float[] data, long[] ids) {
        long h = track(FaissNative.create("IVF64,Flat", D, FaissNative.METRIC_INNER_PRODUCT));
        assertFalse(FaissNative.isTrained(h));
        FaissNative.train(h, data, ids.length);
        assertTrue(FaissNative.isTrained(h));
        FaissNative.addWithIds(h, data, ids, ids.length);
        FaissNative.setNprobe(h, 16);
        return h;
    }

    private long hnswWith(float[] data, long[] ids) {
        long h = track(FaissNative.create("HNSW32", D, FaissNative.METRIC_INNER_PRODUCT));
        FaissNative.addWithIds(h, data, ids, ids.length);
        FaissNative.setHnswEfSearch(h, 64);
        return h;
    }

    private static void assertSameAsBruteForce(Result got, int qi, Result want) {
        for (int j = 0; j < K; j++) {
            assertEquals(want.labels()[j], got.labels()[qi * K + j], "query " + qi + " rank " + j);
            assertEquals(want.scores()[j], got.scores()[qi * K + j], 1e-5, "query " + qi + " rank " + j);
        }
    }

    // ------------------------------------------------------------ tests

    @Test
    void flatInnerProductMatchesBruteForce() {
        float[] data = randomUnit(2000, D, 42);
        long[] ids = ids(2000);
        long h = flatWith(data, ids);
        assertEquals(2000, FaissNative.ntotal(h));
        assertEquals(D, FaissNative.dim(h));
        int nq = 25;
        float[] q = randomUnit(nq, D, 7);
        for (int threshold : new int[] {1, 20}) { // BLAS path and FAISS's own SIMD path
            FaissNative.setBlasThreshold(threshold);
            Result batch = search(h, q, nq, K);
            for (int qi = 0; qi < nq; qi++) {
                Result want = bruteForce(data, ids, q, qi, K, null);
                assertSameAsBruteForce(batch, qi, want);
                assertSameAsBruteForce(search(h, row(q, qi, D), 1, K), 0, want);
            }
        }
        FaissNative.setBlasThreshold(1);
    }

    /**
     * HNSW compares through fvec_inner_product / fvec_L2sqr, which build.sh wraps (distance_kernels.cpp): every path's
     * scores must be the plain dot products and squared distances, at a dimension with a tail after the 32- and
     * 8-wide blocks; libfaiss's own scalar loop must give the bits of a sequential float sum and the shim's paths,
     * summing in lanes, other bits somewhere, which shows the wrap is on the call path; and the default path must be
     * the one this CPU can run.
     */
    @Test
    void theWrappedDistanceKernelsScoreExactlyAndFollowTheCpu() throws Exception {
        String flags = Files.readString(Path.of("/proc/cpuinfo"));
        boolean avx2 = flags.matches("(?s).*\\bavx2\\b.*") && flags.matches("(?s).*\\bfma\\b.*");
        String fastest = avx2 ? "avx2-fma" : "sse2";
        assertEquals(fastest, FaissNative.distanceKernel());

        int d = 77;
        int n = 300;
        float[] data = randomUnit(n, d, 5);
        float[] queries = randomUnit(20, d, 6);
        try {
            assertEquals("libfaiss", FaissNative.useDistanceKernel("libfaiss"));
            float[][] library = scoresThrough(data, queries, d, n, true);
            for (String kernel : new String[] {"sse2", fastest}) {
                assertEquals(kernel, FaissNative.useDistanceKernel(kernel));
                float[][] ours = scoresThrough(data, queries, d, n, false);
                boolean anyBitDiffers = false;
                for (int m = 0; m < ours.length; m++) {
                    for (int i = 0; i < ours[m].length; i++) {
                        anyBitDiffers |= Float.floatToIntBits(ours[m][i]) != Float.floatToIntBits(library[m][i]);
                    }
                }
                assertTrue(anyBitDiffers, kernel + " gave libfaiss's exact bits everywhere: the wrap is not in use");
            }
        } finally {
            FaissNative.useDistanceKernel(fastest);
        }
    }

    /** Searches an HNSW16 index per metric (inner product, L2) and checks each score against the sums in Java. */
    private float[][] scoresThrough(float[] data, float[] queries, int d, int n, boolean sequentialBits) {
        int[] metrics = {FaissNative.METRIC_INNER_PRODUCT, FaissNative.METRIC_L2};
        float[][] scores = new float[metrics.length][];
        for (int m = 0; m < metrics.length; m++) {
            boolean l2 = metrics[m] == FaissNative.METRIC_L2;
            long h = track(FaissNative.create("HNSW16", d, metrics[m]));
            FaissNative.addWithIds(h, data, ids(n), n);
            FaissNative.setHnswEfSearch(h, 400);
            Result got = search(h, queries, 20, K);
            for (int q = 0; q < 20; q++) {
                for (int j = 0; j < K; j++) {
                    int row = (int) ((got.labels()[q * K + j] - ID_BASE) / 7);
                    double want = 0;
                    float sequential = 0;
                    for (int i = 0; i < d; i++) {
                        float a = queries[q * d + i];
                        float b = data[row * d + i];
                        want += l2 ? (double) (a - b) * (a - b) : (double) a * b;
                        sequential += l2 ? (a - b) * (a - b) : a * b;
                    }
                    float score = got.scores()[q * K + j];
                    assertEquals(want, score, 1e-5, "query " + q + ", rank " + j);
                    if (sequentialBits) {
                        assertEquals(sequential, score, 0f, "libfaiss, query " + q + ", rank " + j);
                    }
                }
            }
            scores[m] = got.scores();
        }
        return scores;
    }

    @Test
    void hnswRecallOnClusteredData() {
        float[][] s = clusteredSplit(5000, 100, 1);
        float[] data = s[0];
        long[] ids = ids(5000);
        long h = hnswWith(data, ids);
        double r = recall(h, data, ids, s[1], 100);
        System.out.printf("HNSW32 efSearch=64 recall@10 = %.3f%n", r);
        assertTrue(r >= 0.9, "recall " + r);
    }

    @Test
    void ivfRecallOnClusteredData() {
        float[][] s = clusteredSplit(5000, 100, 1);
        float[] data = s[0];
        long[] ids = ids(5000);
        long h = ivfWith(data, ids);
        double r = recall(h, data, ids, s[1], 100);
        System.out.printf("IVF64,Flat nprobe=16 recall@10 = %.3f%n", r);
        assertTrue(r >= 0.9, "recall " + r);
    }

    @Test
    void removedIdsAreNeverReturnedFlat() {
        float[] data = randomUnit(2000, D, 42);
        long[] ids = ids(2000);
        long h = flatWith(data, ids);
        long[] removed = new long[500];
        Set<Long> kept = new HashSet<>();
        for (int i = 0, r = 0; i < 2000; i++) {
            if (i % 4 == 0) {
                removed[r++] = ids[i];
            } else {
                kept.add(ids[i]);
            }
        }
        assertEquals(500, FaissNative.removeIds(h, removed));
        assertEquals(1500, FaissNative.ntotal(h));
        assertEquals(0, FaissNative.removeIds(h, removed));
        Set<Long> removedSet = new HashSet<>();
        for (long id : removed) {
            removedSet.add(id);
        }
        // Query with the removed vectors themselves; the rest must still map to the right ids.
        for (int i = 0; i < 2000; i += 40) {
            float[] q = row(data, i, D);
            Result got = search(h, q, 1, K);
            for (long l : got.labels()) {
                assertFalse(removedSet.contains(l), "removed id returned: " + l);
            }
            assertSameAsBruteForce(got, 0, bruteForce(data, ids, q, 0, K, kept));
        }
    }

    @Test
    void removeOnIvfKeepsIdsConsistent() {
        float[] data = clustered(5000, D, 3);
        long[] ids = ids(5000);
        long h = ivfWith(data, ids);
        long[] removed = new long[1000];
        for (int i = 0; i < 1000; i++) {
            removed[i] = ids[i * 5];
        }
        assertEquals(1000, FaissNative.removeIds(h, removed));
        assertEquals(4000, FaissNative.ntotal(h));
        Set<Long> removedSet = new HashSet<>();
        for (long id : removed) {
            removedSet.add(id);
        }
        for (int i = 1; i < 5000; i += 37) {
            Result got = search(h, row(data, i, D), 1, K);
            if (!removedSet.contains(ids[i])) {
                assertEquals(ids[i], got.labels()[0], "a kept vector must find itself first");
            }
            for (long l : got.labels()) {
                assertFalse(removedSet.contains(l), "removed id returned: " + l);
            }
        }
    }

    @Test
    void filteredSearchReturnsOnlyAllowedIds() {
        float[][] s = clusteredSplit(5000, 20, 4);
        float[] data = s[0];
        float[] q = s[1];
        long[] ids = ids(5000);
        Random r = new Random(9);
        // small filter -> exact path; large filter (> 4096) -> FAISS IDSelector path
        for (int allowedCount : new int[] {100, 4500}) {
            Set<Long> allowedSet = new HashSet<>();
            while (allowedSet.size() < allowedCount) {
                allowedSet.add(ids[r.nextInt(ids.length)]);
            }
            long[] allowed = allowedSet.stream().mapToLong(Long::longValue).sorted().toArray();
            for (String kind : new String[] {"Flat", "HNSW32", "IVF64,Flat"}) {
                long h = switch (kind) {
                    case "Flat" -> flatWith(data, ids);
                    case "HNSW32" -> hnswWith(data, ids);
                    default -> ivfWith(data, ids);
                };
                Result got = searchFiltered(h, q, 20, K, allowed);
                int hits = 0;
                for (int qi = 0; qi < 20; qi++) {
                    Result want = bruteForce(data, ids, q, qi, K, allowedSet);
                    Set<Long> truth = new HashSet<>();
                    for (long l : want.labels()) {
                        truth.add(l);
                    }
                    for (int j = 0; j < K; j++) {
                        long l = got.labels()[qi * K + j];
                        assertTrue(l == -1 || allowedSet.contains(l), kind + ": not allowed " + l);
                        if (truth.contains(l)) {
                            hits++;
                        }
                    }
                    if (kind.equals("Flat") || (kind.equals("HNSW32") && allowedCount <= 4096)) {
                        assertSameAsBruteForce(got, qi, want); // exact paths
                    }
                }
                System.out.printf("filtered %-10s allowed=%d recall@10 = %.3f%n", kind, allowedCount,
                        hits / 200.0);
                if (!kind.equals("IVF64,Flat") || allowedCount > 1000) {
                    assertTrue(hits / 200.0 >= 0.9, kind + " filtered recall " + hits / 200.0);
                }
                Result none = searchFiltered(h, row(q, 0, D), 1, K, new long[0]);
                assertTrue(Arrays.stream(none.labels()).allMatch(l -> l == -1));
            }
        }
    }

    @Test
    void writeReadRoundTrip(@TempDir Path dir) {
        float[][] s = clusteredSplit(3000, 30, 6);
        float[] data = s[0];
        float[] q = s[1];
        long[] ids = ids(3000);
        long[] allowed = Arrays.copyOfRange(ids, 100, 300);
        for (String kind : new String[] {"Flat", "HNSW32", "IVF64,Flat"}) {
            long h = switch (kind) {
                case "Flat" -> flatWith(data, ids);
                case "HNSW32" -> hnswWith(data, ids);
                default -> ivfWith(data, ids);
            };
            Path file = dir.resolve(kind.replace(',', '_') + ".faiss");
            FaissNative.write(h, file.toString());
            long h2 = track(FaissNative.read(file.toString()));
            assertEquals(FaissNative.ntotal(h), FaissNative.ntotal(h2));
            assertEquals(D, FaissNative.dim(h2));
            Result a = search(h, q, 30, K);
            Result b = search(h2, q, 30, K);
            assertArrayEquals(a.labels(), b.labels(), kind);
            assertArrayEquals(a.scores(), b.scores(), kind);
            Result fa = searchFiltered(h, q, 30, K, allowed);
            Result fb = searchFiltered(h2, q, 30, K, allowed);
            assertArrayEquals(fa.labels(), fb.labels(), kind + " filtered");
            // the read index accepts further adds and (except HNSW) removes
            FaissNative.addWithIds(h2, row(data, 0, D), new long[] {42L}, 1);
            assertEquals(3001, FaissNative.ntotal(h2));
            if (!kind.equals("HNSW32")) {
                assertEquals(1, FaissNative.removeIds(h2, new long[] {42L}));
            }
        }
    }

    @Test
    void errorsBecomeJavaExceptions() {
        long flat = track(FaissNative.create("Flat", D, FaissNative.METRIC_L2));
        float[] v = randomUnit(10, D, 1);
        assertThrows(IllegalArgumentException.class, () -> FaissNative.addWithIds(flat, v, ids(10), 11));
        assertThrows(IllegalArgumentException.class, () -> FaissNative.addWithIds(flat, v, ids(9), 10));
        assertThrows(IllegalArgumentException.class,
                () -> FaissNative.addWithIds(flat, new float[D * 10 - 1], ids(10), 10));
        FaissNative.addWithIds(flat, v, ids(10), 10);
        assertThrows(IllegalArgumentException.class,
                () -> FaissNative.search(flat, new float[D + 1], 1, K, new float[K], new long[K]));
        assertThrows(IllegalArgumentException.class,
                () -> FaissNative.search(flat, new float[D], 1, K, new float[K - 1], new long[K]));
        assertThrows(IllegalArgumentException.class,
                () -> FaissNative.search(flat, new float[D], 1, 0, new float[0], new long[0]));
        assertThrows(IllegalArgumentException.class,
                () -> FaissNative.searchFiltered(flat, new float[D], 1, K, new long[] {5, 1}, new float[K],
                        new long[K]));
        assertThrows(IllegalArgumentException.class, () -> FaissNative.search(0, v, 1, K, new float[K],
                new long[K]));
        assertThrows(IllegalArgumentException.class, () -> FaissNative.create("Flat", D, 7));
        assertThrows(IllegalArgumentException.class, () -> FaissNative.setNprobe(flat, 4));
        IllegalStateException bad = assertThrows(IllegalStateException.class,
                () -> FaissNative.create("NoSuchIndex42", D, 0));
        System.out.println("unknown factory string -> " + bad.getMessage());
        assertThrows(IllegalStateException.class, () -> FaissNative.read("/nonexistent/x.faiss"));

        long ivf = track(FaissNative.create("IVF64,Flat", D, 0));
        IllegalStateException untrained = assertThrows(IllegalStateException.class,
                () -> FaissNative.addWithIds(ivf, v, ids(10), 10));
        System.out.println("add to untrained IVF -> " + untrained.getMessage());

        long hnsw = track(FaissNative.create("HNSW32", D, 0));
        FaissNative.addWithIds(hnsw, v, ids(10), 10);
        UnsupportedOperationException unsupported = assertThrows(UnsupportedOperationException.class,
                () -> FaissNative.removeIds(hnsw, new long[] {ID_BASE}));
        System.out.println("HNSW remove -> " + unsupported.getMessage());
        // user-supplied IDMap2 around HNSW reaches FAISS's own check too
        long hnsw2 = track(FaissNative.create("IDMap2,HNSW16", D, 0));
        FaissNative.addWithIds(hnsw2, v, ids(10), 10);
        assertThrows(UnsupportedOperationException.class, () -> FaissNative.removeIds(hnsw2, new long[] {1}));
        // IDMap around IVF: FAISS 1.7.3 would silently corrupt the id map on remove; refused
        long wrappedIvf = track(FaissNative.create("IDMap2,IVF4,Flat", D, 0));
        FaissNative.train(wrappedIvf, randomUnit(200, D, 3), 200);
        FaissNative.addWithIds(wrappedIvf, v, ids(10), 10);
        assertThrows(UnsupportedOperationException.class, () -> FaissNative.removeIds(wrappedIvf, new long[] {1}));
        assertEquals(10, FaissNative.ntotal(hnsw));
        assertEquals(ID_BASE, search(hnsw, row(v, 0, D), 1, K).labels()[0]); // still usable
    }

    @Test
    void concurrentSearchesMatchSequential() throws Exception {
        float[][] s = clusteredSplit(5000, 64, 8);
        float[] data = s[0];
        float[] q = s[1];
        long[] ids = ids(5000);
        long flat = flatWith(data, ids);
        long hnsw = hnswWith(data, ids);
        Result flatRef = search(flat, q, 64, K);
        Result hnswRef = search(hnsw, q, 64, K);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                fs.add(pool.submit(() -> {
                    for (int rep = 0; rep < 5; rep++) {
                        for (int qi = 0; qi < 64; qi++) {
                            float[] one = row(q, qi, D);
                            Result f = search(flat, one, 1, K);
                            Result hn = search(hnsw, one, 1, K);
                            assertArrayEquals(Arrays.copyOfRange(flatRef.labels(), qi * K, qi * K + K),
                                    f.labels());
                            assertArrayEquals(Arrays.copyOfRange(hnswRef.labels(), qi * K, qi * K + K),
                                    hn.labels());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }
}
