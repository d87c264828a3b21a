package dev.visualsearch.embedding;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.visualsearch.support.ApiFixtures;
import dev.visualsearch.support.TestImages;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A user's TorchScript model as the active model: products are embedded with it, vectors of other models never
 * reach the index, and products missing a vector for it make the index stale until the embed job catches up.
 */
@QuarkusTest
@TestProfile(TinyTorchScriptProfile.class)
class ModelChangeTest {

    @Inject
    DataSource dataSource;

    @BeforeEach
    void requireTheFixtureModel() {
        assumeTrue(Files.exists(Path.of(TinyTorchScriptProfile.MODEL)),
                "the tiny TorchScript fixture comes with ../shared; not found");
        ApiFixtures.awaitIndexReady();
    }

    private static String start(String job) {
        return given().contentType("application/json").body("{\"job\":\"" + job + "\"}")
                .post("/api/pipeline/runs").then().statusCode(202).extract().jsonPath().getString("runId");
    }

    @Test
    void productsAreEmbeddedAndSearchedWithTheConfiguredModel() {
        byte[] image = TestImages.png(9001);
        long id = ApiFixtures.createProduct(image, "Tiny", "Models");
        given().multiPart("image", "q.png", image).post("/api/embed").then().statusCode(200)
                .body("model", startsWith("torchscript:tiny-cnn@")).body("dim", equalTo(32));
        given().multiPart("image", "q.png", image).multiPart("k", "1").post("/api/search").then().statusCode(200)
                .body("model", startsWith("torchscript:tiny-cnn@"))
                .body("results[0].productId", equalTo((int) id));
        given().get("/api/index/status").then().body("dim", equalTo(32));
    }

    @Test
    void missingVectorsMakeTheIndexStaleUntilTheEmbedJobRuns() throws Exception {
        long id = ApiFixtures.createProduct(TestImages.png(9002), "Tiny 2", "Models");
        execute("delete from embedding where product_id = " + id);
        given().get("/api/index/status").then().body("stale", equalTo(true)).body("pendingEmbeddings", equalTo(1));
        JsonPath run = ApiFixtures.awaitRun(start("embed"));
        assertEquals("Embedded 1 product(s)", run.getString("message"));
        given().get("/api/index/status").then().body("stale", equalTo(false));
    }

    @Test
    void vectorsOfAnotherModelNeverReachTheIndex() throws Exception {
        long id = ApiFixtures.createProduct(TestImages.png(9003), "Tiny 3", "Models");
        execute("insert into embedding (product_id, model_id, dim, vector) values (" + id
                + ", 'some-other-model', 1, '\\x0000803f'::bytea)");
        int size = given().get("/api/index/status").then().extract().jsonPath().getInt("size");
        JsonPath run = ApiFixtures.awaitRun(start("index"));
        assertEquals("Index rebuilt with " + size + " vectors", run.getString("message"));
        given().get("/api/index/status").then().body("size", equalTo(size)).body("dim", equalTo(32));
    }

    private void execute(String sql) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.executeUpdate();
        }
    }
}
