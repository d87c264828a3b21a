package dev.visualsearch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.visualsearch.support.TestImages;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Mixed traffic against the packaged app on loopback: each client loops over search by a new image (60 %), similar
 * products of a random catalogue product (25 %) and a Grad-CAM explanation of one of its last search's results
 * (15 %). Steps of increasing concurrency, each bounded in time, then a soak at one concurrency with the app's
 * resident memory read every 15 s. The rate limit is lifted for the run: the clients share one address.
 */
final class LoadMix {

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * One counter for every step of a run, so no two searches send the same image: a repeated image is answered from
     * the query-vector cache without a forward pass (one pixel differs per variant; 65,536 variants per run).
     */
    private static final AtomicInteger NEXT_VARIANT = new AtomicInteger();

    private LoadMix() {
    }

    static Map<String, Object> run(int[] concurrency, Duration step, int soakClients, Duration soak) throws Exception {
        Map<String, Object> result = new LinkedHashMap<>();
        try (BenchApp app = BenchApp.start(Path.of("target/bench/app-data"), "app.rate-limit.enabled=false")) {
            BenchApp.awaitIndexed(app.base(), 500);
            long[] ids = productIds(app.base());
            List<Map<String, Object>> steps = new ArrayList<>();
            for (int clients : concurrency) {
                Map<String, Object> row = drive(app, ids, clients, step, null, false);
                steps.add(row);
            }
            result.put("steps", steps);
            List<Map<String, Object>> memory = new ArrayList<>();
            Map<String, Object> soaked = drive(app, ids, soakClients, soak, memory, false);
            soaked.put("rssMb", memory);
            result.put("soak", soaked);
        }
        return result;
    }

    /** One step of traffic; {@code searchOnly} sends only searches by a new image (one forward pass each). */
    static Map<String, Object> drive(BenchApp app, long[] ids, int clients, Duration length,
                                     List<Map<String, Object>> memory, boolean searchOnly) throws Exception {
        Map<String, ConcurrentLinkedQueue<Double>> latencies = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
        for (String kind : List.of("search", "similar", "explain")) {
            latencies.put(kind, new ConcurrentLinkedQueue<>());
            errors.put(kind, new AtomicInteger());
        }
        BufferedImage base = TestImages.pattern(77, 256, 256, BufferedImage.TYPE_INT_RGB);
        long start = System.nanoTime();
        long end = start + length.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            Random random = new Random(c);
            pool.submit(() -> {
                String queryId = null;
                long[] lastResults = new long[0];
                while (System.nanoTime() < end) {
                    double pick = random.nextDouble();
                    String kind = searchOnly || pick < 0.6 || queryId == null ? "search"
                            : pick < 0.85 ? "similar" : "explain";
                    long t = System.nanoTime();
                    try {
                        int status;
                        if (kind.equals("search")) {
                            JsonNode answer = JSON.readTree(BenchApp.searchBody(app.base(),
                                    BenchApp.png(base, NEXT_VARIANT.incrementAndGet()), 10));
                            queryId = answer.path("queryId").asText(null);
                            JsonNode results = answer.path("results");
                            lastResults = new long[results.size()];
                            for (int i = 0; i < lastResults.length; i++) {
                                lastResults[i] = results.get(i).get("productId").asLong();
                            }
                            status = queryId == null ? 500 : 200;
                        } else if (kind.equals("similar")) {
                            status = get(app.base() + "/api/products/" + ids[random.nextInt(ids.length)]
                                    + "/similar?k=10");
                        } else {
                            status = lastResults.length == 0 ? 200 : get(app.base() + "/api/explain/" + queryId + "/"
                                    + lastResults[random.nextInt(lastResults.length)]);
                        }
                        if (status != 200) {
                            errors.get(kind).incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.get(kind).incrementAndGet();
                    }
                    latencies.get(kind).add((System.nanoTime() - t) / 1e6);
                }
                return null;
            });
        }
        pool.shutdown();
        while (!pool.awaitTermination(15, TimeUnit.SECONDS)) {
            if (memory != null) {
                Map<String, Object> reading = new LinkedHashMap<>();
                reading.put("minute", Stats.round((System.nanoTime() - start) / 60e9, 2));
                reading.put("rssMb", app.rssMb());
                memory.add(reading);
                System.out.println("  soak " + reading);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("concurrency", clients);
        row.put("seconds", Stats.round(seconds, 1));
        int total = 0;
        int failed = 0;
        for (String kind : latencies.keySet().stream().sorted().toList()) {
            double[] ms = latencies.get(kind).stream().mapToDouble(Double::doubleValue).toArray();
            Map<String, Object> cell = new LinkedHashMap<>();
            cell.put("requests", ms.length);
            cell.put("errors", errors.get(kind).get());
            cell.put("p50Ms", ms.length == 0 ? 0 : Stats.round(Stats.percentile(ms, 50), 1));
            cell.put("p95Ms", ms.length == 0 ? 0 : Stats.round(Stats.percentile(ms, 95), 1));
            cell.put("p99Ms", ms.length == 0 ? 0 : Stats.round(Stats.percentile(ms, 99), 1));
            row.put(kind, cell);
            total += ms.length;
            failed += errors.get(kind).get();
        }
        row.put("requestsPerSecond", Stats.round(total / seconds, 2));
        row.put("errors", failed);
        System.out.println("  " + row);
        return row;
    }

    private static int get(String url) throws Exception {
        return BenchApp.HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static long[] productIds(String base) throws Exception {
        JsonNode page = JSON.readTree(BenchApp.HTTP.send(HttpRequest.newBuilder(URI.create(base
                + "/api/products?size=200")).build(), HttpResponse.BodyHandlers.ofString()).body());
        long[] ids = new long[page.get("items").size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = page.get("items").get(i).get("id").asLong();
        }
        return ids;
    }
}
