package dev.visualsearch.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.visualsearch.support.PackagedApp;
import dev.visualsearch.support.TestFiles;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged service heals a failed model self-check by itself: started without {@code ONEDNN_MAX_CPU_ISA} and with
 * the fault injected while uncapped (what wrong AVX-512 kernels did on one CPU), it fails the check when the index
 * build loads the model at start-up, starts itself again with the cap, and then embeds with a passing check that
 * {@code /q/health/ready} and the log report. Stopping the launcher stops the restarted service too.
 */
class SelfCheckHealIT {

    private static final Path DATA = Path.of("target/selfcheck-heal");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void aSelfCheckThatFailsUncappedRestartsTheServiceWithTheCapAndThenEmbeds() throws Exception {
        TestFiles.deleteRecursively(DATA);
        byte[] image = Files.readAllBytes(Path.of("data/sample/images").resolve(Files.readAllLines(
                Path.of("data/sample/catalog.csv")).get(1).split(",")[0]));
        PackagedApp app = PackagedApp.startWithout(List.of(OneDnnCap.VARIABLE, OneDnnCap.RELAUNCHED_VARIABLE),
                "uncapped service", DATA, "app.catalog.seed=false", "app.pipeline.schedule=off",
                "app.embedding.self-check.inject-fault-when-uncapped=true");
        try {
            JsonNode restarted = awaitRestartedWithTheCap(app);
            assertTrue(restarted.get("data").get("oneDnnCap").asText().startsWith("AVX2 (the service restarted"),
                    restarted.toString());
            assertTrue(app.alive(), "the launcher stays as the restarted service's parent");

            HttpResponse<String> embedded = app.postMultipart("/api/embed", Map.of(), "image", image);
            assertEquals(200, embedded.statusCode(), embedded.body());
            assertTrue(JSON.readTree(embedded.body()).get("vector").size() > 0);
            JsonNode check = embeddingCheck(ready(app));
            assertEquals("UP", check.get("status").asText(), check.toString());
            assertTrue(check.get("data").get("selfCheck").asText().startsWith("passed"), check.toString());

            String log = Files.readString(app.log());
            assertTrue(log.contains("Model self-check failed"), "the failure is logged");
            assertTrue(log.contains("Starting the service again with ONEDNN_MAX_CPU_ISA=AVX2"), "the restart too");
            assertTrue(log.contains("Model self-check passed"), "and the capped check's pass");
        } finally {
            app.close();
        }
        assertFalse(answers(app), "stopping the launcher stopped the restarted service");
    }

    /** The restarted process answers on the same port once it is up; the one that refused the model has gone. */
    private static JsonNode awaitRestartedWithTheCap(PackagedApp app) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(app.base()
                        + "/q/health/ready")).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                last = health.body();
                if (health.statusCode() == 200) {
                    JsonNode check = embeddingCheck(JSON.readTree(last));
                    if (check.get("data").get("oneDnnCap").asText().startsWith("AVX2")) {
                        return check;
                    }
                }
            } catch (IOException restarting) {
                last = restarting.toString();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the service did not come back with the cap in 180 s: " + last);
    }

    private static JsonNode ready(PackagedApp app) throws Exception {
        HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(app.base() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode(), health.body());
        return JSON.readTree(health.body());
    }

    private static JsonNode embeddingCheck(JsonNode health) {
        for (JsonNode check : health.get("checks")) {
            if (check.get("name").asText().equals("embedding-model")) {
                return check;
            }
        }
        throw new AssertionError("no embedding-model check in " + health);
    }

    private static boolean answers(PackagedApp app) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                HTTP.send(HttpRequest.newBuilder(URI.create(app.base() + "/q/health/live"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                Thread.sleep(500);
            } catch (IOException gone) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
        }
        return true;
    }
}
