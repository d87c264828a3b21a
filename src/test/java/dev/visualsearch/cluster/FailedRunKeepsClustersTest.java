package dev.visualsearch.cluster;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visualsearch.support.ApiFixtures;
import dev.visualsearch.support.PipelineRuns;
import dev.visualsearch.support.TestImages;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A clustering run that fails leaves the previous good clusters serving. */
@QuarkusTest
@TestProfile(FreshCatalogueProfile.class)
class FailedRunKeepsClustersTest {

    @Test
    void theLastGoodClustersKeepServingAfterAFailedRun() {
        ApiFixtures.awaitIndexReady();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ids.add(ApiFixtures.createProduct(TestImages.png(7700 + i), "Item " + i, "Cat " + (i % 2)));
        }
        PipelineRuns.run("cluster");
        List<Integer> before = given().get("/api/clusters").then().statusCode(200).extract().jsonPath()
                .getList("id", Integer.class);
        assertFalse(before.isEmpty());

        for (long id : ids.subList(1, ids.size())) {
            given().delete("/api/products/" + id).then().statusCode(204);
        }
        JsonPath failed = PipelineRuns.await(UUID.fromString(PipelineRuns.start("cluster")));
        assertEquals("failed", failed.getString("status"));
        assertTrue(failed.getString("error").contains("at least 2"), failed.getString("error"));

        List<Integer> after = given().get("/api/clusters").then().statusCode(200).extract().jsonPath()
                .getList("id", Integer.class);
        assertEquals(before, after, "the previous clusters still serve");
    }
}
