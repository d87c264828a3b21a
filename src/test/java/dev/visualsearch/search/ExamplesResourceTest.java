package dev.visualsearch.search;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visualsearch.embedding.Vectors;
import dev.visualsearch.index.IndexService;
import dev.visualsearch.support.ApiFixtures;
import dev.visualsearch.support.TestImages;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * POST /api/search/examples against the real index: rankings are checked against a brute-force ranking computed
 * here from the index's own vectors with the strategies' formulas written out again.
 */
@QuarkusTest
class ExamplesResourceTest {

    @Inject
    IndexService indexes;

    private String category;
    private final List<Long> ids = new ArrayList<>();
    private byte[] firstImage;

    @BeforeEach
    void catalogue() {
        ApiFixtures.awaitIndexReady();
        String run = UUID.randomUUID().toString().substring(0, 8);
        category = "Examples-" + run;
        long seed = run.hashCode() * 1000L;
        ids.clear();
        firstImage = TestImages.png(seed);
        for (int i = 0; i < 10; i++) {
            ids.add(ApiFixtures.createProduct(i == 0 ? firstImage : TestImages.png(seed + i), "Example " + i,
                    category));
        }
    }

    private static JsonPath examples(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/search/examples").then().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    void oneAveragedPositiveRanksLikeMoreLikeThisWithoutTheExample() {
        long a = ids.get(0);
        JsonPath byExample = examples(Map.of("positive", List.of(a), "k", 5, "category", category));
        JsonPath similar = given().queryParam("k", 5).queryParam("category", category)
                .get("/api/products/" + a + "/similar").then().statusCode(200).extract().jsonPath();
        assertEquals(similar.getList("results.productId", Long.class),
                byExample.getList("results.productId", Long.class));
        assertFalse(byExample.getList("results.productId", Long.class).contains(a));
        assertEquals(5, byExample.getList("results").size());
        assertTrue(byExample.getList("results.relevance", Float.class).stream().allMatch(r -> r >= 0 && r <= 1));
    }

    @Test
    void averageMovesTowardThePositivesAndAwayFromTheNegatives() {
        List<Long> positive = List.of(ids.get(0), ids.get(1));
        List<Long> negative = List.of(ids.get(2));
        JsonPath answer = examples(Map.of("positive", positive, "negative", negative, "k", 7, "category", category));
        float[] query = new float[vector(ids.get(0)).length];
        for (int d = 0; d < query.length; d++) {
            float meanPositive = (vector(ids.get(0))[d] + vector(ids.get(1))[d]) / 2;
            query[d] = meanPositive + (meanPositive - vector(ids.get(2))[d]);
        }
        float[] q = Vectors.normalise(query);
        List<Long> expected = ids.subList(3, 10).stream()
                .sorted(Comparator.comparingDouble((Long id) -> Vectors.dot(q, vector(id))).reversed()).toList();
        assertEquals(expected, answer.getList("results.productId", Long.class));
    }

    @Test
    void bestScoresEachCandidateByItsNearestExampleAndSinksThoseANegativeWins() {
        List<Long> positive = List.of(ids.get(0));
        List<Long> negative = List.of(ids.get(1), ids.get(2));
        JsonPath answer = examples(Map.of("positive", positive, "negative", negative, "k", 7, "category", category,
                "strategy", "best"));
        List<Long> expected = ids.subList(3, 10).stream()
                .sorted(Comparator.comparingDouble(this::bestScore).reversed()).toList();
        assertEquals(expected, answer.getList("results.productId", Long.class));
        List<Float> scores = answer.getList("results.score", Float.class);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(bestScore(expected.get(i)), scores.get(i), 1e-5);
        }
    }

    private double bestScore(long id) {
        float positive = Vectors.dot(vector(ids.get(0)), vector(id));
        float negative = Math.max(Vectors.dot(vector(ids.get(1)), vector(id)),
                Vectors.dot(vector(ids.get(2)), vector(id)));
        return positive > negative ? positive : -(negative * negative);
    }

    @Test
    void theQueryImageOfAnEarlierSearchIsAPositiveAndTheResponseKeepsItsQueryId() {
        JsonPath search = given().multiPart("image", "q.png", firstImage, "image/png").multiPart("k", "5")
                .multiPart("category", category).post("/api/search").then().statusCode(200).extract().jsonPath();
        String queryId = search.getString("queryId");
        JsonPath refined = examples(Map.of("queryId", queryId, "k", 5, "category", category));
        assertEquals(queryId, refined.getString("queryId"));
        assertEquals(search.getList("results.productId", Long.class),
                refined.getList("results.productId", Long.class));
        // the photo plus a negative: the negative is gone from the results
        long top = search.getLong("results[0].productId");
        JsonPath without = examples(Map.of("queryId", queryId, "negative", List.of(top), "k", 5,
                "category", category));
        assertFalse(without.getList("results.productId", Long.class).contains(top));
    }

    @Test
    void badRequestsAreProblemsThatSayWhatToChange() {
        post(Map.of()).statusCode(400).body("detail", containsString("at least one positive"));
        post(Map.of("positive", List.of(ids.get(0)), "negative", List.of(ids.get(0))))
                .statusCode(400).body("detail", containsString("both a positive and a negative"));
        post(Map.of("positive", List.of(ids.get(0)), "strategy", "median")).statusCode(400)
                .body("detail", containsString("'average' or 'best'"));
        post(Map.of("positive", List.of(ids.get(0)), "k", 0)).statusCode(400);
        post(Map.of("positive", List.of(0))).statusCode(400);
        List<Long> many = new ArrayList<>();
        for (long i = 1; i <= ExamplesResource.MAX_EXAMPLES + 1; i++) {
            many.add(i);
        }
        post(Map.of("positive", many)).statusCode(400).body("detail", containsString("At most"));
        post(Map.of("queryId", "not-a-uuid")).statusCode(400);
        post(Map.of("positive", List.of(999_999_999L))).statusCode(404)
                .body("detail", containsString("999999999"));
        post(Map.of("queryId", UUID.randomUUID().toString())).statusCode(404)
                .body("detail", containsString("search with the image again"));
        given().contentType(ContentType.JSON).body("{\"positive\": [").post("/api/search/examples").then()
                .statusCode(400).contentType(containsString("problem+json"));
    }

    private static io.restassured.response.ValidatableResponse post(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/search/examples").then()
                .contentType(containsString("application/problem+json"));
    }

    private float[] vector(long id) {
        return indexes.exact().vector(id).orElseThrow();
    }
}
