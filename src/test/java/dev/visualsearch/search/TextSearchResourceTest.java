package dev.visualsearch.search;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visualsearch.common.database.BlockingDatabase;
import dev.visualsearch.support.ApiFixtures;
import dev.visualsearch.support.PipelineRuns;
import dev.visualsearch.support.TestImages;
import dev.visualsearch.text.TextModel;
import dev.visualsearch.text.TextVectorRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Words against the real text model (all-MiniLM-L6-v2 from its Maven jar) and the real database: products of a
 * category of this test's own, titled so that the right answer is known to a person and never shares a word with the
 * query, so only the meaning can find it.
 */
@QuarkusTest
class TextSearchResourceTest {

    @Inject
    TextVectorRepository textVectors;

    private String category;
    private final Map<String, Long> ids = new LinkedHashMap<>();
    private final Map<String, byte[]> images = new LinkedHashMap<>();

    @BeforeEach
    void catalogue() {
        ApiFixtures.awaitIndexReady();
        String run = UUID.randomUUID().toString().substring(0, 8);
        category = "Words-" + run;
        long seed = run.hashCode() * 1000L;
        ids.clear();
        images.clear();
        List<String> titles = List.of("Espresso Cup", "Hiking Boot", "Claw Hammer", "Garden Hose", "Rain Umbrella",
                "Wool Scarf");
        for (int i = 0; i < titles.size(); i++) {
            byte[] image = TestImages.png(seed + i);
            images.put(titles.get(i), image);
            ids.put(titles.get(i), ApiFixtures.createProduct(image, titles.get(i), category));
        }
    }

