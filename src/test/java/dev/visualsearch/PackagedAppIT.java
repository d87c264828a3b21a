package dev.visualsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.visualsearch.support.Multipart;
import dev.visualsearch.support.PackagedApp;
import dev.visualsearch.support.TestFiles;
import dev.visualsearch.support.TestImages;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
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

    private static final Path DATA = Path.of("target/it-data");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static PackagedApp app;
    private static int seeded;

    @BeforeAll
    static void startOnEmbeddedDefaults() throws Exception {
        TestFiles.deleteRecursively(DATA);
        // no database settings: the embedded PostgreSQL under the data folder, the offline model, the sample seeded
        app = PackagedApp.start("packaged app", DATA);
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
        // the end of the seed starts the pipeline: clusters and the map cover the whole catalogue, no tick needed
        awaitAllRunAfterTheSeed();
        int clustered = 0;
        for (JsonNode cluster : get("/api/clusters")) {
            clustered += cluster.get("size").asInt();
        }
        assertEquals(seeded, clustered, "clusters cover the seeded catalogue");
        assertEquals(seeded, get("/api/analytics/projection?method=tsne").get("points").size(), "the map covers it");
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

    /**
     * The first start's log tells a short story, in order: the database, the model, the index, the seed's progress
     * and end, and ready once the catalogue is clustered and mapped; the libraries' own chatter is not in it.
     */
    @Test
    @Order(1)
    void aFirstStartTellsAShortStory() throws Exception {
        awaitSeedRun();
        awaitAllRunAfterTheSeed();
        List<String> story = firstStartUntilReady();
        List<String> chapters = List.of("Database jdbc:postgresql:", "Embedding model ", "Index ready: ",
                "seed run ", "filled the catalogue", "Ready: ");
        int at = 0;
        for (String chapter : chapters) {
            int found = indexOf(story, chapter, at);
            assertTrue(found >= 0, "'" + chapter + "' after line " + at + " of the first start:\n"
                    + String.join("\n", story));
            at = found;
        }
        String seedEnd = story.stream().filter(line -> line.contains("seed run ") && line.contains(" succeeded in "))
                .findFirst().orElseThrow(() -> new AssertionError("the seed's end is not logged"));
        double seedSeconds = Double.parseDouble(seedEnd.replaceAll(".* succeeded in ([0-9.]+) s:.*", "$1"));
        if (seedSeconds >= 20) { // a seed that long passes its quarters with RunLog's 10 s to spare
            assertTrue(story.stream().anyMatch(line -> line.matches(".*seed run \\S+: \\d+ % .*")),
                    "a seed of " + seedSeconds + " s says how far it has got");
        }
        for (String chatter : List.of("Migrating schema", "initdb", "[io.zo.", "[or.tr.", "[ai.dj.py.en.PtEngine]",
                "nothing changed", "already registered")) {
            assertTrue(story.stream().noneMatch(line -> line.contains(chatter)), "'" + chatter + "' in the story");
        }
        assertTrue(story.size() <= 70, story.size() + " lines until ready:\n" + String.join("\n", story));
    }

    /** The app's log from its first line to the first "Ready:" (waited for: it follows the run's end). */
    private static List<String> firstStartUntilReady() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            List<String> lines = Files.readAllLines(app.log());
            int ready = indexOf(lines, "Ready: ", 0);
            if (ready >= 0) {
                return lines.subList(0, ready + 1).stream().filter(line -> !line.isBlank()).toList();
            }
            assertTrue(System.nanoTime() < deadline, "no 'Ready:' line within 60 s of the catch-up run's end");
            Thread.sleep(500);
        }
    }

    private static int indexOf(List<String> lines, String part, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).contains(part)) {
                return i;
            }
        }
        return -1;
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
        app.restart();
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

    /**
     * SIGKILL in the middle of a pipeline run (no shutdown hook runs; the embedded PostgreSQL is orphaned): the next
     * start must stop the orphan, mark the run failed, serve the previous index, answer searches, and re-run.
     */
    @Test
    @Order(4)
    void aKillDuringAPipelineRunLeavesThePreviousIndexServingAndTheRunCanBeRepeated() throws Exception {
        awaitIdle();
        String runId = startRun("all");
        awaitStatus(runId, Set.of("running"), 60);
        Thread.sleep(1_500);
        killAndRestartFailing(runId);
        assertEquals(seeded, awaitIndex(seeded).get("size").asInt(), "the previous index, complete");
        assertTrue(search(sampleImage()).get("results").size() > 0);
        awaitIdle();
        awaitStatus(startRun("all"), Set.of("succeeded"), 300);
    }

    /**
     * SIGKILL in the middle of an import: what was imported before the kill is complete (image, row, vector after
     * the catch-up), the run is failed, and importing the same archive again adds exactly the rest.
     */
    @Test
    @Order(5)
    void aKillDuringAnImportLosesNothingAndTheImportCanBeRepeated() throws Exception {
        awaitIdle();
        int before = get("/api/products?size=1").get("total").asInt();
        int count = 40;
        byte[] zip = importArchive(count);
        String runId = startImport(zip);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (get("/api/products?size=1").get("total").asInt() < before + 3 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        killAndRestartFailing(runId);
        int afterKill = get("/api/products?size=1").get("total").asInt();
        assertTrue(afterKill > before && afterKill < before + count, "part of the archive: " + (afterKill - before));
        awaitIdle();
        awaitIndex(afterKill);
        assertEquals(0, get("/api/index/status").get("pendingEmbeddings").asInt(), "every imported product embedded");
        JsonNode again = awaitStatus(startImport(zip), Set.of("succeeded"), 300);
        assertEquals(before + count, get("/api/products?size=1").get("total").asInt(), again.toString());
        awaitIdle();
        awaitIndex(before + count);
        seeded = before + count;
    }

    /**
     * PostgreSQL stops (fast shutdown, open sessions cut) while the service runs: search by image keeps answering
     * from the in-memory index, writes and catalogue reads get 503 problem+json with Retry-After, and once the
     * database is back everything works again and the searches made meanwhile reach the search log.
     */
    @Test
    @Order(6)
    void withPostgresqlDownSearchAnswersFromMemoryWritesGet503AndAllRecovers() throws Exception {
        awaitIdle();
        Path pidFile = DATA.resolve("postgres/postmaster.pid");
        ProcessHandle postmaster = ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).get(0).strip()))
                .orElseThrow();
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("unshare", "-U")); // PostgreSQL refuses root; zonky starts it the same way
        }
        command.add(postmaster.info().command().orElseThrow());
        command.addAll(List.of(postmaster.info().arguments().orElseThrow()));
        long logged = get("/api/analytics/search-metrics").get("totalSearches").asLong();
        new ProcessBuilder("kill", "-INT", Long.toString(postmaster.pid())).start().waitFor();
        postmaster.onExit().get(60, TimeUnit.SECONDS);
        int outageSearches = 3;
        try {
            for (int i = 0; i < outageSearches; i++) {
                JsonNode answer = search(sampleImage());
                assertTrue(answer.get("results").size() > 0, answer.toString());
                assertTrue(answer.get("note").asText().contains("database is unavailable"), answer.toString());
                assertTrue(answer.get("results").get(0).hasNonNull("category"), "the index knows categories");
            }
            HttpResponse<String> create = postMultipart("/api/products", Map.of("title", "During the outage",
                    "category", "Outage"), "image", "o.png", TestImages.png(424242));
            assertEquals(503, create.statusCode(), create.body());
            assertEquals("application/problem+json", create.headers().firstValue("Content-Type").orElse(""));
            assertTrue(create.headers().firstValue("Retry-After").isPresent());
            assertTrue(!create.body().contains("Exception"), "no stack trace or exception name: " + create.body());
            assertEquals(503, HTTP.send(request("/api/products"), HttpResponse.BodyHandlers.discarding())
                    .statusCode());
        } finally {
            new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("target/it-postgres.log").toFile()))
                    .start();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (HTTP.send(request("/api/products?size=1"), HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
            assertTrue(System.nanoTime() < deadline, "catalogue reads did not recover within 60 s");
            Thread.sleep(500);
        }
        HttpResponse<String> create = postMultipart("/api/products", Map.of("title", "After the outage",
                "category", "Outage"), "image", "o.png", TestImages.png(424242));
        assertEquals(201, create.statusCode(), create.body());
        long id = JSON.readTree(create.body()).get("id").asLong();
        assertEquals(204, HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/api/products/" + id)).DELETE()
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (get("/api/analytics/search-metrics").get("totalSearches").asLong() < logged + outageSearches) {
            assertTrue(System.nanoTime() < deadline, "searches made during the outage never reached the log");
            Thread.sleep(500);
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (app != null) {
            app.close();
        }
    }

    private static String base() {
        return app.base();
    }

    private static void awaitSeedRun() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(600);
        JsonNode runs = null;
        while (System.nanoTime() < deadline) {
            runs = get("/api/pipeline/runs");
            for (JsonNode run : runs) {
                if (run.get("job").asText().equals("seed") && run.get("status").asText().equals("failed")) {
                    throw new AssertionError("seeding failed: " + run + "; see " + app.log());
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

    /** SIGKILL (no shutdown hook runs), start again, and check the run that was active is marked interrupted. */
    private static void killAndRestartFailing(String runId) throws Exception {
        app.kill();
        assertTrue(!app.alive(), "the app did not die");
        app.launch();
        JsonNode run = get("/api/pipeline/runs/" + runId);
        assertEquals("failed", run.get("status").asText(), run.toString());
        assertTrue(run.get("error").asText().startsWith("Interrupted"), run.toString());
    }

    private static String startRun(String job) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/api/pipeline/runs"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"job\":\"" + job + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, response.statusCode(), response.body());
        return JSON.readTree(response.body()).get("runId").asText();
    }

    private static String startImport(byte[] zip) throws Exception {
        HttpResponse<String> response = postMultipart("/api/products/import", Map.of(), "archive", "a.zip", zip);
        assertEquals(202, response.statusCode(), response.body());
        return JSON.readTree(response.body()).get("runId").asText();
    }

    /** A multipart POST with text fields and one file part. */
    private static HttpResponse<String> postMultipart(String path, Map<String, String> fields, String filePart,
                                                      String fileName, byte[] file) throws Exception {
        return HTTP.send(Multipart.post(base() + path, fields, filePart, fileName, file),
                HttpResponse.BodyHandlers.ofString());
    }

    /** {@code count} distinct 320 px images in a zip with a manifest, under a category of their own. */
    private static byte[] importArchive(int count) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            StringBuilder manifest = new StringBuilder("file,title,category\n");
            for (int i = 0; i < count; i++) {
                java.awt.image.BufferedImage image = TestImages.pattern(9000 + i, 320, 320,
                        java.awt.image.BufferedImage.TYPE_INT_RGB);
                zip.putNextEntry(new java.util.zip.ZipEntry("img-" + i + ".png"));
                zip.write(TestImages.encode(image, "png"));
                zip.closeEntry();
                manifest.append("img-").append(i).append(".png,Imported ").append(i).append(",Kill Test\n");
            }
            zip.putNextEntry(new java.util.zip.ZipEntry("manifest.csv"));
            zip.write(manifest.toString().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static JsonNode awaitStatus(String runId, Set<String> wanted, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        JsonNode run = null;
        while (System.nanoTime() < deadline) {
            run = get("/api/pipeline/runs/" + runId);
            String status = run.get("status").asText();
            if (wanted.contains(status)) {
                return run;
            }
            if (status.equals("failed") || status.equals("succeeded")) {
                throw new AssertionError("run ended " + status + ", not " + wanted + ": " + run);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("run not " + wanted + " in time: " + run + "; threads in " + threadDump());
    }

    /** Waits for the {@code all} run the end of the seed starts by itself, and for it to succeed. */
    private static void awaitAllRunAfterTheSeed() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (System.nanoTime() < deadline) {
            for (JsonNode run : get("/api/pipeline/runs")) {
                if (run.get("job").asText().equals("all") && run.get("status").asText().equals("succeeded")) {
                    awaitIdle();
                    return;
                }
                assertTrue(!run.get("job").asText().equals("all") || !run.get("status").asText().equals("failed"),
                        "the pipeline run after the seed failed: " + run);
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no all run succeeded after the seed: " + get("/api/pipeline/runs"));
    }

    /** Waits until no run is queued or running (a restart may start a catch-up run of its own). */
    private static void awaitIdle() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (System.nanoTime() < deadline) {
            boolean busy = false;
            for (JsonNode run : get("/api/pipeline/runs")) {
                String status = run.get("status").asText();
                busy |= status.equals("running") || status.equals("queued");
            }
            if (!busy) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("runs still active after 300 s: " + get("/api/pipeline/runs?limit=5") + "; threads in "
                + threadDump());
    }

    /** The app's threads, for a run that never ends: written to a file named in the failure. */
    private static Path threadDump() throws Exception {
        Path file = Path.of("target/it-threads-" + System.currentTimeMillis() + ".txt");
        new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(app.pid()), "Thread.print").redirectErrorStream(true).redirectOutput(file.toFile())
                .start().waitFor(60, TimeUnit.SECONDS);
        return file;
    }

    private static byte[] sampleImage() throws IOException {
        return Files.readAllBytes(Path.of("data/sample/images/1f45f.webp"));
    }

    private static JsonNode search(byte[] image) throws Exception {
        HttpResponse<String> response = postSearch(image);
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> postSearch(byte[] image) throws Exception {
        return postMultipart("/api/search", Map.of(), "image", "q.webp", image);
    }

}
