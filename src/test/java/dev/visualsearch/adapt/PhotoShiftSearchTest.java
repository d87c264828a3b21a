package dev.visualsearch.adapt;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visualsearch.support.ApiFixtures;
import dev.visualsearch.support.Fixtures;
import dev.visualsearch.support.TestImages;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The photo shift end to end, with salient framing on the real IS-Net: the adapt job learns it from the busy photos
 * of the pool folder (a plain-background file there is not a photo and is left out, an unreadable one is skipped
 * and named), a busy query photo is searched through it and says so, a catalogue-like query is not, the same pool
 * gives the same shift again, and a change to the pool's files makes the job due.
 */
@QuarkusTest
@TestProfile(PhotoShiftSearchTest.SalientWithPhotoPool.class)
class PhotoShiftSearchTest {

    private static final Pattern SHIFT = Pattern.compile("photo shift (shift-a1\\.0-n(\\d+)-\\w+) from (\\d+) busy");

    @Inject
    AdaptJob job;

    @Inject
    DataSource dataSource;

    /** {@link AdaptJobTest.SmallCatalogue} with salient framing on IS-Net and a pool of three busy photos. */
    public static class SalientWithPhotoPool extends AdaptJobTest.SmallCatalogue {
        static final Path DIR = Path.of("target/test-data/photo-shift-" + java.util.UUID.randomUUID());
        static final Path POOL = DIR.resolve("photo-pool");

        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Files.createDirectories(POOL);
                for (int i = 0; i < 3; i++) {
                    Files.write(POOL.resolve("photo-" + i + ".jpg"), busyPhoto(9500 + i));
                }
                Files.write(POOL.resolve("catalogue-shot.png"), AdaptJobTest.shot(9590));
                Files.write(POOL.resolve("notes.txt"), "not a picture".getBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("app.index.dir", DIR.resolve("index").toString());
            overrides.put("app.embedding.framing", "salient");
            overrides.put("app.embedding.salient.archive", Fixtures.salientTarball().toString());
            overrides.put("app.adapt.photo-pool", POOL.toString());
            overrides.put("app.adapt.photo-pool-min", "2");
            return overrides;
        }
    }

    /** A coloured shape on seeded noise, as a photo on a busy background. */
    static byte[] busyPhoto(long seed) {
        BufferedImage image = TestImages.noise(seed, 200, 160);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color((int) (seed * 2654435761L) & 0xFFFFFF));
        g.fillOval(60, 40, 80, 80);
        g.dispose();
        return TestImages.encode(image, "jpg");
    }

    private static JsonPath search(byte[] image) {
        return given().multiPart("image", "q.jpg", image, "image/jpeg").multiPart("k", "3")
                .post("/api/search").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void busyPhotosAreSearchedThroughTheShiftLearnedFromThePool() throws Exception {
        ApiFixtures.awaitIndexReady();
        for (int i = 0; i < 14; i++) {
            ApiFixtures.createProduct(AdaptJobTest.shot(9400 + i), "Shape " + i, i % 2 == 0 ? "Round" : "Square");
        }
        assertNull(search(busyPhoto(9501)).getString("photoShift"), "no shift before the adapt job");

        JsonPath run = AdaptJobTest.adapt();

        assertEquals("succeeded", run.getString("status"), run.prettify());
        String message = run.getString("message");
        Matcher learned = SHIFT.matcher(message);
        assertTrue(learned.find(), message);
        String shift = learned.group(1);
        assertEquals("3", learned.group(2), "the three busy photos, not the catalogue-like shot");
        assertTrue(message.contains("1 pool file(s) unreadable: notes.txt"), message);
        assertEquals(Optional.empty(), job.due());

        JsonPath photo = search(busyPhoto(9600));
        assertEquals(shift, photo.getString("photoShift"), photo.prettify());
        JsonPath again = search(busyPhoto(9600));
        assertEquals("hit", again.getString("embedCache"));
        assertEquals(shift, again.getString("photoShift"), "a cached vector is shifted too");
        assertEquals(photo.getList("results.productId"), again.getList("results.productId"));
        JsonPath catalogueLike = search(AdaptJobTest.shot(9400));
        assertNull(catalogueLike.getString("photoShift"), catalogueLike.prettify());
        assertFalse(catalogueLike.getList("results").isEmpty());
        assertEquals(Optional.of(shift), loggedShift(photo.getString("queryId")), "the search log names the shift");
        assertEquals(Optional.empty(), loggedShift(catalogueLike.getString("queryId")));

        // The query photo's own map explains the score the search ranked by, the shifted one, in every method.
        long top = photo.getLong("results[0].productId");
        for (String method : new String[] {"gradcam", "simmap"}) {
            JsonPath queryMap = explain(photo.getString("queryId"), top, "query", method);
            assertTrue(queryMap.getString("target").endsWith("after the photo shift " + shift), queryMap.prettify());
            assertTrue(queryMap.getList("values").stream().anyMatch(v -> ((Number) v).doubleValue() > 0),
                    method + " draws some heat");
        }
        JsonPath productMap = explain(photo.getString("queryId"), top, "result", "gradcam");
        assertFalse(productMap.getString("target").contains("photo shift"), "the product's map is not shifted");

        JsonPath relearned = AdaptJobTest.adapt();
        assertEquals("succeeded", relearned.getString("status"), relearned.prettify());
        Matcher second = SHIFT.matcher(relearned.getString("message"));
        assertTrue(second.find(), relearned.getString("message"));
        assertEquals(shift, second.group(1), "same catalogue, same pool: the same shift");

        Files.write(SalientWithPhotoPool.POOL.resolve("photo-3.jpg"), busyPhoto(9503));
        String due = job.due().orElseThrow();
        assertTrue(due.contains("photo pool"), due);
    }

    private static JsonPath explain(String queryId, long productId, String side, String method) {
        return given().queryParam("view", "json").queryParam("side", side).queryParam("method", method)
                .get("/api/explain/" + queryId + "/" + productId).then().statusCode(200).extract().jsonPath();
    }

    /** The photo_shift column of a search's search_log row, once the asynchronous writer has stored it. */
    private Optional<String> loggedShift(String queryId) throws Exception {
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline) {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement statement = connection.prepareStatement(
                         "select photo_shift from search_log where query_id = ?::uuid")) {
                statement.setString(1, queryId);
                try (ResultSet row = statement.executeQuery()) {
                    if (row.next()) {
                        return Optional.ofNullable(row.getString(1));
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("search " + queryId + " was never logged");
    }
}
