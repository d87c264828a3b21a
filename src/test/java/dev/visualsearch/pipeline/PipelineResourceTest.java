package dev.visualsearch.pipeline;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visualsearch.support.ApiFixtures;
import dev.visualsearch.support.TestImages;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PipelineResourceTest {

    private static String start(String job) {
        return given().contentType("application/json").body("{\"job\":\"" + job + "\"}")
                .post("/api/pipeline/runs").then().statusCode(202).extract().jsonPath().getString("runId");
    }

    @Test
    void theEmbedJobFindsNothingLeftWhenProductsWereEmbeddedOnCreate() {
        ApiFixtures.awaitIndexReady();
        ApiFixtures.createProduct(TestImages.png(8001), "Kettle", "Pipeline");
        JsonPath run = ApiFixtures.awaitRun(start("embed"));
        assertEquals("succeeded", run.getString("status"));
        assertEquals("Embedded 0 product(s)", run.getString("message"));
        assertEquals(1.0, run.getDouble("progress"));
        given().get("/api/index/status").then().statusCode(200)
                .body("stale", org.hamcrest.Matchers.equalTo(false))
                .body("pendingEmbeddings", org.hamcrest.Matchers.equalTo(0));
    }

    @Test
    void searchesKeepAnsweringWhileTheIndexIsRebuilt() throws Exception {
        ApiFixtures.awaitIndexReady();
        long product = ApiFixtures.createProduct(TestImages.png(8101), "Vase", "Pipeline");
        for (int i = 0; i < 3; i++) {
            ApiFixtures.createProduct(TestImages.png(8102 + i), "Vase " + i, "Pipeline");
        }
        AtomicBoolean rebuilding = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(3);
        List<Future<List<Integer>>> statuses = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            statuses.add(clients.submit(() -> {
                List<Integer> codes = new ArrayList<>();
                while (rebuilding.get() || codes.size() < 5) {
                    codes.add(given().queryParam("k", 3).get("/api/products/" + product + "/similar")
                            .then().extract().statusCode());
                }
                return codes;
            }));
        }
        JsonPath run = ApiFixtures.awaitRun(start("index"));
        rebuilding.set(false);
        int answered = 0;
        for (Future<List<Integer>> future : statuses) {
            for (int code : future.get()) {
                assertEquals(200, code);
                answered++;
            }
        }
        clients.shutdown();
        assertEquals("succeeded", run.getString("status"));
        assertTrue(run.getString("message").startsWith("Index rebuilt with "), run.getString("message"));
        assertTrue(answered >= 15, "searches answered during the rebuild: " + answered);
        // The rebuilt ANN index measured its recall@10 against the exact one and searches at the depth chosen for it.
        JsonPath status = given().get("/api/index/status").then().statusCode(200).extract().jsonPath();
        assertEquals(0.95, status.getDouble("targetRecall"), 1e-9);
        assertTrue(status.getDouble("measuredRecall") >= 0.95, status.prettify());
        assertEquals("efSearch", status.getString("searchDepthParameter"));
        assertTrue(status.getInt("searchDepth") >= 16, status.prettify());
    }

    /**
     * Many starts of the same job at once: one wins, the others get 409, and no run is left queued forever (a lost
     * race used to block on the event loop, fail, and leave its run row queued).
     */
    @Test
    void simultaneousStartsOfOneJobLeaveNoRunBehind() throws Exception {
        ApiFixtures.awaitIndexReady();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            answers.add(pool.submit(() -> given().contentType("application/json").body("{\"job\":\"index\"}")
                    .post("/api/pipeline/runs").statusCode()));
        }
        int accepted = 0;
        for (Future<Integer> answer : answers) {
            int status = answer.get();
            assertTrue(status == 202 || status == 409, "status " + status);
            accepted += status == 202 ? 1 : 0;
        }
        pool.shutdown();
        assertTrue(accepted >= 1);
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            List<String> active = given().get("/api/pipeline/runs?limit=20").jsonPath()
                    .getList("findAll { it.job == 'index' && (it.status == 'queued' || it.status == 'running') }.id");
            if (active.isEmpty()) {
                break;
            }
            assertTrue(System.currentTimeMillis() < deadline, "runs never ended: " + active);
            Thread.sleep(200);
        }
    }

    @Test
    void unknownJobsAndMissingBodiesAreRejected() {
        given().contentType("application/json").body("{\"job\":\"defragment\"}").post("/api/pipeline/runs").then()
                .statusCode(400).contentType("application/problem+json").body("detail", containsString("defragment"));
        given().contentType("application/json").body("{}").post("/api/pipeline/runs").then().statusCode(400);
        given().contentType("application/json").body("{not json").post("/api/pipeline/runs").then().statusCode(400)
                .contentType("application/problem+json");
        given().get("/api/pipeline/runs/not-a-uuid").then().statusCode(404);
        given().get("/api/pipeline/runs/00000000-0000-0000-0000-000000000000").then().statusCode(404);
    }
}
