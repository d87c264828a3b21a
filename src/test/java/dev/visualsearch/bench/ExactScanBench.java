package dev.visualsearch.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.visualsearch.index.Hit;
import dev.visualsearch.index.exact.ExactIndex;
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
 * The exact index's scan at 100,000 and 1,000,000 vectors (768-d, drawn around the real sample embeddings as the
 * vector-search table draws them): the float scan against the 8-bit scan with its float re-score, one query at a
 * time, alternating, so both see the same machine; recall@10 of the 8-bit path against the float scan.
 * Run alone: {@code ./mvnw -Pbench verify -Dbench.mode=exact}; writes target/bench/exact.json (kept as
 * docs/bench/exact.json for the plot) and a section of docs/performance.md.
 */
final class ExactScanBench {

    private static final int QUERIES = 60;
    private static final int WARM_UP = 10;
    private static final int K = 10;

    private ExactScanBench() {
    }

    static void run() throws Exception {
        Machine machine = Machine.current();
        System.out.println("Exact scan on " + machine.line());
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("machine", machine.asMap());
        List<Map<String, Object>> rows = new ArrayList<>();
        float[][] real = SampleEmbeddings.real();
        for (int n : new int[] {100_000, 1_000_000}) {
            rows.add(measure(n, real));
            System.gc();
        }
        results.put("rows", rows);
        Path out = Path.of("target/bench/exact.json");
        Files.createDirectories(out.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), results);
        // Kept beside the suite's results.json: the plot of docs/performance.md reads it.
        Files.copy(out, Path.of("docs/bench/exact.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        BenchReport.replaceSection(Path.of("docs/performance.md"), "# Performance", "exact",
                markdown(rows, machine));
        System.out.println("Wrote " + out + ": " + rows);
    }

    private static Map<String, Object> measure(int n, float[][] real) {
        int dim = SampleEmbeddings.DIM;
        ExactIndex plain = new ExactIndex("bench", dim, n, Integer.MAX_VALUE);
        ExactIndex compact = new ExactIndex("bench", dim, n, 0);
        Random random = new Random(n);
        for (int i = 0; i < n; i++) {
            float[] v = around(real, random);
            plain.add(i, v);
            compact.add(i, v);
        }
        double[] plainMs = new double[QUERIES];
        double[] compactMs = new double[QUERIES];
        double recall = 0;
        for (int q = -WARM_UP; q < QUERIES; q++) {
            float[] query = around(real, random);
            long t = System.nanoTime();
            List<Hit> truth = plain.search(query, K, null);
            long mid = System.nanoTime();
            List<Hit> got = compact.search(query, K, null);
            long end = System.nanoTime();
            if (q >= 0) {
                plainMs[q] = (mid - t) / 1e6;
                compactMs[q] = (end - mid) / 1e6;
                Set<Long> expected = new HashSet<>(truth.stream().map(Hit::id).toList());
                recall += got.stream().filter(h -> expected.contains(h.id())).count() / (double) K;
            }
        }
        java.util.Arrays.sort(plainMs);
        java.util.Arrays.sort(compactMs);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("vectors", n);
        row.put("dimension", dim);
        row.put("kernel", plain.kernel());
        row.put("floatP50Ms", Stats.round(Stats.percentile(plainMs, 50), 1));
        row.put("floatP95Ms", Stats.round(Stats.percentile(plainMs, 95), 1));
        row.put("int8P50Ms", Stats.round(Stats.percentile(compactMs, 50), 1));
        row.put("int8P95Ms", Stats.round(Stats.percentile(compactMs, 95), 1));
        row.put("int8RecallAt10", Stats.round(recall / QUERIES, 4));
        row.put("floatBytesPerVector", dim * 4);
        row.put("int8BytesPerVector", dim + 4);
        System.out.println("  " + row);
        return row;
    }

    /** As SampleEmbeddings.around, one vector at a time (two indexes of a million rows leave no room for a third copy). */
    private static float[] around(float[][] real, Random random) {
        int dim = SampleEmbeddings.DIM;
        float[] base = real[random.nextInt(real.length)];
        float[] out = new float[dim];
        double scale = 0.5 / Math.sqrt(dim);
        double norm = 0;
        for (int d = 0; d < dim; d++) {
            out[d] = (float) (base[d] + random.nextGaussian() * scale);
            norm += out[d] * out[d];
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int d = 0; d < dim; d++) {
            out[d] *= inv;
        }
        return out;
    }

    private static String markdown(List<Map<String, Object>> rows, Machine machine) {
        StringBuilder md = new StringBuilder("Generated by `./mvnw -Pbench verify -Dbench.mode=exact` on ")
                .append(machine.line()).append(". ").append(QUERIES).append(" queries after ").append(WARM_UP)
                .append(" warm-up ones, k = ").append(K).append(", float and 8-bit scans alternating.\n\n")
                .append("| vectors | kernel | float scan p50 / p95 ms | 8-bit scan + re-score p50 / p95 ms | "
                        + "recall@10 of 8-bit vs float | bytes per vector read: float / 8-bit |\n"
                        + "|---|---|---|---|---|---|\n");
        for (Map<String, Object> r : rows) {
            md.append("| ").append(r.get("vectors")).append(" | ").append(r.get("kernel")).append(" | ")
                    .append(r.get("floatP50Ms")).append(" / ").append(r.get("floatP95Ms")).append(" | ")
                    .append(r.get("int8P50Ms")).append(" / ").append(r.get("int8P95Ms")).append(" | ")
                    .append(r.get("int8RecallAt10")).append(" | ").append(r.get("floatBytesPerVector")).append(" / ")
                    .append(r.get("int8BytesPerVector")).append(" |\n");
        }
        return md.toString();
    }
}
