package dev.visualsearch.bench;

import dev.visualsearch.index.Candidates;
import dev.visualsearch.index.VectorIndex;
import dev.visualsearch.index.exact.ExactIndex;
import dev.visualsearch.index.faiss.FaissIndex;
import dev.visualsearch.index.faiss.FaissNative;
import dev.visualsearch.support.SampleEmbeddings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * {@code ./mvnw -Pbench verify -Dbench.mode=filters}: a category holding 1 % of the catalogue, searched with its
 * filter by every backend, at 100k and 1M synthetic vectors (as in the search table: real embeddings plus noise).
 * Recall@10 is against the exact scan of the category's own vectors; queries are drawn around real embeddings, one
 * at a time on one thread. FAISS filters with an id selector during the search; the exact index scores only the
 * category's rows. Writes target/bench/filters.json and the "filters" section of docs/performance.md.
 */
final class FilterBench {

    private static final int DIM = SampleEmbeddings.DIM;
    private static final double SHARE = 0.01;
    private static final int QUERIES = 100;

    private FilterBench() {
    }

    static void run() throws Exception {
        Machine machine = Machine.current();
        System.out.println("Filtered search (1 % category) on " + machine.line());
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("machine", machine.asMap());
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.addAll(measure(100_000, true));
        rows.addAll(measure(1_000_000, false));
        results.put("rows", rows);
        BenchReport.writeJson("filters.json", results);
        BenchReport.writeFilters(results, machine);
    }

    private static List<Map<String, Object>> measure(int size, boolean withHnsw) throws Exception {
        float[][] real = SampleEmbeddings.real();
        float[] flat = IndexBench.around(real, size, 11);
        float[] queries = IndexBench.around(real, QUERIES, 12);
        long[] ids = new long[size];
        List<Long> inCategory = new ArrayList<>();
        Random random = new Random(13);
        for (int i = 0; i < size; i++) {
            ids[i] = i + 1;
            if (random.nextDouble() < SHARE) {
                inCategory.add(ids[i]);
            }
        }
        Candidates category = Candidates.ofCategory("one-percent", inCategory.stream().mapToLong(Long::longValue)
                .toArray());
        ExactIndex exact = new ExactIndex("bench", DIM, size);
        float[] row = new float[DIM];
        for (int i = 0; i < size; i++) {
            System.arraycopy(flat, i * DIM, row, 0, DIM);
            exact.add(ids[i], row);
        }
        List<Set<Long>> truth = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(row("exact (the category's rows)", exact, queries, category, truth, size));
        if (!FaissNative.isAvailable()) {
            return rows;
        }
        FaissNative.setThreads(1);
        if (withHnsw) {
            try (FaissIndex hnsw = FaissIndex.build("HNSW32", "bench", DIM, ids, flat, 64, 16)) {
                for (int ef : new int[] {64, 256}) {
                    hnsw.retune(ef, 16);
                    rows.add(row("faiss HNSW32 ef" + ef + " (id selector)", hnsw, queries, category, truth, size));
                }
            }
        }
        exact = null; // its matrix (3 GB at 1M) is not needed for the IVF rows
        int lists = Math.max(16, (int) Math.sqrt(size));
        try (FaissIndex ivf = FaissIndex.build("IVF" + lists + ",Flat", "bench", DIM, ids, flat, 64, 16)) {
            for (int nprobe : new int[] {16, 64}) {
                ivf.retune(64, nprobe);
                rows.add(row("faiss IVF" + lists + ",Flat nprobe" + nprobe + " (id selector)", ivf, queries, category,
                        truth, size));
            }
        }
        return rows;
    }

    /** Measures one backend; the first call (the exact index) records the truth the others are scored against. */
    private static Map<String, Object> row(String name, VectorIndex index, float[] queries, Candidates category,
                                           List<Set<Long>> truth, int size) {
        boolean record = truth.isEmpty();
        Map<String, Object> row = IndexBench.measure(name, index, queries, QUERIES, category, record ? null : truth,
                record ? truth : null, 0, 0, size);
        row.remove("buildSeconds"); // built once per backend, not timed here
        row.remove("bytesPerVector");
        row.put("categorySize", category.size());
        return row;
    }
}
