package dev.visualsearch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.visualsearch.support.Multipart;
import dev.visualsearch.support.TestFiles;
import dev.visualsearch.support.TestImages;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * {@code ./mvnw -Pbench verify -Dbench.mode=text}: what words cost. Against the packaged app on the seeded sample
 * catalogue, one client at a time: {@code GET /api/search/text} with each of the first sample titles lower-cased (its
 * server time, the words' pass through the text model, the scan), then {@code POST /api/search} with a new 256 px
 * image alone and with words (the words' share of the fused search's server time). Writes target/bench/text.json
 * and the "text" section of docs/performance.md.
 */
final class TextBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WARM_UP = 5;
    private static final int SEARCHES = 60;

    private TextBench() {
    }

    static void run() throws Exception {
        Machine machine = Machine.current();
        System.out.println("Text search on " + machine.line());
        Path data = Path.of("target/bench/app-data");
        TestFiles.deleteRecursively(data.resolve("queries"));
        BenchApp app = BenchApp.start(data, "app.rate-limit.enabled=false");
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("machine", machine.asMap());
        try {
            String base = app.base();
            BenchApp.awaitIndexed(base, 500);
            // a catalogue kept from before the text index existed gets its text vectors first
            startAndAwaitText(base);
            List<String> words = titles(base);
            List<JsonNode> text = new ArrayList<>();
            List<Double> textClient = new ArrayList<>();
            for (int i = 0; i < WARM_UP + SEARCHES; i++) {
                long t = System.nanoTime();
                JsonNode answer = get(base + "/api/search/text?k=10&q=" + URLEncoder.encode(words.get(i % words.size()),
                        StandardCharsets.UTF_8));
                if (i >= WARM_UP) {
                    textClient.add((System.nanoTime() - t) / 1e6);
                    text.add(answer);
                }
            }
            Map<String, Object> byWords = summary(text, textClient);
            byWords.put("embedShareOfTook", Stats.round(share(text, n -> n.get("embedMs").asDouble()), 3));
            results.put("textOnly", byWords);

            BufferedImage query = TestImages.pattern(7, 256, 256, BufferedImage.TYPE_INT_RGB);
            List<JsonNode> picture = new ArrayList<>();
            List<Double> pictureClient = new ArrayList<>();
            List<JsonNode> fused = new ArrayList<>();
            List<Double> fusedClient = new ArrayList<>();
            int variant = 1;
            for (int i = 0; i < WARM_UP + SEARCHES; i++) {
                // alternate, so that both see the same machine state; a new image each time (no vector cache)
                long t = System.nanoTime();
                JsonNode alone = post(base, BenchApp.png(query, variant++), null);
                double aloneMs = (System.nanoTime() - t) / 1e6;
                t = System.nanoTime();
                JsonNode both = post(base, BenchApp.png(query, variant++), words.get(i % words.size()));
                double bothMs = (System.nanoTime() - t) / 1e6;
                if (i >= WARM_UP) {
                    picture.add(alone);
                    pictureClient.add(aloneMs);
                    fused.add(both);
                    fusedClient.add(bothMs);
                }
            }
            results.put("pictureOnly", summary(picture, pictureClient));
            Map<String, Object> withWords = summary(fused, fusedClient);
            withWords.put("textEmbedP50Ms", Stats.round(Stats.percentile(values(fused,
                    n -> n.get("textEmbedMs").asDouble()), 50), 2));
            withWords.put("textEmbedShareOfTook", Stats.round(share(fused, n -> n.get("textEmbedMs").asDouble()), 3));
            results.put("pictureWithWords", withWords);
        } finally {
            app.close();
        }
        BenchReport.writeJson("text.json", results);
        BenchReport.writeText(results, machine);
        System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(results));
    }

    private static void startAndAwaitText(String base) throws Exception {
        HttpResponse<String> started = BenchApp.HTTP.send(HttpRequest.newBuilder(URI.create(base
                        + "/api/pipeline/runs")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"job\":\"text\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        String runId = JSON.readTree(started.body()).get("runId").asText();
        for (int i = 0; i < 600; i++) {
            String status = get(base + "/api/pipeline/runs/" + runId).get("status").asText();
            if (status.equals("succeeded")) {
                return;
            }
            if (status.equals("failed")) {
                throw new IllegalStateException("the text run failed");
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the text run did not finish");
    }

    private static List<String> titles(String base) throws Exception {
        List<String> titles = new ArrayList<>();
        for (JsonNode item : get(base + "/api/products?size=100").get("items")) {
            titles.add(item.get("title").asText().toLowerCase(java.util.Locale.ROOT));
        }
        return titles;
    }

    private static JsonNode get(String url) throws Exception {
        HttpResponse<String> response = BenchApp.HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static JsonNode post(String base, byte[] image, String words) throws Exception {
        Map<String, String> fields = words == null ? Map.of("k", "10") : Map.of("k", "10", "text", words);
        HttpResponse<String> response = BenchApp.HTTP.send(Multipart.post(base + "/api/search", fields, "image",
                "q.png", image), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("POST /api/search answered " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }

    private static double[] values(List<JsonNode> answers, ToDoubleFunction<JsonNode> field) {
        return answers.stream().mapToDouble(field).toArray();
    }

    /** The sum of a part over the sum of the server's time: the part's share of what the server spent. */
    private static double share(List<JsonNode> answers, ToDoubleFunction<JsonNode> part) {
        double parts = 0;
        double took = 0;
        for (JsonNode answer : answers) {
            parts += part.applyAsDouble(answer);
            took += answer.get("tookMs").asDouble();
        }
        return parts / took;
    }

    private static Map<String, Object> summary(List<JsonNode> answers, List<Double> client) {
        double[] ms = client.stream().mapToDouble(Double::doubleValue).toArray();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("requests", ms.length);
        row.put("clientP50Ms", Stats.round(Stats.percentile(ms, 50), 2));
        row.put("clientP95Ms", Stats.round(Stats.percentile(ms, 95), 2));
        row.put("tookP50Ms", Stats.round(Stats.percentile(values(answers, n -> n.get("tookMs").asDouble()), 50), 2));
        row.put("embedP50Ms", Stats.round(Stats.percentile(values(answers, n -> n.get("embedMs").asDouble()), 50), 2));
        row.put("searchP50Ms", Stats.round(Stats.percentile(values(answers, n -> n.get("searchMs").asDouble()), 50),
                2));
        return row;
    }
}
