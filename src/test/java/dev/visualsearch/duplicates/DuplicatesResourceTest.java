package dev.visualsearch.duplicates;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visualsearch.support.ApiFixtures;
import dev.visualsearch.support.TestDecoders;
import dev.visualsearch.support.TestImages;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Near-duplicates end to end: a re-encoded, slightly resized copy of a product's image is warned about on upload and
 * import (and still added), and reported as a pair above the default threshold; products that merely share a
 * category are not.
 */
@QuarkusTest
class DuplicatesResourceTest {

    @Inject
    DefaultThreshold threshold;

    /** Uploaded once for the class: identical bytes a second time would be refused with 409. */
    private static String category;
    private static long original;
    private static List<Long> unrelated;

    @BeforeEach
    void catalogue() throws IOException {
        ApiFixtures.awaitIndexReady();
        if (category != null) {
            return;
        }
        category = "Dups-" + UUID.randomUUID().toString().substring(0, 8);
        original = ApiFixtures.createProduct(png(picture("1f45f")), "Original", category);
        unrelated = List.of(
                ApiFixtures.createProduct(png(picture("1f3b8")), "Guitar", category),
                ApiFixtures.createProduct(png(picture("1f697")), "Red Car", category),
                ApiFixtures.createProduct(png(picture("1f4a1")), "Light Bulb", category));
    }

    /** A sample product's picture as the service decodes it (on white), to upload as a PNG of our own. */
    private static BufferedImage picture(String code) throws IOException {
        return TestDecoders.lenient().decode(Files.readAllBytes(Path.of("data/sample/images", code + ".webp"))).rgb();
    }

    private static byte[] png(BufferedImage image) {
        return TestImages.encode(image, "png");
    }

    /**
     * The original's picture scaled to {@code scale} (a little under 1) and saved as JPEG: other bytes (no 409), the
     * same item to a person. Each test uses its own scale, so that no two copies are identical files either.
     */
    private static byte[] alteredCopy(float scale) throws IOException {
        BufferedImage source = picture("1f45f");
        int w = Math.round(source.getWidth() * scale);
        int h = Math.round(source.getHeight() * scale);
        BufferedImage scaled = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(source, 0, 0, w, h, null);
        g.dispose();
        return TestImages.encode(scaled, "jpeg");
    }

    private JsonPath upload(byte[] image, String title) {
        return given().multiPart("image", "copy.jpg", image, "image/jpeg").multiPart("title", title)
                .multiPart("category", category)
                .when().post("/api/products").then().statusCode(201).extract().jsonPath();
    }

    private static JsonPath report(String threshold) {
        var request = given();
        if (threshold != null) {
            request.queryParam("threshold", threshold);
        }
        return request.get("/api/products/duplicates").then().statusCode(200).extract().jsonPath();
    }

    /** The report's score of the pair {x, y}, or -1 when it does not list it. */
    private static float scoreOf(JsonPath report, long x, long y) {
        List<Map<String, Number>> pairs = report.getList("pairs");
        for (Map<String, Number> pair : pairs) {
            long a = pair.get("a").longValue();
            long b = pair.get("b").longValue();
            if (a == Math.min(x, y) && b == Math.max(x, y)) {
                return pair.get("score").floatValue();
            }
        }
        return -1;
    }

    @Test
    void anUploadedAlteredCopyIsWarnedAboutAndStillAdded() throws IOException {
        JsonPath created = upload(alteredCopy(0.96f), "Copy");

        long copy = created.getLong("id");
        assertEquals("Copy", created.getString("title"), "the 201 body is still the Product");
        List<Map<String, Object>> warned = created.getList("nearDuplicates");
        assertEquals(1, warned.stream().filter(w -> ((Number) w.get("productId")).longValue() == original).count(),
                "the copy is warned about its original: " + warned);
        Map<String, Object> warning = warned.stream()
                .filter(w -> ((Number) w.get("productId")).longValue() == original).findFirst().orElseThrow();
        assertEquals("Original", warning.get("title"));
        assertEquals("/api/products/" + original + "/thumbnail", warning.get("thumbnailUrl"));
        assertTrue(((Number) warning.get("score")).doubleValue() >= threshold.now());
        assertTrue(warned.stream().noneMatch(w -> unrelated.contains(((Number) w.get("productId")).longValue())),
                "unrelated products of the same category are not warned about: " + warned);
        given().get("/api/products/" + copy).then().statusCode(200).body("title", equalTo("Copy"));

        JsonPath fresh = upload(TestImages.encode(picture("1f34b"), "jpeg"), "Lemon");
        assertEquals(List.of(), fresh.getList("nearDuplicates").stream()
                .filter(w -> Set.of(original, copy).contains(((Number) ((Map<?, ?>) w).get("productId"))
                        .longValue())).toList(), "an unrelated upload is not warned about our pair");
    }