    private JsonPath words(String q, int k) {
        return given().queryParam("q", q).queryParam("k", k).queryParam("category", category)
                .get("/api/search/text").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void wordsFindTheProductByMeaningNotBySharedLetters() {
        assertEquals("Espresso Cup", words("a mug of coffee", 3).getString("results[0].title"));
        assertEquals("Hiking Boot", words("footwear for mountain trails", 3).getString("results[0].title"));
        assertEquals("Rain Umbrella", words("something to stay dry in a storm", 3).getString("results[0].title"));
    }

    @Test
    void aTextSearchAnswersInTheSearchShapeAndNamesTheTextModel() {
        JsonPath answer = words("tool for nails", 4);
        assertEquals(TextModel.ID, answer.getString("model"));
        assertEquals("text-exact", answer.getString("index"));
        assertNull(answer.getString("queryId"), "no picture: nothing to explain or to give feedback on");
        assertTrue(answer.getDouble("embedMs") > 0, "the words' pass through the text model is timed");
        List<Map<String, Object>> results = answer.getList("results");
        assertEquals(4, results.size());
        assertEquals("Claw Hammer", results.get(0).get("title"));
        List<Float> scores = answer.getList("results.score", Float.class);
        for (int i = 1; i < scores.size(); i++) {
            assertTrue(scores.get(i) <= scores.get(i - 1), "best first: " + scores);
        }
        assertTrue(answer.getList("results.category", String.class).stream().allMatch(category::equals));
    }

    @Test
    void everyProductGetsATextVectorOfTheTextModelWhenItIsCreated() {
        List<Long> stored = BlockingDatabase.await(() -> Panache.withSession(() -> Panache.getSession().chain(s -> s
                .createNativeQuery("select product_id from text_embedding where model_id = ?1 and dim = ?2 "
                        + "and product_id in (?3)", Long.class)
                .setParameter(1, TextModel.ID).setParameter(2, TextModel.DIM).setParameter(3, ids.values())
                .getResultList())));
        assertEquals(ids.size(), stored.size());
    }

    @Test
    void theTextJobRebuildsLostTextVectorsAndWordsStillFindTheProduct() {
        long boot = ids.get("Hiking Boot");
        BlockingDatabase.await(() -> Panache.withTransaction(() -> Panache.getSession().chain(s -> s
                .createNativeQuery("delete from text_embedding where product_id = ?1").setParameter(1, boot)
                .executeUpdate())));
        assertTrue(BlockingDatabase.await(() -> textVectors.countMissing(TextModel.ID)) >= 1);
        JsonPath run = PipelineRuns.run("text");
        assertThat(run.getString("message"), startsWith("Gave the words of "));
        assertEquals(0L, BlockingDatabase.await(() -> textVectors.countMissing(TextModel.ID)));
        assertEquals("Hiking Boot", words("footwear for mountain trails", 1).getString("results[0].title"));
    }

    @Test
    void aDeletedProductLeavesTheWordsResults() {
        long cup = ids.get("Espresso Cup");
        given().delete("/api/products/" + cup).then().statusCode(204);
        List<Long> found = words("a mug of coffee", 6).getList("results.productId", Long.class);
        assertFalse(found.contains(cup));
        assertEquals(5, found.size());
    }

    @Test
    void aPictureWithWordsRanksByBothAndKeepsThePicturesScores() {
        byte[] hammer = images.get("Claw Hammer");
        JsonPath picture = given().multiPart("image", "q.png", hammer, "image/png").multiPart("k", "6")
                .multiPart("category", category).post("/api/search").then().statusCode(200).extract().jsonPath();
        JsonPath both = given().multiPart("image", "q.png", hammer, "image/png").multiPart("k", "6")
                .multiPart("category", category).multiPart("text", "a mug of coffee")
                .post("/api/search").then().statusCode(200).extract().jsonPath();
        List<Long> byPicture = picture.getList("results.productId", Long.class);
        List<Long> byBoth = both.getList("results.productId", Long.class);
        long cup = ids.get("Espresso Cup");
        assertTrue(byBoth.indexOf(cup) <= byPicture.indexOf(cup), "the words lift their product: " + byPicture
                + " -> " + byBoth);
        // the fused order, written out again: 1 / (60 + picture rank) + 0.5 / (60 + words rank)
        List<Long> byWords = words("a mug of coffee", 6).getList("results.productId", Long.class);
        List<Long> expected = byPicture.stream().sorted(java.util.Comparator.comparingDouble((Long id) ->
                -(1.0 / (61 + byPicture.indexOf(id)) + 0.5 / (61 + byWords.indexOf(id))))).toList();
        assertEquals(expected, byBoth);
        assertNotNull(both.get("textEmbedMs"));
        assertThat(both.getString("note"), containsString("not pixels"));
        assertNotNull(both.getString("queryId"), "a picture was searched: it can be explained");
        for (int i = 0; i < byBoth.size(); i++) {
            int same = byPicture.indexOf(byBoth.get(i));
            assertEquals(picture.getFloat("results[" + same + "].score"), both.getFloat("results[" + i + "].score"),
                    1e-6, "scores stay the picture's cosine");
        }
    }

    @Test
    void missingOrOverlongWordsAndBadKGetAProblem() {
        given().get("/api/search/text").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("q="));
        given().queryParam("q", "   ").get("/api/search/text").then().statusCode(400);
        given().queryParam("q", "x".repeat(SearchWords.MAX_CHARS + 1)).get("/api/search/text").then().statusCode(400)
                .body("detail", containsString("at most " + SearchWords.MAX_CHARS));
        given().queryParam("q", "cup").queryParam("k", "0").get("/api/search/text").then().statusCode(400)
                .body("status", equalTo(400));
        given().multiPart("image", "q.png", images.get("Claw Hammer"), "image/png")
                .multiPart("text", "x".repeat(SearchWords.MAX_CHARS + 1)).post("/api/search").then().statusCode(400)
                .contentType("application/problem+json");
    }

    private static void assertThat(String actual, org.hamcrest.Matcher<String> matcher) {
        org.hamcrest.MatcherAssert.assertThat(actual, matcher);
    }
}
