package dev.visualsearch.common.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.net.Socket;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The default limit on heavy routes: requests in progress per client (4), no rate. */
@QuarkusTest
@TestProfile(InFlightLimitTest.Defaults.class)
class InFlightLimitTest {

    /** The production defaults, which the test profile otherwise lifts for the other API tests. */
    public static class Defaults implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("app.rate-limit.max-in-flight", "4", "app.rate-limit.requests-per-second", "0");
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TestHTTPResource("/api/test-support/held")
    URL held;

    @Test
    void aSequentialClientIsNeverRefused() {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            statuses.add(given().get("/api/products/987654321/similar").statusCode());
        }
        assertEquals(List.of(404), statuses.stream().distinct().toList(), "100 requests, one at a time");
    }

    @Test
    void theFifthRequestInProgressGets429WithRetryAfterAndTheCapFreesWhenTheyEnd() throws Exception {
        HeldHeavyRoute.ENTERED.drainPermits();
        CountDownLatch gate = new CountDownLatch(1);
        HeldHeavyRoute.gate = gate;
        List<CompletableFuture<HttpResponse<String>>> holding = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                holding.add(HTTP.sendAsync(HttpRequest.newBuilder(held.toURI()).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            assertTrue(HeldHeavyRoute.ENTERED.tryAcquire(4, 20, TimeUnit.SECONDS), "four requests in progress");

            Response refused = given().get("/api/products/987654321/similar");
            refused.then().statusCode(429).contentType("application/problem+json")
                    .body("title", equalTo("Too many requests")).body("detail", containsString("in progress"));
            assertEquals("1", refused.getHeader("Retry-After"));
            given().multiPart("k", "3").post("/api/search").then().statusCode(429);
            given().get("/api/categories").then().statusCode(200); // light routes are not limited
        } finally {
            gate.countDown();
        }
        for (CompletableFuture<HttpResponse<String>> request : holding) {
            HttpResponse<String> answer = request.get(30, TimeUnit.SECONDS);
            assertEquals(200, answer.statusCode());
            assertEquals("released", answer.body());
        }
        // The end of a response releases its place (the end handler runs just after the client has the answer).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        int status;
        do {
            status = given().get("/api/products/987654321/similar").statusCode();
        } while (status == 429 && System.nanoTime() < deadline);
        assertEquals(404, status);
        for (int i = 0; i < 20; i++) {
            given().get("/api/products/987654321/similar").then().statusCode(404);
        }
    }

    @Test
    void aClientThatHangsUpFreesItsPlacesWhileTheWorkStillRuns() throws Exception {
        HeldHeavyRoute.ENTERED.drainPermits();
        CountDownLatch gate = new CountDownLatch(1);
        HeldHeavyRoute.gate = gate;
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                Socket socket = new Socket(held.getHost(), held.getPort());
                socket.getOutputStream().write(("GET " + held.getPath() + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                sockets.add(socket);
            }
            assertTrue(HeldHeavyRoute.ENTERED.tryAcquire(4, 20, TimeUnit.SECONDS));
            given().get("/api/products/987654321/similar").then().statusCode(429);
            for (Socket socket : sockets) {
                socket.close();
            }
            // The gate is still shut: only the closed connections can have freed the places.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            int status;
            do {
                status = given().get("/api/products/987654321/similar").statusCode();
            } while (status == 429 && System.nanoTime() < deadline);
            assertEquals(404, status);
        } finally {
            gate.countDown();
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }
}
