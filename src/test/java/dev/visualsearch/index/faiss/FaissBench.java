package dev.visualsearch.index.faiss;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * Rough latency numbers for the FAISS shim: 10k x 768 vectors scattered around 100 centroids, inner product,
 * 1 OpenMP thread. Run: java -cp target/classes:target/test-classes dev.visualsearch.index.faiss.FaissBench
 * [n] [dim]
 */
public final class FaissBench {

    public static void main(String[] args) {
        if (!FaissNative.isAvailable()) {
            System.out.println("FAISS unavailable: " + FaissNative.unavailableReason());
            return;
        }
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int d = args.length > 1 ? Integer.parseInt(args[1]) : 768;
        int nq = 300;
        FaissNative.setThreads(1);
        float[] all = data(n + nq, d, 100, 11);
        float[] x = Arrays.copyOf(all, n * d);
        float[] q = Arrays.copyOfRange(all, n * d, (n + nq) * d);
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
        }
        System.out.printf("n=%d dim=%d queries=%d, 1 OMP thread, 1 BLAS thread%n", n, d, nq);

        System.out.printf("plain Java dot-product scan:         %.3f ms/query%n", javaScan(x, q, n, nq, d));

        long flat = FaissNative.create("Flat", d, FaissNative.METRIC_INNER_PRODUCT);
        FaissNative.addWithIds(flat, x, ids, n);
        for (int threshold : new int[] {20, 1}) {
            FaissNative.setBlasThreshold(threshold);
            String tag = threshold == 1 ? "blas_threshold=1 " : "blas_threshold=20";
            System.out.printf("Flat IP single query, %s:  %.3f ms/query%n", tag, single(flat, q, nq, d));
            System.out.printf("Flat IP batch of 100, %s:  %.3f ms/query%n", tag, batch(flat, q, nq, d, 100));
        }
        FaissNative.setBlasThreshold(1);
        long[] truth = labels(flat, q, nq, d);

        long hnsw = FaissNative.create("HNSW32", d, FaissNative.METRIC_INNER_PRODUCT);
        long t0 = System.nanoTime();
        FaissNative.addWithIds(hnsw, x, ids, n);
        System.out.printf("HNSW32 build (efConstruction 40):   %.1f s%n", (System.nanoTime() - t0) / 1e9);
        for (int ef : new int[] {16, 64, 128}) {
            FaissNative.setHnswEfSearch(hnsw, ef);
            double ms = single(hnsw, q, nq, d);
            System.out.printf("HNSW32 efSearch=%-3d single query:   %.3f ms/query, recall@10 %.3f%n", ef, ms,
                    recall(truth, labels(hnsw, q, nq, d)));
        }
        FaissNative.free(flat);
        FaissNative.free(hnsw);
    }

    static float[] data(int n, int d, int centroids, long seed) {
        Random r = new Random(seed);
        float[] c = new float[centroids * d];
        for (int i = 0; i < c.length; i++) {
            c[i] = (float) r.nextGaussian();
        }
        float[] x = new float[n * d];
        for (int i = 0; i < n; i++) {
            int ci = r.nextInt(centroids);
            double s = 0;
            for (int j = 0; j < d; j++) {
                float v = c[ci * d + j] + 0.7f * (float) r.nextGaussian();
                x[i * d + j] = v;
                s += v * v;
            }
            float inv = (float) (1 / Math.sqrt(s));
            for (int j = 0; j < d; j++) {
                x[i * d + j] *= inv;
            }
        }
        return x;
    }

    static double javaScan(float[] x, float[] q, int n, int nq, int d) {
        double best = Double.MAX_VALUE;
        for (int rep = 0; rep < 3; rep++) {
            long t0 = System.nanoTime();
            float sink = 0;
            for (int qi = 0; qi < nq; qi++) {
                float top = -Float.MAX_VALUE;
                for (int i = 0; i < n; i++) {
                    float s = 0;
                    for (int j = 0; j < d; j++) {
                        s += x[i * d + j] * q[qi * d + j];
                    }
                    top = Math.max(top, s);
                }
                sink += top;
            }
            best = Math.min(best, (System.nanoTime() - t0) / 1e6 / nq);
            if (sink == 42) {
                System.out.print("");
            }
        }
        return best;
    }

    /** Best of 3 passes over nq single-vector searches. */
    static double single(long h, float[] q, int nq, int d) {
        float[] dist = new float[10];
        long[] lab = new long[10];
        double best = Double.MAX_VALUE;
        for (int rep = 0; rep < 3; rep++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < nq; i++) {
                FaissNative.search(h, Arrays.copyOfRange(q, i * d, (i + 1) * d), 1, 10, dist, lab);
            }
            best = Math.min(best, (System.nanoTime() - t0) / 1e6 / nq);
        }
        return best;
    }

    static double batch(long h, float[] q, int nq, int d, int bs) {
        float[] dist = new float[bs * 10];
        long[] lab = new long[bs * 10];
        double best = Double.MAX_VALUE;
        for (int rep = 0; rep < 3; rep++) {
            long t0 = System.nanoTime();
            for (int i = 0; i + bs <= nq; i += bs) {
                FaissNative.search(h, Arrays.copyOfRange(q, i * d, (i + bs) * d), bs, 10, dist, lab);
            }
            best = Math.min(best, (System.nanoTime() - t0) / 1e6 / (nq / bs * bs));
        }
        return best;
    }

    static long[] labels(long h, float[] q, int nq, int d) {
        float[] dist = new float[nq * 10];
        long[] lab = new long[nq * 10];
        FaissNative.search(h, q, nq, 10, dist, lab);
        return lab;
    }

    static double recall(long[] truth, long[] got) {
        int hits = 0;
        for (int qi = 0; qi < truth.length / 10; qi++) {
            Set<Long> t = new HashSet<>();
            for (int j = 0; j < 10; j++) {
                t.add(truth[qi * 10 + j]);
            }
            for (int j = 0; j < 10; j++) {
                if (t.contains(got[qi * 10 + j])) {
                    hits++;
                }
            }
        }
        return hits / (double) truth.length;
    }
}
