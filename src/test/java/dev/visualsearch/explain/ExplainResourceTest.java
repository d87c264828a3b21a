package dev.visualsearch.explain;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visualsearch.support.TestImages;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ExplainResourceTest {

    private static long productA;
    private static long productB;
    private static String queryId;

    @BeforeEach
    void catalogueAndSearch() {
        if (queryId != null) {
            return;
        }
        // Fresh pictures every run: the cache under target/test-data outlives a run (as it should), and a first
        // request must be a miss.
        long seed = System.nanoTime();
        productA = create(TestImages.encode(TestImages.pattern(seed, 160, 120, BufferedImage.TYPE_INT_RGB), "png"),
                "Explain A");
        productB = create(TestImages.encode(TestImages.pattern(seed + 1, 120, 160, BufferedImage.TYPE_INT_RGB), "png"),
                "Explain B");
        byte[] query = TestImages.encode(TestImages.pattern(seed + 2, 200, 100, BufferedImage.TYPE_INT_RGB), "png");
        queryId = given().multiPart("image", "q.png", query, "image/png").multiPart("k", "100")
                .when().post("/api/search").then().statusCode(200).extract().jsonPath().getString("queryId");
    }

    @Test
    void overlayIsAPngOfTheProductImageSizeThenCached() throws Exception {
        String url = "/api/explain/" + queryId + "/" + productB;
        byte[] first = given().get(url).then().statusCode(200).contentType("image/png")
                .header("X-Cache", "miss").extract().asByteArray();
        byte[] second = given().get(url).then().statusCode(200).contentType("image/png")
                .header("X-Cache", "hit").extract().asByteArray();
        assertArrayEquals(first, second);
        BufferedImage overlay = ImageIO.read(new ByteArrayInputStream(first));
        assertEquals(120, overlay.getWidth());
        assertEquals(160, overlay.getHeight());
    }

    @Test
    void querySideAndHeatmapViewDrawOnTheQueryImage() throws Exception {
        byte[] png = given().queryParam("side", "query").queryParam("view", "heatmap")
                .get("/api/explain/" + queryId + "/" + productA).then().statusCode(200)
                .contentType("image/png").extract().asByteArray();
        BufferedImage heatmap = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(200, heatmap.getWidth());
        assertEquals(100, heatmap.getHeight());
    }

    @Test
    void jsonViewIsTheNormalisedGridAndDeterministic() {
        String url = "/api/explain/" + queryId + "/" + productA + "?view=json";
        JsonPath grid = given().get(url).then().statusCode(200).contentType(startsWith("application/json"))
                .body("method", equalTo("gradcam")).body("layer", equalTo("mixed5+mixed6"))
                .body("width", equalTo(17)).body("height", equalTo(17))
                .extract().jsonPath();
        List<Float> values = grid.getList("values", Float.class);
        assertEquals(17 * 17, values.size());
        assertTrue(values.stream().allMatch(v -> v >= 0 && v <= 1), "values in [0,1]");
        assertEquals(1.0f, values.stream().max(Float::compare).orElseThrow(), 1e-6f);
        assertTrue(grid.getFloat("max") > 0);

        // A fresh computation by another method of the same maths gives the same grid.
        List<Float> autograd = given().queryParam("method", "gradcam-autograd").get(url).then().statusCode(200)
                .body("method", equalTo("gradcam-autograd")).extract().jsonPath().getList("values", Float.class);
        for (int i = 0; i < values.size(); i++) {
            assertEquals(values.get(i), autograd.get(i), 1e-3f, "cell " + i);
        }
        List<Float> again = given().get(url).then().statusCode(200).header("X-Cache", "hit")
                .extract().jsonPath().getList("values", Float.class);
        assertEquals(values, again);
    }

    @Test
    void productToProductAndTheGradientFreeMethod() {
        given().get("/api/products/" + productA + "/explain/" + productB).then().statusCode(200)
                .contentType("image/png");
        given().queryParam("view", "json").queryParam("method", "occlusion")
                .get("/api/products/" + productA + "/explain/" + productB).then().statusCode(200)
                .body("method", equalTo("occlusion")).body("width", equalTo(8));
        for (String method : List.of("scorecam", "simmap")) {
            given().queryParam("view", "json").queryParam("method", method)
                    .get("/api/products/" + productA + "/explain/" + productB).then().statusCode(200)
                    .body("method", equalTo(method)).body("width", equalTo(17)).body("height", equalTo(17));
        }
    }

    @Test
    void unknownQueriesProductsAndParametersAreProblems() {
        given().get("/api/explain/" + UUID.randomUUID() + "/" + productA).then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
        given().get("/api/explain/not-a-uuid/" + productA).then().statusCode(404)
                .contentType("application/problem+json");
        given().get("/api/explain/" + queryId + "/987654321").then().statusCode(404)
                .contentType("application/problem+json");
        given().get("/api/products/987654321/explain/" + productA).then().statusCode(404)
                .contentType("application/problem+json");
        given().queryParam("method", "lime").get("/api/explain/" + queryId + "/" + productA).then()
                .statusCode(400).contentType("application/problem+json");
        given().queryParam("view", "svg").get("/api/explain/" + queryId + "/" + productA).then()
                .statusCode(400).contentType("application/problem+json");
    }

    private static long create(byte[] image, String title) {
        return given().multiPart("image", "p.png", image, "image/png").multiPart("title", title)
                .multiPart("category", "Explain").when().post("/api/products")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }
}
