package dev.visualsearch.pipeline;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visualsearch.common.database.BlockingDatabase;
import dev.visualsearch.support.PipelineRuns;
import dev.visualsearch.support.TestImages;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The project job and its API, the change-guarded schedule, and the run event stream. */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProjectAndScheduleTest {

    @Inject
    PipelineSchedule schedule;

    @TestHTTPResource("/api/pipeline/runs/stream")
    URI stream;

    /** Created once, before the first test (a static @BeforeAll would run before the test HTTP port is known). */
    private static boolean created;

    @BeforeEach
    void catalogue() {
        if (created) {
            return;
        }
        created = true;
        for (int i = 0; i < 8; i++) {
            given().multiPart("image", "p.png", TestImages.png(9300 + i), "image/png")
                    .multiPart("title", "Projection test " + i).multiPart("category", "Projection" + (i % 2))
                    .post("/api/products").then().statusCode(201);
        }
    }

    @Test
    @Order(1)
    void projectionIsComputedByTheProjectJobAndServedWithClusterAndCategory() {
        given().queryParam("method", "tsne").get("/api/analytics/projection").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("project job"));
        given().queryParam("method", "umap").get("/api/analytics/projection").then().statusCode(400);

        PipelineRuns.run("project");
        int total = given().queryParam("size", 200).get("/api/products").then().extract().jsonPath().getInt("total");
        for (String method : List.of("tsne", "pca")) {
            JsonPath map = given().queryParam("method", method).get("/api/analytics/projection").then()
                    .statusCode(200).body("method", equalTo(method)).body("model", notNullValue())
                    .body("points.category", everyItem(notNullValue())).extract().jsonPath();
            assertEquals(total, map.getList("points").size(), method + ": one point per embedded product");
            List<Float> xs = map.getList("points.x", Float.class);
            assertTrue(xs.stream().anyMatch(x -> x != 0f) && xs.stream().allMatch(Float::isFinite), method);
        }
    }

    @Test
    @Order(2)
    void scheduleSkipsWhenNothingChangedAndRunsWhenTheEmbeddingsDid() {
        PipelineRuns.run("cluster"); // both artefacts now match the current embeddings
        PipelineSchedule.Decision idle = BlockingDatabase.await(schedule::tick);
        assertFalse(idle.started(), idle.reason());
        assertTrue(idle.reason().contains("nothing changed"), idle.reason());

        given().multiPart("image", "p.png", TestImages.png(9399), "image/png").multiPart("title", "Schedule test")
                .multiPart("category", "Projection0").post("/api/products").then().statusCode(201);
        PipelineSchedule.Decision busy = BlockingDatabase.await(schedule::tick);
        assertTrue(busy.started(), busy.reason());
        JsonPath run = PipelineRuns.await(busy.runId());
        assertEquals("succeeded", run.getString("status"), run.getString("error"));
        assertEquals("all", run.getString("job"));
        String message = run.getString("message");
        assertTrue(message.contains("nothing to embed") && message.contains("Clustered")
                && message.contains("Projected"), message);

        PipelineSchedule.Decision again = BlockingDatabase.await(schedule::tick);
        assertFalse(again.started(), again.reason());
    }

    @Test
    @Order(3)
    void runChangesArriveAsServerSentEvents() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(stream).header("Accept", "text/event-stream").build();
        HttpResponse<java.util.stream.Stream<String>> response = client.send(request,
                HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
        String runId = PipelineRuns.start("cluster");
        CompletableFuture<List<String>> events = CompletableFuture.supplyAsync(() -> response.body()
                .filter(line -> line.startsWith("data:") && line.contains(runId))
                .takeWhile(line -> !line.contains("\"status\":\"succeeded\""))
                .toList());
        PipelineRuns.awaitSucceeded(runId);
        List<String> seen = events.get(30, TimeUnit.SECONDS);
        assertTrue(seen.stream().anyMatch(line -> line.contains("\"status\":\"running\"")), seen.toString());
        response.body().close();
    }

    @Test
    @Order(4)
    void pipelineStartStaysAdminGuardedJobNamesAreChecked() {
        given().contentType("application/json").body("{\"job\":\"bogus\"}").post("/api/pipeline/runs").then()
                .statusCode(400).body("detail", containsString("cluster"));
    }
}