    @Test
    void theReportListsTheCopyAboveTheDefaultThresholdAndNotTheUnrelatedProducts() throws IOException {
        long copy = upload(alteredCopy(0.95f), "Copy").getLong("id");

        JsonPath report = report(null);

        assertEquals(threshold.now(), report.getDouble("threshold"), 1e-9, "the default threshold is echoed");
        float score = scoreOf(report, original, copy);
        assertTrue(score >= threshold.now(), "the altered copy is a pair above the threshold: " + score);
        assertTrue(score < 1, "but not identical: " + score);
        List<Long> ours = new java.util.ArrayList<>(unrelated);
        ours.add(original);
        ours.add(copy);
        for (long x : ours) {
            for (long y : ours) {
                if (x < y && !(Set.of(x, y).equals(Set.of(original, copy)))) {
                    assertEquals(-1f, scoreOf(report, x, y), "unrelated pair " + x + "-" + y + " listed");
                }
            }
        }
        List<Map<String, Object>> products = report.getList("products");
        assertTrue(products.stream().anyMatch(p -> ((Number) p.get("id")).longValue() == copy
                && "Copy".equals(p.get("title"))
                && ("/api/products/" + copy + "/image").equals(p.get("imageUrl"))), "the pair's products are named");
        assertTrue(report.getInt("indexed") >= 5);
        assertTrue(report.getInt("total") >= report.getList("pairs").size());

        assertEquals(-1f, scoreOf(report("1"), original, copy), "a threshold above the pair's score drops it");
        float lower = scoreOf(report(String.valueOf(Math.max(0.01, score - 0.05))), original, copy);
        assertEquals(score, lower, 1e-6, "the same pair at a lower threshold, same score");

        given().delete("/api/products/" + copy).then().statusCode(204);
        assertEquals(-1f, scoreOf(report(null), original, copy), "a deleted product's pair goes with it");
    }

    @Test
    void theOpenApiDocumentDescribesTheReportAndTheUploadWarning() {
        JsonPath openApi = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract()
                .jsonPath();
        assertTrue(openApi.getMap("paths").containsKey("/api/products/duplicates"));
        Map<String, Object> schemas = openApi.getMap("components.schemas");
        Map<?, ?> report = (Map<?, ?>) ((Map<?, ?>) schemas.get("DuplicatesReport")).get("properties");
        assertTrue(report.keySet().containsAll(Set.of("threshold", "pairs", "products", "space", "stale")), "" + report);
        Map<?, ?> created = (Map<?, ?>) ((Map<?, ?>) schemas.get("CreatedProduct")).get("properties");
        assertTrue(created.keySet().containsAll(Set.of("id", "title", "thumbnailUrl", "nearDuplicates")),
                "the 201 body is the Product's fields plus nearDuplicates: " + created);
    }

    @Test
    void aThresholdThatIsNotANumberInZeroToOneIsA400Problem() {
        for (String bad : List.of("abc", "0", "-0.2", "1.01", "NaN", "Infinity")) {
            given().queryParam("threshold", bad).get("/api/products/duplicates").then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("status", equalTo(400))
                    .body("detail", containsString("threshold"));
        }
    }

    @Test
    void anImportReportsTheNearDuplicatesItBroughtInTheRunMessage() throws IOException {
        String runId = given().multiPart("archive", "dups.zip", zip(Map.of(
                        "copy-of-original.jpg", alteredCopy(0.94f),
                        "something-else.png", png(picture("1f4bc")))), "application/zip")
                .when().post("/api/products/import").then().statusCode(202).extract().jsonPath().getString("runId");

        JsonPath run = ApiFixtures.awaitRun(runId);

        assertEquals("succeeded", run.getString("status"));
        String message = run.getString("message");
        assertTrue(message.startsWith("Imported 2"), "both files are imported: " + message);
        assertTrue(message.contains("Near-duplicates (imported anyway"), message);
        assertTrue(message.contains("copy-of-original.jpg (#") && message.contains("looks like product #" + original),
                message);
        assertFalse(message.contains("something-else.png (#"), "the unrelated file is not listed: " + message);
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
