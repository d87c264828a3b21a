package dev.visualsearch.adapt;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visualsearch.common.database.BlockingDatabase;
import dev.visualsearch.embedding.EmbeddingRepository.StoredVector;
import dev.visualsearch.embedding.EmbeddingService;
import dev.visualsearch.index.whitening.PairWhitening;
import dev.visualsearch.index.whitening.SearchSpaces;
import dev.visualsearch.pipeline.PipelineSchedule;
import dev.visualsearch.support.ApiFixtures;
import dev.visualsearch.support.TestImages;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The adapt job on a small catalogue of products shot on white, with the real default model: it learns a head from
 * altered views, the index is rebuilt in the head's space (its id is part of the space id every vector and index
 * records), the service's own pipeline run learns it when none exists, and the same catalogue gives the same head
 * twice.
 */
@QuarkusTest
@TestProfile(AdaptJobTest.SmallCatalogue.class)
class AdaptJobTest {

    @Inject
    AdaptJob job;

    @Inject
    PipelineSchedule schedule;

    @Inject
    EmbeddingService embeddings;

    @Inject
    SearchSpaces spaces;

    /**
     * A fresh service and database with its own, new index folder (a head saved by an earlier run would make the
     * job look done); whitening from 10 products, 2 views each.
     */
    public static class SmallCatalogue implements QuarkusTestProfile {
        private static final String DIR = "target/test-data/adapt-index-" + java.util.UUID.randomUUID();

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("app.index.dir", DIR,
                    "app.adapt.auto", "true",
                    "app.index.whitening.min-vectors", "10",
                    "app.adapt.views", "2",
                    "app.adapt.max-products", "12");
        }
    }

    static final Pattern HEAD = Pattern.compile("Learned the head (lw\\S+) from (\\d+) altered views of (\\d+) products");

    /** A coloured shape on white, as a catalogue shot. */
    static byte[] shot(long seed) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(160, 160, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 160, 160);
        for (int i = 0; i < 3; i++) {
            g.setColor(new Color(random.nextInt(0xFFFFFF)));
            int x = 30 + random.nextInt(40);
            int y = 30 + random.nextInt(40);
            if (random.nextBoolean()) {
                g.fillOval(x, y, 30 + random.nextInt(50), 30 + random.nextInt(50));
            } else {
                g.fillRect(x, y, 30 + random.nextInt(50), 30 + random.nextInt(50));
            }
        }
        g.dispose();
        return TestImages.encode(image, "png");
    }

    static JsonPath adapt() {
        String runId = given().contentType("application/json").body("{\"job\":\"adapt\"}")
                .post("/api/pipeline/runs").then().statusCode(202).extract().jsonPath().getString("runId");
        return ApiFixtures.awaitRun(runId);
    }

    @Test
    void theAdaptJobLearnsAHeadTheIndexSearchesInAndLearnsTheSameOneAgain() {
        ApiFixtures.awaitIndexReady();
        assertEquals(Optional.empty(), job.due(), "an empty catalogue needs no head");
        String before = given().get("/api/index/status").then().statusCode(200).extract().jsonPath()
                .getString("whitening");
        // Too small a catalogue is refused with a reason, and nothing changes.
        JsonPath tooSmall = adapt();
        assertEquals("failed", tooSmall.getString("status"), tooSmall.prettify());
        assertTrue(tooSmall.getString("error").contains("at least 10 embedded products"), tooSmall.prettify());

        long first = 0;
        for (int i = 0; i < 14; i++) {
            long id = ApiFixtures.createProduct(shot(9100 + i), "Shape " + i, i % 2 == 0 ? "Round" : "Square");
            first = first == 0 ? id : first;
        }
        // No head for the model yet: the schedule's tick sees it as a change, and its run learns the head last.
        assertTrue(job.due().orElseThrow().contains("no adapt head"), job.due().toString());
        PipelineSchedule.Decision tick = BlockingDatabase.await(schedule::tick);
        assertTrue(tick.started() && tick.reason().contains("adapt due"), tick.toString());
        JsonPath run = ApiFixtures.awaitRun(tick.runId().toString());
        assertEquals("succeeded", run.getString("status"), run.prettify());
        assertEquals(Optional.empty(), job.due(), "a head for this catalogue exists now");
        Matcher learned = HEAD.matcher(run.getString("message"));
        assertTrue(learned.find(), run.getString("message"));
        assertEquals("24", learned.group(2), "2 views of each of the 12 sampled products");
        assertEquals("12", learned.group(3));
        String head = learned.group(1);
        assertTrue(run.getString("message").contains("index rebuilt in its space with 14 vectors"), run.prettify());

        JsonPath status = given().get("/api/index/status").then().statusCode(200).extract().jsonPath();
        assertEquals(head, status.getString("whitening"));
        assertNotEquals(before, head);
        JsonPath embedded = given().multiPart("image", "q.png", shot(9100), "image/png").post("/api/embed")
                .then().statusCode(200).extract().jsonPath();
        assertTrue(embedded.getString("space").endsWith("|" + head), embedded.getString("space"));
        // The product's own picture finds it first in the head's space.
        JsonPath found = given().multiPart("image", "q.png", shot(9100), "image/png").multiPart("k", "3")
                .post("/api/search").then().statusCode(200).extract().jsonPath();
        assertEquals(first, found.getLong("results[0].productId"), found.prettify());

        // A head learned from another recipe's views (the photo-like ones salient framing draws) is due again
        // under this instance's object framing; the run below learns this framing's head back.
        List<float[]> vectors = BlockingDatabase.await(embeddings::storedVectors).stream()
                .map(StoredVector::vector).toList();
        List<float[]> shifted = new ArrayList<>(vectors.subList(1, vectors.size()));
        shifted.add(vectors.get(0));
        spaces.adopt(embeddings.model().id(), PairWhitening.learn(vectors, vectors, shifted, 64, 1.0, 7, "photo"));
        assertTrue(job.due().orElseThrow().contains("learned from other views than this framing's (lw)"),
                job.due().toString());

        // Deterministic: the same catalogue and seed give the same views and so the same head.
        JsonPath again = adapt();
        assertEquals("succeeded", again.getString("status"), again.prettify());
        Matcher relearned = HEAD.matcher(again.getString("message"));
        assertTrue(relearned.find(), again.getString("message"));
        assertEquals(head, relearned.group(1));
        assertEquals(Optional.empty(), job.due(), "the head of this framing's views is back");
    }
}
