package dev.visualsearch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.visualsearch.support.Multipart;
import dev.visualsearch.support.PackagedApp;
import dev.visualsearch.support.TestFiles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * The packaged app (target/quarkus-app) started for a measurement, on its own data folder (the sample catalogue is
 * seeded on the first start and kept), and the HTTP calls the measurements share.
 */
final class BenchApp implements AutoCloseable {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final PackagedApp app;

    private BenchApp(PackagedApp app) {
        this.app = app;
    }

    /** The packaged app on {@code data} through the tests' launcher; returns once it is ready. */
    static BenchApp start(Path data, String... properties) throws Exception {
        return new BenchApp(PackagedApp.start("benchmark app", data, properties));
    }

    /** Resident memory of the app process (heap, native libtorch, FAISS, the index). */
    long rssMb() {
        return TestFiles.rssMb(app.pid());
    }

    String base() {
        return app.base();
    }

    @Override
    public void close() throws InterruptedException {
        app.close();
    }

    static String searchBody(String base, byte[] image, int k) throws Exception {
        return searchResponse(base, image, k).body();
    }

    static int search(String base, byte[] image) throws Exception {
        return searchResponse(base, image, 10).statusCode();
    }

    /** {@code POST /api/search}; the response with its body (tookMs, embedMs, results). */
    static HttpResponse<String> searchResponse(String base, byte[] image, int k) throws Exception {
        return HTTP.send(Multipart.post(base + "/api/search", Map.of("k", Integer.toString(k)), "image", "q.png",
                image), HttpResponse.BodyHandlers.ofString());
    }

    /** The query image with one pixel changed per variant, so that each variant's bytes (and hash) differ. */
    static byte[] png(BufferedImage image, int variant) throws IOException {
        BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        copy.createGraphics().drawImage(image, 0, 0, null);
        if (variant != 0) {
            int at = Math.floorMod(variant, image.getWidth() * image.getHeight());
            int x = at % image.getWidth();
            int y = at / image.getWidth();
            copy.setRGB(x, y, copy.getRGB(x, y) ^ 0x010101);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(copy, "png", out);
        return out.toByteArray();
    }

    /** Waits until seeding has finished and every product is indexed, so nothing else competes for the CPU. */
    static void awaitIndexed(String base, int size) throws Exception {
        ObjectMapper json = new ObjectMapper();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base
                        + "/api/index/status")).build(), HttpResponse.BodyHandlers.ofString());
                HttpResponse<String> products = HTTP.send(HttpRequest.newBuilder(URI.create(base
                        + "/api/products?size=1")).build(), HttpResponse.BodyHandlers.ofString());
                HttpResponse<String> runs = HTTP.send(HttpRequest.newBuilder(URI.create(base
                        + "/api/pipeline/runs")).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && products.statusCode() == 200 && runs.statusCode() == 200) {
                    JsonNode status = json.readTree(response.body());
                    int total = json.readTree(products.body()).get("total").asInt();
                    boolean busy = false;
                    for (JsonNode run : json.readTree(runs.body())) {
                        String state = run.get("status").asText();
                        busy |= state.equals("running") || state.equals("queued");
                    }
                    if (!busy && status.get("ready").asBoolean() && total >= size
                            && status.get("size").asInt() >= total) {
                        return;
                    }
                }
            } catch (IOException starting) {
                // not listening yet
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("the app did not index the sample catalogue in time");
    }
}
