package dev.visualsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Starts the packaged jar the way a user does, with no database configured: it must start its embedded PostgreSQL,
 * seed and embed the sample catalogue, serve the UI and the API, pass the browser tests in real Chromium, and keep
 * the catalogue across a restart.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PackagedAppIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final Path DATA = Path.of("target/it-data");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static Process app;
    private static int port;
    private static int seeded;

    @BeforeAll
    static void startOnEmbeddedDefaults() throws Exception {
        deleteRecursively(DATA);
        Files.createDirectories(DATA);
        Files.copy(Path.of("data/models/nsfwjs-4.4.0.tgz"), DATA.resolve("nsfwjs-4.4.0.tgz"));
        port = freePort();
        app = start();
        awaitReady();
    }

    @Test
    @Order(1)
    void seedsEmbedsAndIndexesTheSampleCatalogue() throws Exception {
        awaitSeedRun();
        JsonNode products = get("/api/products?size=5");
        seeded = products.get("total").asInt();
        assertTrue(seeded >= 500, "seeded products: " + seeded);
        assertTrue(get("/api/categories").size() >= 12, "categories");
        JsonNode status = awaitIndex(seeded);
        assertEquals(0, status.get("pendingEmbeddings").asInt(), status.toString());
        HttpResponse<byte[]> thumbnail = HTTP.send(request(products.get("items").get(0).get("thumbnailUrl").asText()),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, thumbnail.statusCode());
        assertEquals("image/jpeg", thumbnail.headers().firstValue("Content-Type").orElse(""));
        HttpResponse<String> page = HTTP.send(request("/"), HttpResponse.BodyHandlers.ofString());
        assertTrue(page.body().contains("<div id=\"root\">"), "the SPA is served at /");
        HttpRequest navigation = HttpRequest.newBuilder(URI.create(base() + "/catalogue"))
                .header("Accept", "text/html").build();
        assertTrue(HTTP.send(navigation, HttpResponse.BodyHandlers.ofString()).body().contains("<div id=\"root\">"),
                "client-side routes fall back to the SPA");
    }

    @Test
    @Order(2)
    void browserTestsPassInChromium() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed (apt-get install chromium); .ci/run "
                + "installs it");
        Path log = Path.of("target/e2e.log");
        ProcessBuilder builder = new ProcessBuilder("node", "--test", "--test-reporter=spec", "webui/e2e/app.e2e.mjs")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("E2E_BASE_URL", base());
        builder.environment().put("E2E_SCREENSHOTS", "docs/screenshots");
        builder.environment().put("E2E_QUERY_IMAGE", Path.of("data/sample/images/1f45f.webp").toAbsolutePath()
                .toString());
        builder.environment().put("CHROMIUM_PATH", CHROMIUM.toString());
        builder.environment().put("NODE_PATH", Path.of("webui/node_modules").toAbsolutePath().toString());
        Process node = builder.start();
        boolean finished = node.waitFor(5, TimeUnit.MINUTES);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(output);
        assertTrue(finished, "browser tests timed out");
        assertEquals(0, node.exitValue(), "browser tests failed:\n" + output);
    }

    @Test
    @Order(3)
    void keepsTheCatalogueAcrossARestart() throws Exception {
        stop();
        app = start();
        awaitReady();
        assertEquals(seeded, get("/api/products?size=1").get("total").asInt(), "restart keeps the catalogue");
        long seedRuns = 0;
        for (JsonNode run : get("/api/pipeline/runs")) {
            if (run.get("job").asText().equals("seed")) {
                seedRuns++;
            }
        }
        assertEquals(1, seedRuns, "a seeded catalogue is not seeded again");
        awaitIndex(seeded);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (app != null && app.isAlive()) {
            app.destroy();
            if (!app.waitFor(30, TimeUnit.SECONDS)) {
                app.destroyForcibly().waitFor();
            }
        }
    }

    private static Process start() throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java.toString(), "--add-modules", "jdk.incubator.vector",
                "-Dquarkus.http.port=" + port, "-Dapp.data-dir=" + DATA, "-Dapp.embedding.model-dir=" + DATA,
                "-jar", JAR.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("target/packaged-app-it.log").toFile()));
        builder.environment().keySet().removeIf(name -> name.startsWith("QUARKUS_DATASOURCE"));
        return builder.start();
    }

    private static String base() {
        return "http://localhost:" + port;
    }

    private static void awaitReady() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            assertTrue(app.isAlive(), "the app exited; see target/packaged-app-it.log");
            try {
                if (HTTP.send(request("/q/health/ready"), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not ready within 120 s; see target/packaged-app-it.log");
    }

    private static void awaitSeedRun() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(600);
        JsonNode runs = null;
        while (System.nanoTime() < deadline) {
            runs = get("/api/pipeline/runs");
            for (JsonNode run : runs) {
                if (run.get("job").asText().equals("seed") && run.get("status").asText().equals("failed")) {
                    throw new AssertionError("seeding failed: " + run + "; see target/packaged-app-it.log");
                }
                if (run.get("job").asText().equals("seed") && run.get("status").asText().equals("succeeded")) {
                    assertTrue(run.get("message").asText().contains("failed 0"), run.get("message").asText());
                    return;
                }
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("the sample catalogue was not seeded in time: " + runs);
    }

    private static JsonNode awaitIndex(int size) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        JsonNode status = null;
        while (System.nanoTime() < deadline) {
            status = get("/api/index/status");
            if (status.get("ready").asBoolean() && status.get("size").asInt() >= size) {
                return status;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("index not ready: " + status);
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(request(path), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + " -> " + response.body());
        return JSON.readTree(response.body());
    }

    private static HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30)).build();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : paths.sorted((a, b) -> b.compareTo(a)).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
