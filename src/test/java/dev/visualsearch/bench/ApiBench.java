package dev.visualsearch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.visualsearch.support.TestFiles;
import dev.visualsearch.support.TestImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;

/**
 * End-to-end latency of {@code POST /api/search} with a 256 px image against the packaged app on the seeded sample
 * catalogue, at increasing concurrency, on loopback only and bounded in request count.
 */
final class ApiBench {

    private static final HttpClient HTTP = BenchApp.HTTP;

    private ApiBench() {
    }

    /** Latency rows per concurrency, the explain timings, and a fresh clustering run's quality and time. */
    record Result(List<Map<String, Object>> search, Map<String, Object> explain, Map<String, Object> clustering) {
    }

    static Result run(int[] concurrency, int requestsPerClient, int explanations) throws Exception {
        Path data = Path.of("target/bench/app-data");
        // A kept catalogue saves the seeding; kept explanations would turn "uncached" into cache hits.
        TestFiles.deleteRecursively(data.resolve("explanations"));
        TestFiles.deleteRecursively(data.resolve("queries"));
        // One client address sends everything: the per-client rate limit would answer 429 from 10 requests/s on.
        BenchApp app = BenchApp.start(data, "app.rate-limit.enabled=false");
        String base = app.base();
        try {
            BenchApp.awaitIndexed(base, 500);
            BufferedImage query = TestImages.pattern(42, 256, 256, BufferedImage.TYPE_INT_RGB);
            List<Map<String, Object>> rows = new ArrayList<>();
            int variant = 0;
            for (int clients : concurrency) {
                // One client alone is the target's row: more requests there, so its p50 is not a handful's.
                int perClient = clients == 1 ? Math.max(requestsPerClient, 60) : requestsPerClient;
                List<byte[]> images = new ArrayList<>();
                for (int i = 0; i < WARM_UP + clients * perClient; i++) {
                    images.add(BenchApp.png(query, ++variant));
                }
                Map<String, Object> row = load(base, images, clients, perClient);
                row.put("queryVectorCache", "miss");
                rows.add(row);
            }
            // The same photo again and again: every search after the first takes its vector from the cache.
            byte[] repeated = BenchApp.png(query, 0);
            List<byte[]> same = new ArrayList<>();
            for (int i = 0; i < WARM_UP + requestsPerClient; i++) {
                same.add(repeated);
            }
            Map<String, Object> cached = load(base, same, 1, requestsPerClient);
            cached.put("queryVectorCache", "hit");
            rows.add(cached);
            double forward = ((Number) rows.get(0).get("embedP50Ms")).doubleValue();
            Map<String, Object> explain = explain(base, BenchApp.png(query, -1), BenchApp.png(query, -2),
                    explanations, forward);
            return new Result(rows, explain, cluster(base));
        } finally {
            app.close();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Searches sent before each measured row (JIT, PyTorch's thread pool and allocator warm up). */
    private static final int WARM_UP = 5;

    /**
     * {@code clients} threads each sending {@code perClient} searches, after {@link #WARM_UP} warm-up searches;
     * {@code images} holds one image per search (warm-ups first), distinct unless the cached path is being measured,
     * because the service remembers query vectors by content and a repeated photo would skip the model.
     */
    private static Map<String, Object> load(String base, List<byte[]> images, int clients, int perClient)
            throws Exception {
        ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        ConcurrentLinkedQueue<Double> took = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Double> embed = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int i = 0; i < WARM_UP; i++) {
            BenchApp.search(base, images.get(next.getAndIncrement()));
        }
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            pool.submit(() -> {
                for (int i = 0; i < perClient; i++) {
                    byte[] image = images.get(next.getAndIncrement());
                    long t = System.nanoTime();
                    try {
                        HttpResponse<String> response = BenchApp.searchResponse(base, image, 10);
                        if (response.statusCode() != 200) {
                            errors.incrementAndGet();
                        } else {
                            JsonNode body = JSON.readTree(response.body());
                            took.add(body.get("tookMs").asDouble());
                            embed.add(body.get("embedMs").asDouble());
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    latencies.add((System.nanoTime() - t) / 1e6);
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - start) / 1e9;
        double[] ms = latencies.stream().mapToDouble(Double::doubleValue).toArray();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("concurrency", clients);
        row.put("requests", ms.length);
        row.put("errors", errors.get());
        row.put("p50Ms", Stats.round(Stats.percentile(ms, 50), 1));
        row.put("p95Ms", Stats.round(Stats.percentile(ms, 95), 1));
        row.put("p99Ms", Stats.round(Stats.percentile(ms, 99), 1));
        row.put("requestsPerSecond", Stats.round(ms.length / seconds, 2));
        row.put("serverTookP50Ms", Stats.round(Stats.percentile(took.stream().mapToDouble(d -> d).toArray(), 50), 1));
        row.put("embedP50Ms", Stats.round(Stats.percentile(embed.stream().mapToDouble(d -> d).toArray(), 50), 1));
        System.out.println("  " + row);
        return row;
    }

    /**
     * {@code GET /api/explain/{queryId}/{productId}} (Grad-CAM overlay PNG) for different results of one search:
     * first uncached, then the same again from the disk cache, one at a time, beside the search's own embedMs.
     */
    /**
     * {@code count} uncached explanations of one search's results, then the same again from the cache. The explain
     * path is warmed first on another query's results (other cache keys), as the search path is before its rows;
     * {@code forwardMs} (the p50 embedMs of the one-client search row) is the forward pass it is compared with.
     */
    private static Map<String, Object> explain(String base, byte[] image, byte[] warmUpImage, int count,
                                               double forwardMs) throws Exception {
        JsonNode warmUp = JSON.readTree(BenchApp.searchBody(base, warmUpImage, Math.max(count, 1)));
        for (JsonNode result : warmUp.get("results")) {
            HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/explain/" + warmUp.get("queryId").asText() + "/"
                    + result.get("productId").asLong())).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.discarding());
        }
        JsonNode search = JSON.readTree(BenchApp.searchBody(base, image, Math.max(count, 1)));
        String queryId = search.get("queryId").asText();
        double[] uncached = new double[count];
        double[] cached = new double[count];
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < count; i++) {
                long productId = search.get("results").get(i).get("productId").asLong();
                HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/explain/" + queryId + "/"
                        + productId)).timeout(Duration.ofSeconds(60)).build();
                long t = System.nanoTime();
                HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
                double ms = (System.nanoTime() - t) / 1e6;
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("explain answered " + response.statusCode());
                }
                (pass == 0 ? uncached : cached)[i] = ms;
            }
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("explanations", count);
        row.put("uncachedP50Ms", Stats.round(Stats.percentile(uncached, 50), 1));
        row.put("cachedP50Ms", Stats.round(Stats.percentile(cached, 50), 1));
        row.put("forwardP50Ms", forwardMs);
        row.put("uncachedOverForward", Stats.round(Stats.percentile(uncached, 50) / forwardMs, 2));
        System.out.println("  explain: " + row);
        return row;
    }

    /**
     * Runs the cluster job through the API on the sample catalogue and reads the run's provenance: k chosen by
     * silhouette, and NMI / ARI of the clusters against the catalogue's categories.
     */
    private static Map<String, Object> cluster(String base) throws Exception {
        ObjectMapper json = new ObjectMapper();
        HttpResponse<String> started = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/pipeline/runs"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"job\":\"cluster\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202) {
            throw new IllegalStateException("cluster job not started: " + started.statusCode() + " " + started.body());
        }
        String runId = json.readTree(started.body()).get("runId").asText();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        String status = "queued";
        while (System.nanoTime() < deadline && (status.equals("queued") || status.equals("running"))) {
            Thread.sleep(500);
            status = json.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/pipeline/runs/" + runId))
                    .build(), HttpResponse.BodyHandlers.ofString()).body()).get("status").asText();
        }
        if (!status.equals("succeeded")) {
            throw new IllegalStateException("cluster run " + runId + " ended " + status);
        }
        JsonNode run = json.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/clusters/runs?limit=1"))
                .build(), HttpResponse.BodyHandlers.ofString()).body()).get(0).get("provenance");
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("vectors", run.get("vectors").asInt());
        row.put("k", run.get("k").asInt());
        row.put("criterion", run.get("criterion").asText());
        row.put("silhouette", Stats.round(run.path("silhouette").asDouble(), 3));
        row.put("nmi", Stats.round(run.get("nmiVsCategory").asDouble(), 3));
        row.put("ari", Stats.round(run.get("ariVsCategory").asDouble(), 3));
        row.put("seconds", Stats.round(run.get("tookMs").asDouble() / 1000, 1));
        Map<String, Object> candidates = new LinkedHashMap<>();
        for (JsonNode candidate : run.path("candidates")) {
            candidates.put(candidate.get("k").asText(), Stats.round(candidate.get("silhouette").asDouble(), 4));
        }
        row.put("silhouetteByK", candidates);
        System.out.println("  clustering " + row);
        return row;
    }
}
