package dev.visualsearch.bench;

import dev.visualsearch.index.Candidates;
import dev.visualsearch.index.Hit;
import dev.visualsearch.index.VectorIndex;
import dev.visualsearch.index.exact.ExactIndex;
import dev.visualsearch.index.faiss.FaissIndex;
import dev.visualsearch.index.faiss.FaissNative;
import dev.visualsearch.support.SampleEmbeddings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Search latency, throughput, recall@10 against the exact index, build time and memory per vector for every
 * backend, on synthetic vectors drawn around the sample catalogue's real embeddings (noise 0.5, as in the tests),
 * one query at a time on one thread.
 */
final class IndexBench {

    private static final int DIM = SampleEmbeddings.DIM;
    private static final double NOISE = 0.5;

    private IndexBench() {
    }

    static List<Map<String, Object>> run(int size, int queries, boolean withHnsw, Path scratch) throws Exception {
        float[][] real = SampleEmbeddings.real();
        float[] flat = around(real, size, 11);
        float[] queryVectors = around(real, queries, 12);
        long[] ids = new long[size];
        for (int i = 0; i < size; i++) {
            ids[i] = i + 1;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        long start = System.nanoTime();
        ExactIndex exact = new ExactIndex("bench", DIM, size);
        float[] row = new float[DIM];
        for (int i = 0; i < size; i++) {
            System.arraycopy(flat, i * DIM, row, 0, DIM);
            exact.add(ids[i], row);
        }
        double exactBuild = (System.nanoTime() - start) / 1e9;
        List<Set<Long>> truth = new ArrayList<>();
        // Float rows and ids, and from COMPACT_FROM rows the 8-bit copy the scan reads there (a byte a value, a scale).
        double exactBytes = 4.0 * DIM + 8 + (size >= ExactIndex.COMPACT_FROM ? DIM + 4 : 0);
        rows.add(measure("exact (" + exact.kernel() + (size >= ExactIndex.COMPACT_FROM ? ", 8-bit scan + re-score"
                : "") + ")", exact, queryVectors, queries, null, truth, exactBuild, exactBytes, size));
        if (!FaissNative.isAvailable()) {
            return rows;
        }
        FaissNative.setThreads(1);
        if (size <= 200_000) {
            rows.addAll(faiss("Flat", new int[][] {{64, 16}}, flat, ids, queryVectors, queries, truth, size, scratch));
        }
        if (withHnsw) {
            rows.addAll(faiss("HNSW32", new int[][] {{32, 16}, {64, 16}, {128, 16}}, flat, ids, queryVectors, queries,
                    truth, size, scratch));
        }
        int lists = Math.max(16, (int) Math.sqrt(size));
        rows.addAll(faiss("IVF" + lists + ",Flat", new int[][] {{64, 8}, {64, 16}, {64, 32}}, flat, ids, queryVectors,
                queries, truth, size, scratch));
        return rows;
    }

    /** Builds the index once and measures it at each {efSearch, nprobe} setting. */
    private static List<Map<String, Object>> faiss(String factory, int[][] settings, float[] flat, long[] ids,
                                                   float[] queryVectors, int queries, List<Set<Long>> truth, int size,
                                                   Path scratch) throws Exception {
        long start = System.nanoTime();
        List<Map<String, Object>> rows = new ArrayList<>();
        try (FaissIndex index = FaissIndex.build(factory, "bench", DIM, ids, flat, settings[0][0], settings[0][1])) {
            double build = (System.nanoTime() - start) / 1e9;
            Path file = scratch.resolve("bench-" + factory.replace(',', '-'));
            index.save(file);
            long bytes = Files.size(file.resolveSibling(file.getFileName() + ".faiss"));
            for (int[] setting : settings) {
                index.retune(setting[0], setting[1]);
                String name = "faiss " + factory + (factory.startsWith("HNSW") ? " ef" + setting[0] : "")
                        + (factory.startsWith("IVF") ? " nprobe" + setting[1] : "");
                rows.add(measure(name, index, queryVectors, queries, truth, null, build, (double) bytes / size,
                        size));
            }
        }
        return rows;
    }

    static Map<String, Object> measure(String name, VectorIndex index, float[] queryVectors, int queries,
                                               List<Set<Long>> truth, List<Set<Long>> recordTruth,
                                               double buildSeconds, double bytesPerVector, int size) {
        return measure(name, index, queryVectors, queries, null, truth, recordTruth, buildSeconds, bytesPerVector,
                size);
    }

    /** One backend's row; {@code filter} (null: none) is passed to every search. */
    static Map<String, Object> measure(String name, VectorIndex index, float[] queryVectors, int queries,
                                       Candidates filter, List<Set<Long>> truth, List<Set<Long>> recordTruth,
                                       double buildSeconds, double bytesPerVector, int size) {
        float[] q = new float[DIM];
        for (int i = 0; i < Math.min(20, queries); i++) {
            System.arraycopy(queryVectors, i * DIM, q, 0, DIM);
            index.search(q, 10, filter);
        }
        double[] ms = new double[queries];
        int found = 0;
        for (int i = 0; i < queries; i++) {
            System.arraycopy(queryVectors, i * DIM, q, 0, DIM);
            long t = System.nanoTime();
            List<Hit> hits = index.search(q, 10, filter);
            ms[i] = (System.nanoTime() - t) / 1e6;
            Set<Long> got = new HashSet<>();
            hits.forEach(h -> got.add(h.id()));
            if (recordTruth != null) {
                recordTruth.add(got);
            } else {
                found += (int) got.stream().filter(truth.get(i)::contains).count();
            }
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("backend", name);
        row.put("vectors", size);
        row.put("buildSeconds", Stats.round(buildSeconds, 2));
        row.put("p50Ms", Stats.round(Stats.percentile(ms, 50), 3));
        row.put("p95Ms", Stats.round(Stats.percentile(ms, 95), 3));
        row.put("p99Ms", Stats.round(Stats.percentile(ms, 99), 3));
        row.put("qps", Stats.round(1000.0 / Stats.mean(ms), 1));
        row.put("recallAt10", recordTruth != null ? 1.0 : Stats.round(found / (10.0 * queries), 4));
        row.put("bytesPerVector", Math.round(bytesPerVector));
        System.out.println("  " + row);
        return row;
    }

    /** n unit vectors around real embeddings, row-major in one array (no per-row objects at 1M vectors). */
    static float[] around(float[][] real, int n, long seed) {
        Random random = new Random(seed);
        float[] out = new float[n * DIM];
        double scale = NOISE / Math.sqrt(DIM);
        for (int i = 0; i < n; i++) {
            float[] base = real[random.nextInt(real.length)];
            double norm = 0;
            for (int d = 0; d < DIM; d++) {
                float v = (float) (base[d] + random.nextGaussian() * scale);
                out[i * DIM + d] = v;
                norm += v * v;
            }
            float inv = (float) (1 / Math.sqrt(norm));
            for (int d = 0; d < DIM; d++) {
                out[i * DIM + d] *= inv;
            }
        }
        return out;
    }
}
