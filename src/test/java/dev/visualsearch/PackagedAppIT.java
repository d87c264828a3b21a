package dev.visualsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Starts the packaged jar the way a user does, with no database configured: it must start its embedded PostgreSQL,
 * seed the sample catalogue, serve the UI and the API, and keep the catalogue across a restart.
 */
class PackagedAppIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final Path DATA = Path.of("target/it-data");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process app;

    @Test
    void startsOnEmbeddedDefaultsSeedsTheCatalogueAndKeepsItAcrossRestarts() throws Exception {
        deleteRecursively(DATA);
        int port = freePort();
        app = start(port);
        awaitReady(port);

        awaitSeedRun(port);
        JsonNode products = get(port, "/api/products?size=5");
        assertTrue(products.get("total").asInt() >= 500, "seeded products: " + products.get("total"));
        JsonNode categories = get(port, "/api/categories");
        assertTrue(categories.size() >= 12, "categories: " + categories.size());
        HttpResponse<byte[]> thumbnail = http.send(request(port, products.get("items").get(0)
                .get("thumbnailUrl").asText()), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, thumbnail.statusCode());
        assertEquals("image/jpeg", thumbnail.headers().firstValue("Content-Type").orElse(""));
        HttpResponse<String> page = http.send(request(port, "/"), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<div id=\"root\">"), "the SPA is served at /");
        HttpRequest browserNavigation = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/catalogue"))
                .header("Accept", "text/html").build();
        HttpResponse<String> spaRoute = http.send(browserNavigation, HttpResponse.BodyHandlers.ofString());
        assertTrue(spaRoute.body().contains("<div id=\"root\">"), "client-side routes fall back to the SPA");

        stop();
        int seeded = products.get("total").asInt();
        app = start(port);
        awaitReady(port);
        assertEquals(seeded, get(port, "/api/products?size=1").get("total").asInt(), "restart keeps the catalogue");
        long seedRuns = 0;
        for (JsonNode run : get(port, "/api/pipeline/runs")) {
            if (run.get("job").asText().equals("seed")) {
                seedRuns++;
            }
        }
        assertEquals(1, seedRuns, "a seeded catalogue is not seeded again");
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (app != null && app.isAlive()) {
            app.destroy();
            if (!app.waitFor(30, TimeUnit.SECONDS)) {
                app.destroyForcibly().waitFor();
            }
        }
    }

    private Process start(int port) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(),
                "-Dquarkus.http.port=" + port, "-Dapp.data-dir=" + DATA, "-jar", JAR.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("target/packaged-app-it.log").toFile()));
        builder.environment().keySet().removeIf(name -> name.startsWith("QUARKUS_DATASOURCE"));
        return builder.start();
    }

    private void awaitReady(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            assertTrue(app.isAlive(), "the app exited; see target/packaged-app-it.log");
            try {
                if (http.send(request(port, "/q/health/ready"), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not ready within 120 s; see target/packaged-app-it.log");
    }

    private void awaitSeedRun(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        JsonNode runs = null;
        while (System.nanoTime() < deadline) {
            runs = get(port, "/api/pipeline/runs");
            for (JsonNode run : runs) {
                if (run.get("job").asText().equals("seed") && run.get("status").asText().equals("succeeded")) {
                    assertTrue(run.get("message").asText().contains("failed 0"), run.get("message").asText());
                    return;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the sample catalogue was not seeded in time: " + runs);
    }

    private JsonNode get(int port, String path) throws Exception {
        HttpResponse<String> response = http.send(request(port, path), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + " -> " + response.body());
        return JSON.readTree(response.body());
    }

    private static HttpRequest request(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(30))
                .build();
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
