package dev.visualsearch.bench;

import dev.visualsearch.index.exact.ExactIndex;
import dev.visualsearch.index.faiss.FaissIndex;
import dev.visualsearch.index.faiss.FaissNative;
import dev.visualsearch.support.SampleEmbeddings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code -Dbench.mode=hnswbuild}: where an HNSW32 build's time goes. The same vectors (drawn as {@link IndexBench}
 * draws them) are built with libfaiss's own distance loops and the shim's SSE2 and AVX2 + FMA kernels
 * (src/main/cpp/distance_kernels.cpp), on one and on every core; each build's recall@10 at efSearch 64 against the exact index shows the graph is as good.
 * Sizes from {@code bench.hnsw.sizes} (default 100000); at a million only the fast variant runs unless
 * {@code bench.hnsw.all=true}, since the slow ones take most of an hour each. Results in
 * {@code target/bench/hnsw-build.json} and {@code docs/bench/hnsw-build.json}.
 */
final class HnswBuildBench {

    private static final int DIM = SampleEmbeddings.DIM;
    private static final int QUERIES = 200;
    private static final int EF_SEARCH = 64;

    private record Variant(String kernel, int threads) {
    }

    private HnswBuildBench() {
    }

    static void run() throws Exception {
        if (!FaissNative.isAvailable()) {
            throw new IllegalStateException("FAISS unavailable: " + FaissNative.unavailableReason());
        }
        Machine machine = Machine.current();
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.println("HNSW builds on " + machine.line() + ", CPU kernel " + FaissNative.distanceKernel());
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("machine", machine.asMap());
        results.put("cpuKernel", FaissNative.distanceKernel());
        List<Map<String, Object>> rows = new ArrayList<>();
        String fastest = FaissNative.distanceKernel();
        boolean all = Boolean.getBoolean("bench.hnsw.all");
        try {
            for (String size : System.getProperty("bench.hnsw.sizes", "100000").split(",")) {
                int n = Integer.parseInt(size.trim());
                List<Variant> variants = n > 200_000 && !all ? List.of(new Variant(fastest, cores))
                        : List.of(new Variant("libfaiss", 1), new Variant("libfaiss", cores),
                                new Variant("sse2", 1), new Variant(fastest, 1), new Variant(fastest, cores));
                rows.addAll(measure(n, variants));
                results.put("rows", rows);
                BenchReport.writeJson("hnsw-build.json", results);
                System.gc();
            }
        } finally {
            FaissNative.useDistanceKernel(fastest);
        }
        Files.copy(Path.of("target/bench/hnsw-build.json"), Path.of("docs/bench/hnsw-build.json"),
                StandardCopyOption.REPLACE_EXISTING);
        System.out.println("Wrote target/bench/hnsw-build.json: " + rows);
    }

    private static List<Map<String, Object>> measure(int n, List<Variant> variants) {
        float[][] real = SampleEmbeddings.real();
        float[] flat = IndexBench.around(real, n, 11);
        float[] queries = IndexBench.around(real, QUERIES, 12);
        long[] ids = new long[n];
        List<Set<Long>> truth = new ArrayList<>();
        try (ExactIndex exact = new ExactIndex("bench", DIM, n)) {
            float[] row = new float[DIM];
            for (int i = 0; i < n; i++) {
                ids[i] = i + 1;
                System.arraycopy(flat, i * DIM, row, 0, DIM);
                exact.add(ids[i], row);
            }
            IndexBench.measure("exact", exact, queries, QUERIES, null, truth, 0, 4.0 * DIM + 8, n);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Variant v : variants) {
            String kernel = FaissNative.useDistanceKernel(v.kernel());
            System.out.printf("HNSW32 over %d vectors, %s kernel, %d thread(s)...%n", n, kernel, v.threads());
            long start = System.nanoTime();
            try (FaissIndex index = FaissIndex.build("HNSW32", "bench", DIM, ids, flat, EF_SEARCH, 1, v.threads())) {
                double build = (System.nanoTime() - start) / 1e9;
                Map<String, Object> measured = IndexBench.measure("faiss HNSW32 ef" + EF_SEARCH + ", " + kernel
                        + ", " + v.threads() + " build thread(s)", index, queries, QUERIES, truth, null, build, 0, n);
                measured.put("kernel", kernel);
                measured.put("buildThreads", v.threads());
                measured.remove("bytesPerVector");
                System.out.println("  " + measured);
                rows.add(measured);
            }
        }
        return rows;
    }
}
