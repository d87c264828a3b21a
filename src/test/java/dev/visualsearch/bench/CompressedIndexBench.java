package dev.visualsearch.bench;

import dev.visualsearch.index.RescoredIndex;
import dev.visualsearch.index.VectorIndex;
import dev.visualsearch.index.exact.ExactIndex;
import dev.visualsearch.index.faiss.FaissIndex;
import dev.visualsearch.index.faiss.FaissNative;
import dev.visualsearch.support.SampleEmbeddings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code -Dbench.mode=compressed}: the compressed approximate indexes (FAISS 8-bit scalar codes in IVF and in HNSW,
 * candidates rescored on the float rows by {@link RescoredIndex}) against IVF over float vectors, at 100k and 1M
 * vectors drawn as {@link IndexBench} draws them; recall@10 against the exact index, build time, p50, and the bytes
 * per vector of the saved FAISS file (what the index holds in memory). Results in {@code target/bench/compressed.json}
 * and {@code docs/bench/compressed.json}.
 */
final class CompressedIndexBench {

    private static final int DIM = SampleEmbeddings.DIM;
    private static final int QUERIES = 200;
    private static final int RESCORE = 4;

    private CompressedIndexBench() {
    }

    static void run() throws Exception {
        if (!FaissNative.isAvailable()) {
            throw new IllegalStateException("FAISS unavailable: " + FaissNative.unavailableReason());
        }
        Machine machine = Machine.current();
        System.out.println("Compressed indexes on " + machine.line());
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("machine", machine.asMap());
        results.put("rescoreFactor", RESCORE);
        List<Map<String, Object>> rows = new ArrayList<>();
        Path scratch = Files.createTempDirectory("compressed-bench");
        for (int n : new int[] {100_000, 1_000_000}) {
            rows.addAll(measure(n, scratch));
            System.gc();
            results.put("rows", rows);
            BenchReport.writeJson("compressed.json", results);
        }
        Files.copy(Path.of("target/bench/compressed.json"), Path.of("docs/bench/compressed.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        System.out.println("Wrote target/bench/compressed.json: " + rows);
    }

    private static List<Map<String, Object>> measure(int n, Path scratch) throws Exception {
        float[][] real = SampleEmbeddings.real();
        float[] flat = IndexBench.around(real, n, 11);
        float[] queries = IndexBench.around(real, QUERIES, 12);
        long[] ids = new long[n];
        ExactIndex exact = new ExactIndex("bench", DIM, n);
        float[] row = new float[DIM];
        for (int i = 0; i < n; i++) {
            ids[i] = i + 1;
            System.arraycopy(flat, i * DIM, row, 0, DIM);
            exact.add(ids[i], row);
        }
        List<Set<Long>> truth = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(IndexBench.measure("exact", exact, queries, QUERIES, null, truth, 0, 4.0 * DIM + 8, n));
        FaissNative.setThreads(1);
        String lists = "IVF" + Math.max(16, (int) Math.sqrt(n));
        rows.addAll(faiss(lists + ",Flat", new int[] {8, 16}, false, flat, ids, queries, truth, exact, n, scratch));
        rows.addAll(faiss(lists + ",SQ8", new int[] {16}, false, flat, ids, queries, truth, exact, n, scratch));
        rows.addAll(faiss(lists + ",SQ8", new int[] {4, 8, 16, 32}, true, flat, ids, queries, truth, exact, n,
                scratch));
        if (n <= 100_000) {
            // A 1M HNSW build takes most of an hour on 2 cores with Debian's generic FAISS (docs/performance.md).
            rows.addAll(faiss("HNSW32_SQ8", new int[] {32, 64}, true, flat, ids, queries, truth, exact, n, scratch));
        }
        exact.close();
        return rows;
    }

    private static List<Map<String, Object>> faiss(String factory, int[] depths, boolean rescore, float[] flat,
                                                   long[] ids, float[] queries, List<Set<Long>> truth,
                                                   ExactIndex exact, int n, Path scratch) throws Exception {
        long start = System.nanoTime();
        List<Map<String, Object>> rows = new ArrayList<>();
        try (FaissIndex index = FaissIndex.build(factory, "bench", DIM, ids, flat, depths[0], depths[0])) {
            double build = (System.nanoTime() - start) / 1e9;
            Path file = scratch.resolve("bench-" + factory.replace(',', '-'));
            index.save(file);
            long bytes = Files.size(file.resolveSibling(file.getFileName() + ".faiss"));
            VectorIndex searched = rescore ? RescoredIndex.around(index, exact, RESCORE) : index;
            for (int depth : depths) {
                index.retune(depth, depth);
                String name = "faiss " + factory + (factory.startsWith("HNSW") ? " ef" : " nprobe") + depth
                        + (rescore ? " + rescore" : "");
                rows.add(IndexBench.measure(name, searched, queries, QUERIES, truth, null, build,
                        (double) bytes / n, n));
            }
        }
        return rows;
    }
}
