package dev.visualsearch.index;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.visualsearch.index.faiss.FaissNative;
import dev.visualsearch.support.ApiFixtures;
import dev.visualsearch.support.TestImages;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Deleted products stay in the HNSW graph as tombstones; once they pass the configured share of its entries the index
 * job rebuilds it by itself, in the background, and the new index holds none. The thresholds are lowered so that a
 * handful of products shows it (defaults: 20 % and at least 100).
 */
@QuarkusTest
@TestProfile(TombstoneRebuildTest.LowThreshold.class)
class TombstoneRebuildTest {

    public static class LowThreshold implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("app.index.tombstone-rebuild-share", "0.2", "app.index.tombstone-rebuild-minimum", "3");
        }
    }

    @Test
    void deletingMoreThanTheShareRebuildsTheAnnIndexInTheBackgroundWithoutTombstones() throws Exception {
        assumeTrue(FaissNative.isAvailable(), "FAISS unavailable: " + FaissNative.unavailableReason());
        ApiFixtures.awaitIndexReady();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(ApiFixtures.createProduct(TestImages.png(9300 + i), "Tombstone " + i, "Tombstones"));
        }
        int before = indexRuns();
        for (int i = 0; i < 2; i++) {
            given().delete("/api/products/" + ids.get(i)).then().statusCode(204);
        }
        assertEquals(2, status().getInt("annTombstones"), "2 of 10 entries: not past the 20 % share yet");
        Thread.sleep(1000); // an asynchronous start would have shown by now
        assertEquals(before, indexRuns(), "no rebuild below the share");

        given().delete("/api/products/" + ids.get(2)).then().statusCode(204); // 3 of 10: past the share
        long deadline = System.currentTimeMillis() + 60_000;
        while (indexRuns() == before || status().getInt("annTombstones") != 0) {
            assertTrue(System.currentTimeMillis() < deadline, "no background rebuild: " + status().prettify());
            Thread.sleep(200);
        }
        JsonPath status = status();
        assertEquals(7, status.getInt("size"));
        List<Long> found = given().multiPart("image", "q.png", TestImages.png(9301), "image/png")
                .queryParam("mode", "ann").queryParam("k", 10).post("/api/search").then().statusCode(200)
                .extract().jsonPath().getList("results.productId", Long.class);
        assertFalse(found.contains(ids.get(1)), "a deleted product is not found after the rebuild");
    }

    private static JsonPath status() {
        return given().get("/api/index/status").then().statusCode(200).extract().jsonPath();
    }

    private static int indexRuns() {
        return given().get("/api/pipeline/runs?limit=50").jsonPath().getList("findAll { it.job == 'index' }").size();
    }
}
