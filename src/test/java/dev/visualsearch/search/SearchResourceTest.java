package dev.visualsearch.search;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visualsearch.index.IndexService;
import dev.visualsearch.support.ApiFixtures;
import dev.visualsearch.support.TestImages;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SearchResourceTest {

    @Inject
    IndexService indexes;

    @Inject
    DataSource dataSource;

    private String shoes;
    private String lamps;
    private byte[] firstShoe;
    private long firstShoeId;

    @BeforeEach
    void catalogue() {
        ApiFixtures.awaitIndexReady();
        String run = UUID.randomUUID().toString().substring(0, 8);
        shoes = "Shoes-" + run;
        lamps = "Lamps-" + run;
        long seed = run.hashCode() * 100L;
        firstShoe = TestImages.png(seed);
        firstShoeId = ApiFixtures.createProduct(firstShoe, "Shoe 0", shoes);
        for (int i = 1; i < 5; i++) {
            ApiFixtures.createProduct(TestImages.png(seed + i), "Shoe " + i, shoes);
            ApiFixtures.createProduct(TestImages.png(seed + 50 + i), "Lamp " + i, lamps);
        }
    }

    private static io.restassured.specification.RequestSpecification searchWith(byte[] image) {
        return given().multiPart("image", "query.png", image, "image/png");
    }

    @Test
    void anUploadedCatalogueImageFindsItsProductFirst() {
        searchWith(firstShoe).multiPart("k", "5").when().post("/api/search").then().statusCode(200)
                .body("queryId", notNullValue())
                .body("model", equalTo(indexes.activeModelId()))
                .body("index", equalTo("exact"))
                .body("mode", equalTo("exact"))
                .body("tookMs", greaterThan(0f))
                .body("results", hasSize(5))
                .body("results[0].productId", equalTo((int) firstShoeId))
                .body("results[0].rank", equalTo(1))
                .body("results[0].score", greaterThan(0.999f))
                .body("results[0].thumbnailUrl", equalTo("/api/products/" + firstShoeId + "/thumbnail"));
    }

    @Test
    void theCategoryFilterIsAppliedBeforeRankingAndStillFillsK() {
        searchWith(firstShoe).multiPart("k", "4").multiPart("category", lamps).post("/api/search").then()
                .statusCode(200)
                .body("results", hasSize(4))
                .body("results.category", everyItem(equalTo(lamps)));
        searchWith(firstShoe).multiPart("category", "No such category").post("/api/search").then()
                .statusCode(200).body("results", hasSize(0));
    }

    @Test
    void annModeUsesFaissAndAgreesWithExactOnTheTopHit() {
        JsonPath ann = searchWith(firstShoe).multiPart("mode", "ann").multiPart("k", "3").post("/api/search")
                .then().statusCode(200).extract().jsonPath();
        if (indexes.ann().isPresent()) {
            assertTrue(ann.getString("index").startsWith("faiss:"), ann.getString("index"));
            assertEquals("ann", ann.getString("mode"));
        } else {
            assertEquals("exact", ann.getString("index"));
            assertTrue(ann.getString("note").contains("No approximate index"));
        }
        assertEquals(firstShoeId, ann.getLong("results[0].productId"));
    }

    @Test
    void anApproximateSearchInASmallCategoryIsAnsweredExactlyAndSaysSo() {
        JsonPath ann = searchWith(firstShoe).multiPart("mode", "ann").multiPart("k", "3").multiPart("category", shoes)
                .post("/api/search").then().statusCode(200).extract().jsonPath();
        JsonPath exact = searchWith(firstShoe).multiPart("mode", "exact").multiPart("k", "3")
                .multiPart("category", shoes).post("/api/search").then().statusCode(200).extract().jsonPath();
        assertEquals("ann", ann.getString("requestedMode"));
        assertEquals("exact", ann.getString("mode"));
        assertTrue(ann.getString("note").contains("A category of 5 products is searched exactly")
                || ann.getString("note").contains("No approximate index"), ann.getString("note"));
        assertEquals(exact.getList("results.productId", Long.class), ann.getList("results.productId", Long.class));
    }

    @Test
    void productsAreSearchableOnCreateAndGoneOnDelete() {
        byte[] image = TestImages.png(UUID.randomUUID().getMostSignificantBits());
        long id = ApiFixtures.createProduct(image, "Fresh", lamps);
        searchWith(image).multiPart("k", "1").post("/api/search").then().body("results[0].productId",
                equalTo((int) id));
        given().delete("/api/products/" + id).then().statusCode(204);
        searchWith(image).multiPart("k", "10").post("/api/search").then().statusCode(200)
                .body("results.productId", not(hasItem((int) id)));
    }

    @Test
    void similarProductsExcludeTheProductItself() {
        given().queryParam("k", 3).get("/api/products/" + firstShoeId + "/similar").then().statusCode(200)
                .body("results", hasSize(3))
                .body("results.productId", not(hasItem((int) firstShoeId)))
                .body("results[0].rank", equalTo(1));
        given().get("/api/products/999999999/similar").then().statusCode(404)
                .contentType("application/problem+json");
    }

    /** Cluster-first search needs a clustering run; other test classes may have run one in this app. */
    @Test
    void clusterModeEitherSearchesClustersOrSaysWhyItFellBack() {
        boolean clustered = !given().get("/api/clusters").then().statusCode(200).extract().jsonPath()
                .getList("$").isEmpty();
        var response = searchWith(firstShoe).multiPart("mode", "cluster").post("/api/search").then().statusCode(200)
                .body("requestedMode", equalTo("cluster"));
        if (clustered) {
            response.body("mode", equalTo("cluster"));
        } else {
            response.body("mode", equalTo("exact")).body("note", startsWith("Cluster-first search needs clusters"));
        }
    }

    @Test
    void badParametersGetProblems() {
        for (String k : List.of("0", "101", "ten")) {
            searchWith(firstShoe).multiPart("k", k).post("/api/search").then().statusCode(400)
                    .contentType("application/problem+json");
        }
        searchWith(firstShoe).multiPart("mode", "fast").post("/api/search").then().statusCode(400);
        given().multiPart("image", "x.png", "plain text".getBytes()).post("/api/search").then().statusCode(415)
                .contentType("application/problem+json");
        given().multiPart("k", "3").post("/api/search").then().statusCode(400);
    }

    @Test
    void embedReturnsTheExactVectorTheIndexHolds() {
        JsonPath embedded = given().multiPart("image", "q.png", firstShoe).post("/api/embed").then().statusCode(200)
                .body("model", equalTo(indexes.activeModelId()))
                .body("dim", equalTo(indexes.exact().descriptor().dimension()))
                .extract().jsonPath();
        List<Float> vector = embedded.getList("vector", Float.class);
        float[] indexed = indexes.exact().vector(firstShoeId).orElseThrow();
        double norm = 0;
        for (int i = 0; i < indexed.length; i++) {
            assertEquals(indexed[i], vector.get(i), 1e-6, "component " + i);
            norm += vector.get(i) * vector.get(i);
        }
        assertEquals(1.0, norm, 1e-4);
    }

    @Test
    void everySearchIsLogged() throws Exception {
        String queryId = searchWith(firstShoe).multiPart("k", "2").multiPart("category", shoes).post("/api/search")
                .then().statusCode(200).extract().jsonPath().getString("queryId");
        Logged row = logged(queryId);
        assertEquals(2, row.k());
        assertEquals(shoes, row.category());
        assertEquals(2, row.resultCount());
        assertEquals(firstShoeId, row.topId());
        assertTrue(row.tookMs() > 0);
        assertEquals("exact", row.mode());
        assertEquals("miss", row.embedCache(), "a new image runs the model");
        assertTrue(row.queueMs() != null && row.queueMs() >= 0, "the wait for an inference slot is recorded");
    }

    @Test
    void aRepeatedQueryImageReusesItsVectorAndSaysSo() throws Exception {
        JsonPath first = searchWith(firstShoe).multiPart("k", "5").post("/api/search").then().statusCode(200)
                .body("embedCache", equalTo("miss")).body("queueMs", notNullValue()).extract().jsonPath();
        JsonPath second = searchWith(firstShoe).multiPart("k", "5").post("/api/search").then().statusCode(200)
                .body("embedCache", equalTo("hit")).body("embedMs", equalTo(0f)).extract().jsonPath();
        assertEquals(first.getList("results.productId"), second.getList("results.productId"));
        assertEquals(first.getList("results.score"), second.getList("results.score"), "the very same vector");
        searchWith(firstShoe).multiPart("k", "3").multiPart("category", shoes).post("/api/search").then()
                .statusCode(200).body("embedCache", equalTo("hit")).body("results[0].productId",
                        equalTo((int) firstShoeId));
        Logged hit = logged(second.getString("queryId"));
        assertEquals("hit", hit.embedCache());
        assertEquals(null, hit.queueMs(), "no inference ran, so nothing queued");
        // the cached search still keeps its query image, so its results can be explained
        given().get("/api/explain/" + second.getString("queryId") + "/" + firstShoeId).then().statusCode(200);
        given().queryParam("k", 3).get("/api/products/" + firstShoeId + "/similar").then().statusCode(200)
                .body("embedCache", equalTo(null)).body("queueMs", equalTo(null));
    }

    private record Logged(int k, String category, int resultCount, long topId, float tookMs, String mode,
                          String embedCache, Float queueMs) {
    }

    /** The search's row in search_log, once the asynchronous writer has stored it. */
    private Logged logged(String queryId) throws Exception {
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline) {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement statement = connection.prepareStatement(
                         "select k, category, result_count, result_ids[1], took_ms, mode, embed_cache, queue_ms "
                                 + "from search_log where query_id = ?::uuid")) {
                statement.setString(1, queryId);
                try (ResultSet row = statement.executeQuery()) {
                    if (row.next()) {
                        Float queue = row.getObject(8) == null ? null : row.getFloat(8);
                        return new Logged(row.getInt(1), row.getString(2), row.getInt(3), row.getLong(4),
                                row.getFloat(5), row.getString(6), row.getString(7), queue);
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("search " + queryId + " was not logged");
    }
}
