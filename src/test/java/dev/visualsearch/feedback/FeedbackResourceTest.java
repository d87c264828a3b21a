package dev.visualsearch.feedback;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.visualsearch.search.SearchLog;
import dev.visualsearch.support.ApiFixtures;
import dev.visualsearch.support.SearchLogs;
import dev.visualsearch.support.TestImages;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** POST /api/feedback into PostgreSQL, read back by the search analytics and as training pairs. */
@QuarkusTest
class FeedbackResourceTest {

    @Inject
    DataSource dataSource;

    @Inject
    SearchLog searchLog;

    @Inject
    FeedbackService feedback;

    @Test
    void verdictsAreStoredTheLatestWinsAndTheAnalyticsCountThem() throws Exception {
        ApiFixtures.awaitIndexReady();
        String category = "Feedback-" + UUID.randomUUID().toString().substring(0, 8);
        long seed = category.hashCode() * 1000L;
        byte[] image = TestImages.png(seed);
        for (int i = 0; i < 4; i++) {
            ApiFixtures.createProduct(i == 0 ? image : TestImages.png(seed + i), "Judged " + i, category);
        }
        awaitLogWritten();
        try (Connection connection = dataSource.getConnection()) {
            connection.createStatement().executeUpdate("delete from search_log");
            connection.createStatement().executeUpdate("delete from search_feedback");
        }
        JsonPath search = given().multiPart("image", "q.png", image, "image/png").multiPart("k", "4")
                .multiPart("category", category).post("/api/search").then().statusCode(200).extract().jsonPath();
        String queryId = search.getString("queryId");
        long first = search.getLong("results[0].productId");
        long second = search.getLong("results[1].productId");
        long third = search.getLong("results[2].productId");
        // at once: the search may still be in the log's buffer
        verdict(queryId, first, "bad").statusCode(204);
        verdict(queryId, first, "good").statusCode(204);
        verdict(queryId, second, "good").statusCode(204);
        verdict(queryId, third, "bad").statusCode(204);
        given().get("/api/products/" + first).then().statusCode(200);
        try (Connection connection = dataSource.getConnection();
             ResultSet rows = connection.createStatement().executeQuery("select verdict from search_feedback where "
                     + "query_id = '" + queryId + "' and product_id = " + first)) {
            rows.next();
            assertEquals("good", rows.getString(1));
            assertEquals(false, rows.next(), "one row per judged result");
        }
        List<TrainingPair> pairs = feedback.trainingPairs(10).await().indefinitely();
        assertEquals(3, pairs.size());
        assertEquals(2, pairs.stream().filter(TrainingPair::good).count());

        // a second search nobody judged
        given().multiPart("image", "q.png", TestImages.png(seed + 1), "image/png").post("/api/search").then()
                .statusCode(200);
        awaitLogWritten();
        given().config(SearchLogs.DOUBLES).get("/api/analytics/search-metrics").then().statusCode(200)
                .body("totalSearches", equalTo(2))
                .body("feedback.searchesWithFeedback", equalTo(1))
                .body("feedback.share", closeTo(0.5, 1e-9))
                .body("feedback.good", equalTo(2))
                .body("feedback.bad", equalTo(1))
                .body("feedback.k", equalTo(10))
                .body("feedback.precisionAtK", closeTo(2 / 3.0, 1e-6));

        // a deleted product takes its verdicts with it
        given().delete("/api/products/" + third).then().statusCode(204);
        assertEquals(2, feedback.trainingPairs(10).await().indefinitely().size());
    }

    @Test
    void unknownSearchesAndProductsAre404AndBadBodies400() {
        ApiFixtures.awaitIndexReady();
        long product = ApiFixtures.createProduct(TestImages.png(424_242), "Judged alone", "Feedback-alone");
        String queryId = given().multiPart("image", "q.png", TestImages.png(424_242), "image/png")
                .post("/api/search").then().statusCode(200).extract().jsonPath().getString("queryId");
        verdict(UUID.randomUUID().toString(), product, "good").statusCode(404)
                .contentType(containsString("problem+json")).body("detail", containsString("Search"));
        verdict(queryId, 999_999_999L, "good").statusCode(404).body("detail", containsString("999999999"));
        verdict(queryId, product, "meh").statusCode(400).body("detail", containsString("'good' or 'bad'"));
        verdict("nope", product, "good").statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("queryId", queryId)).post("/api/feedback").then()
                .statusCode(400).body("detail", containsString("productId"));
        given().contentType(ContentType.JSON).body("{").post("/api/feedback").then().statusCode(400)
                .contentType(containsString("problem+json"));
    }

    private static io.restassured.response.ValidatableResponse verdict(String queryId, long productId,
                                                                       String verdict) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("queryId", queryId, "productId", productId, "verdict", verdict))
                .post("/api/feedback").then();
    }

    private void awaitLogWritten() throws InterruptedException {
        SearchLogs.awaitBufferEmpty(searchLog);
        Thread.sleep(200); // the batch taken from the buffer may still be in flight
    }
}
