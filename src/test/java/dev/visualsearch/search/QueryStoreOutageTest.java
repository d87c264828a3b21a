package dev.visualsearch.search;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visualsearch.support.ApiFixtures;
import dev.visualsearch.support.TestImages;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * With {@code app.search.query-store=database}, a search whose query image cannot be inserted still answers with its
 * query id; explaining that query later is a 404 problem. The insert is made to fail by taking the table away.
 */
@QuarkusTest
@TestProfile(QueryStoreOutageTest.DatabaseQueryStore.class)
class QueryStoreOutageTest {

    /** The query images in the database, as several instances keep them. */
    public static class DatabaseQueryStore implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("app.search.query-store", "database");
        }
    }

    @Inject
    DataSource dataSource;

    @Test
    void aSearchWhoseQueryImageCannotBeStoredStillAnswersAndItsExplanationIsA404() throws Exception {
        long seed = System.nanoTime();
        long product = ApiFixtures.createProduct(TestImages.encode(TestImages.pattern(seed, 96, 96,
                BufferedImage.TYPE_INT_RGB), "png"), "Outage product", "QueryStoreOutage");
        byte[] query = TestImages.encode(TestImages.pattern(seed + 1, 96, 96, BufferedImage.TYPE_INT_RGB), "png");
        double notKeptBefore = notKept();
        String queryId;
        sql("alter table query_image rename to query_image_away");
        try {
            queryId = given().multiPart("image", "q.png", query, "image/png").multiPart("k", "5")
                    .post("/api/search").then().statusCode(200)
                    .body("queryId", notNullValue()).extract().jsonPath().getString("queryId");
        } finally {
            sql("alter table query_image_away rename to query_image");
        }
        assertTrue(notKept() > notKeptBefore, "the failure is counted");
        given().get("/api/explain/" + queryId + "/" + product).then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404))
                .body("detail", containsString(queryId)).body("hint", containsString("search again"));
        // With the table back, the next search's image is kept again and its explanation works.
        String next = given().multiPart("image", "q.png", query, "image/png").multiPart("k", "5")
                .post("/api/search").then().statusCode(200).extract().jsonPath().getString("queryId");
        given().queryParam("view", "json").get("/api/explain/" + next + "/" + product).then().statusCode(200);
    }

    private void sql(String statement) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute(statement);
        }
    }

    private static double notKept() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith("query_images_not_kept_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
