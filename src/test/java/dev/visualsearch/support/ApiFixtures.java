package dev.visualsearch.support;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;

/** Small helpers for API tests: create products, wait for the index and for runs. */
public final class ApiFixtures {

    private ApiFixtures() {
    }

    public static long createProduct(byte[] image, String title, String category) {
        return given().multiPart("image", "p.png", image, "image/png").multiPart("title", title)
                .multiPart("category", category)
                .when().post("/api/products").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    public static void awaitIndexReady() {
        long deadline = System.currentTimeMillis() + 120_000;
        while (!given().get("/api/index/status").then().statusCode(200).extract().jsonPath().getBoolean("ready")) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("index not ready in time");
            }
            sleep(200);
        }
    }

    public static JsonPath awaitRun(String runId) {
        return PipelineRuns.await(java.util.UUID.fromString(runId));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
