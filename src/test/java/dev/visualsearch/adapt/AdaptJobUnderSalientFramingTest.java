package dev.visualsearch.adapt;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visualsearch.index.whitening.PairWhitening;
import dev.visualsearch.support.ApiFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/**
 * The adapt job when salient framing is on: it learns its head from the photo-like views (kind {@code lw-photo}),
 * and frames those views without the salient-object mask. The mask here is a file that cannot load, so any view
 * that asked for it would fail the job with a 503; catalogue shots on white never ask for it either.
 */
@QuarkusTest
@TestProfile(AdaptJobUnderSalientFramingTest.SalientSmallCatalogue.class)
class AdaptJobUnderSalientFramingTest {

    @Inject
    AdaptJob job;

    /**
     * {@link AdaptJobTest.SmallCatalogue} in an index folder of its own, with salient framing on and a mask model that
     * cannot load.
     */
    public static class SalientSmallCatalogue extends AdaptJobTest.SmallCatalogue {
        private static final Path DIR = Path.of("target/test-data/adapt-salient-" + java.util.UUID.randomUUID());

        @Override
        public Map<String, String> getConfigOverrides() {
            Path unloadable = DIR.resolve("isnet.onnx");
            try {
                Files.createDirectories(DIR);
                Files.write(unloadable, new byte[] {1, 2, 3});
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("app.index.dir", DIR.resolve("index").toString());
            overrides.put("app.embedding.framing", "salient");
            overrides.put("app.embedding.salient.archive", unloadable.toString());
            return overrides;
        }
    }

    @Test
    void learnsItsHeadFromPhotoLikeViewsWithoutRunningTheMask() {
        ApiFixtures.awaitIndexReady();
        for (int i = 0; i < 14; i++) {
            ApiFixtures.createProduct(AdaptJobTest.shot(9300 + i), "Shape " + i, i % 2 == 0 ? "Round" : "Square");
        }
        assertTrue(job.due().orElseThrow().contains("no adapt head"), job.due().toString());

        JsonPath run = AdaptJobTest.adapt();

        assertEquals("succeeded", run.getString("status"), run.prettify());
        Matcher learned = AdaptJobTest.HEAD.matcher(run.getString("message"));
        assertTrue(learned.find(), run.getString("message"));
        String head = learned.group(1);
        assertTrue(head.startsWith(PairWhitening.kind("photo")), "a head of the photo-like views: " + head);
        assertEquals("24", learned.group(2), "2 views of each of the 12 sampled products");
        assertEquals(Optional.empty(), job.due(), "this framing's head (lw-photo) is the one in place");
        JsonPath status = given().get("/api/index/status").then().statusCode(200).extract().jsonPath();
        assertEquals(head, status.getString("whitening"));
    }
}
