package dev.visualsearch.cluster;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visualsearch.index.IndexService;
import dev.visualsearch.support.PipelineRuns;
import dev.visualsearch.support.TestImages;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The cluster job on a small catalogue made here, the clusters API and cluster-first search. */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterPipelineTest {

    @Inject
    ClusterService clusters;

    @Inject
    IndexService indexes;

    /** Created once, before the first test (a static @BeforeAll would run before the test HTTP port is known). */
    private static boolean created;

    @BeforeEach
    void catalogue() {
        if (created) {
            return;
        }
        created = true;
        String[] kinds = {"Lamp", "Chair", "Mug"};
        for (int i = 0; i < 18; i++) {
            given().multiPart("image", "p.png", TestImages.png(9100 + i), "image/png")
                    .multiPart("title", "Cluster test " + kinds[i % 3].toLowerCase() + " " + i)
                    .multiPart("category", "Cluster" + kinds[i % 3])
                    .post("/api/products").then().statusCode(201);
        }
    }

    @Test
    @Order(1)
    void clusterJobAssignsEveryEmbeddedProductAndRecordsProvenance() {
        JsonPath run = PipelineRuns.run("cluster");
        assertTrue(run.getString("message").startsWith("Clustered"), run.getString("message"));

        List<Map<String, Object>> list = given().get("/api/clusters").then().statusCode(200)
                .extract().jsonPath().getList("$");
        int k = list.size();
        assertTrue(k >= 3 && k <= 5, "k within app.cluster.k-min..k-max of the test profile: " + k);
        int total = given().queryParam("size", 200).get("/api/products").then().statusCode(200)
                .body("items.clusterId", everyItem(notNullValue())).extract().jsonPath().getInt("total");
        assertEquals(total, list.stream().mapToInt(c -> (Integer) c.get("size")).sum());

        for (Map<String, Object> cluster : list) {
            int id = (Integer) cluster.get("id");
            assertFalse(((String) cluster.get("label")).isBlank());
            JsonPath members = given().queryParam("size", 200).get("/api/clusters/" + id + "/products").then()
                    .statusCode(200).body("items.clusterId", everyItem(equalTo(id)))
                    .body("total", equalTo(cluster.get("size"))).extract().jsonPath();
            Set<Integer> ids = new HashSet<>(members.getList("items.id", Integer.class));
            @SuppressWarnings("unchecked")
            List<Integer> representatives = (List<Integer>) cluster.get("representativeProductIds");
            assertFalse(representatives.isEmpty());
            assertTrue(ids.containsAll(representatives), "representatives are members of cluster " + id);
        }
        given().get("/api/clusters/999/products").then().statusCode(404).contentType("application/problem+json");

        JsonPath runs = given().get("/api/clusters/runs").then().statusCode(200).extract().jsonPath();
        assertTrue(runs.getBoolean("[0].active"));
        assertEquals(42, runs.getLong("[0].seed"));
        assertEquals(k, runs.getInt("[0].k"));
        assertTrue(runs.getString("[0].criterion").contains("silhouette"));
        assertTrue(String.valueOf(runs.getString("[0].provenance.tribuo")).contains("KMeansTrainer"),
                runs.prettify());
        assertEquals(total, runs.getInt("[0].vectors"));
    }

    @Test
    @Order(2)
    void clusterModeSearchesOnlyTheNearestClustersMembers() {
        // the query image is a catalogue image, so the query vector is that product's stored vector
        long productId = given().queryParam("category", "ClusterMug").get("/api/products").then().statusCode(200)
                .extract().jsonPath().getLong("items[0].id");
        byte[] image = given().get("/api/products/" + productId + "/image").then().statusCode(200).extract()
                .asByteArray();
        float[] vector = indexes.exact().vector(productId).orElseThrow();
        int k = 3;
        ActiveClusters.Selection selection = clusters.candidatesNear(vector, k, null).orElseThrow();
        assertTrue(selection.clusters().size() < clusters.active().orElseThrow().size(),
                "the selection is a strict subset of the clusters: " + selection.clusters());

        JsonPath response = given().multiPart("image", "q.png", image, "image/png").multiPart("mode", "cluster")
                .multiPart("k", String.valueOf(k)).post("/api/search").then().statusCode(200)
                .body("mode", equalTo("cluster")).extract().jsonPath();
        List<Long> results = response.getList("results.productId", Long.class);
        assertEquals(productId, results.get(0), "the product itself is the best match");
        for (long id : results) {
            assertTrue(selection.candidates().contains(id), id + " is a member of the nearest clusters "
                    + selection.clusters());
        }

        // the category filter narrows the cluster members further
        given().multiPart("image", "q.png", image, "image/png").multiPart("mode", "cluster")
                .multiPart("category", "ClusterLamp").multiPart("k", "3").post("/api/search").then()
                .statusCode(200).body("mode", equalTo("cluster"))
                .body("results.category", everyItem(equalTo("ClusterLamp")));
    }

    @Test
    @Order(3)
    void newProductsJoinTheirNearestClusterWithoutANewRun() {
        long id = given().multiPart("image", "p.png", TestImages.png(9199), "image/png")
                .multiPart("title", "Late lamp").multiPart("category", "ClusterLamp")
                .post("/api/products").then().statusCode(201).extract().jsonPath().getLong("id");
        ActiveClusters active = clusters.active().orElseThrow();
        assertTrue(active.contains(id));
        int expected = active.nearest(indexes.exact().vector(id).orElseThrow());
        long deadline = System.currentTimeMillis() + 10_000;
        Integer stored = null;
        while (System.currentTimeMillis() < deadline && stored == null) { // the row is written in the background
            stored = given().get("/api/products/" + id).then().statusCode(200).extract().jsonPath()
                    .get("clusterId");
        }
        assertEquals(expected, stored);
    }
}
