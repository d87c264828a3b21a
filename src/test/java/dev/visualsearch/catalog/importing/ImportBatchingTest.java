package dev.visualsearch.catalog.importing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visualsearch.index.IndexService;
import dev.visualsearch.support.ApiFixtures;
import dev.visualsearch.support.TestImages;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Imports embed a batch of app.embedding.batch-size (8) images per forward pass, and every image gets its vector. */
@QuarkusTest
class ImportBatchingTest {

    @Inject
    AnnouncedBatches batches;

    @Inject
    DataSource dataSource;

    @Inject
    IndexService indexes;

    @Test
    void anImportOfElevenImagesIsEmbeddedAsBatchesOfEightAndThreeWithAVectorEach() throws Exception {
        ApiFixtures.awaitIndexReady();
        String category = "batched-" + UUID.randomUUID().toString().substring(0, 8);
        long seed = System.nanoTime();
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < 11; i++) {
            files.put(category + "/item-" + i + ".png", TestImages.encode(TestImages.pattern(seed + i, 80, 60,
                    BufferedImage.TYPE_INT_RGB), "png"));
        }
        JsonPath run = ApiFixtures.awaitRun(ImportResourceTest.startImport(ImportResourceTest.zip(files)));
        assertEquals("succeeded", run.getString("status"));
        assertTrue(run.getString("message").startsWith("Imported 11,"), run.getString("message"));

        assertEquals(List.of(8, 3), batches.sizes(category), "announced (and embedded) per batch");
        assertEquals(11, vectors(category), "one vector per image under the active model");
        // Searchable once the run has finished: each image finds its own product first.
        for (int i : new int[] {0, 7, 10}) {
            byte[] image = files.get(category + "/item-" + i + ".png");
            given().multiPart("image", "q.png", image, "image/png").multiPart("k", "1").multiPart("mode", "exact")
                    .post("/api/search").then().statusCode(200)
                    .body("results[0].title", equalTo("Item " + i))
                    .body("results[0].score", greaterThan(0.999f));
        }
    }

    private long vectors(String category) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("select count(*) from embedding e join product p "
                     + "on p.id = e.product_id where p.category = ? and e.model_id = ?")) {
            query.setString(1, category);
            query.setString(2, indexes.activeModelId());
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
