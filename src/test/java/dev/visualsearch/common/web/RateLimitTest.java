package dev.visualsearch.common.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The optional per-client rate on heavy routes (off by default), with a small bucket: 5 at once, then one every 4 s. */
@QuarkusTest
@TestProfile(RateLimitTest.SmallBucket.class)
class RateLimitTest {

    public static class SmallBucket implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("app.rate-limit.requests-per-second", "0.25", "app.rate-limit.burst", "5");
        }
    }

    @Test
    void heavyRoutesAnswer429WithRetryAfterOnceTheBurstIsSpent() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        Response limited = null;
        for (int i = 0; i < 8; i++) {
            Response response = given().get("/api/products/987654321/similar");
            statuses.add(response.statusCode());
            if (response.statusCode() == 429 && limited == null) {
                limited = response;
            }
        }
        assertEquals(List.of(404, 404, 404, 404, 404), statuses.subList(0, 5), "the burst reaches the route");
        assertTrue(statuses.subList(5, 8).contains(429), "then the limit: " + statuses);
        assertTrue(limited != null);
        limited.then().contentType("application/problem+json").body("status", equalTo(429))
                .body("title", equalTo("Too many requests"));
        assertTrue(Integer.parseInt(limited.getHeader("Retry-After")) >= 1);
        // Every heavy route shares the client's bucket, and light routes are not limited at all.
        given().multiPart("k", "3").post("/api/search").then().statusCode(429);
        given().get("/api/explain/00000000-0000-0000-0000-000000000000/1").then().statusCode(429);
        given().multiPart("k", "3").post("/api/embed").then().statusCode(429);
        given().get("/api/products/1/explain/2").then().statusCode(429);
        given().get("/api/categories").then().statusCode(200);
        given().get("/api/index/status").then().statusCode(200);
        Thread.sleep(4_500);
        given().get("/api/products/987654321/similar").then().statusCode(404);
    }
}
