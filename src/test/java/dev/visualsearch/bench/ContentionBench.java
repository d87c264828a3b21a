package dev.visualsearch.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Search latency with and without one competing CPU-bound process, for each thread policy of the model: intra-op
 * threads per forward pass against forward passes at once (inference slots). Why: every forward pass with two
 * intra-op threads is a fork-join over both cores, so one busy process on the other core delays every layer; one
 * thread per pass and two passes at once loses single-request speed on a quiet machine but may hold up better.
 * Each policy gets a fresh app on the same data folder; the competitor is a shell busy loop (one core).
 */
final class ContentionBench {

    record Policy(String name, int threads, int slots) {
    }

    static final List<Policy> POLICIES = List.of(
            new Policy("2 intra-op threads, 1 slot (default before this run)", 0, 1),
            new Policy("1 intra-op thread, 2 slots", 1, 2),
            new Policy("1 intra-op thread, 1 slot", 1, 1));

    private ContentionBench() {
    }

    static Map<String, Object> run(int[] concurrency, Duration step) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Policy policy : POLICIES) {
            try (BenchApp app = BenchApp.start(Path.of("target/bench/app-data"), "app.rate-limit.enabled=false",
                    "app.embedding.threads=" + policy.threads(), "app.embedding.inference-slots=" + policy.slots())) {
                BenchApp.awaitIndexed(app.base(), 500);
                long[] ids = LoadMix.productIds(app.base());
                LoadMix.drive(app, ids, 1, Duration.ofSeconds(5), null, true); // warm-up, not reported
                for (boolean competing : new boolean[] {false, true}) {
                    Process hog = competing ? busyLoop() : null;
                    try {
                        for (int clients : concurrency) {
                            System.out.println(policy.name() + (competing ? ", one competing process" : ", quiet")
                                    + ", " + clients + " client(s)");
                            Map<String, Object> row = new LinkedHashMap<>();
                            row.put("policy", policy.name());
                            row.put("threads", policy.threads());
                            row.put("slots", policy.slots());
                            row.put("competingProcess", competing);
                            row.putAll(LoadMix.drive(app, ids, clients, step, null, true));
                            rows.add(row);
                        }
                    } finally {
                        if (hog != null) {
                            hog.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                        }
                    }
                }
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("stepSeconds", step.toSeconds());
        result.put("rows", rows);
        return result;
    }

    /** One CPU-bound process (a shell loop with no system calls), as a build or a second benchmark would be. */
    private static Process busyLoop() throws IOException {
        Process hog = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
        Runtime.getRuntime().addShutdownHook(new Thread(hog::destroyForcibly)); // also when the run is interrupted
        return hog;
    }
}
