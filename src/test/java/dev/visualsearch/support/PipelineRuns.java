package dev.visualsearch.support;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.restassured.path.json.JsonPath;
import java.util.UUID;

/** Starts pipeline jobs over the API and waits for them, for tests. */
public final class PipelineRuns {

    private PipelineRuns() {
    }

    public static String start(String job) {
        return given().contentType("application/json").body("{\"job\":\"" + job + "\"}")
                .post("/api/pipeline/runs").then().statusCode(202).extract().jsonPath().getString("runId");
    }

    /** Waits until the run has finished and returns it; fails the test unless it succeeded. */
    public static JsonPath awaitSucceeded(String runId) {
        JsonPath run = await(UUID.fromString(runId));
        assertEquals("succeeded", run.getString("status"), "run " + runId + ": " + run.getString("error"));
        return run;
    }

    public static JsonPath await(UUID runId) {
        long deadline = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < deadline) {
            JsonPath run = given().get("/api/pipeline/runs/" + runId).then().statusCode(200).extract().jsonPath();
            String status = run.getString("status");
            if (status.equals("succeeded") || status.equals("failed")) {
                return run;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
        fail("run " + runId + " did not finish in time");
        return null;
    }

    public static JsonPath run(String job) {
        return awaitSucceeded(start(job));
    }
}
