package dev.visualsearch.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visualsearch.support.ApiFixtures;
import dev.visualsearch.support.TestImages;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The hostile corpus sent to every route that takes an image (create product, search, embed) and, zipped, to the
 * import: every answer is a 4xx problem+json without exception text, never a 5xx, and the catalogue is unchanged.
 * Also: a large but valid image is accepted, and cross-origin requests get no CORS grant. (Zip-slip names are in
 * ImportResourceTest.)
 */
@QuarkusTest
class HostileUploadsTest {

    private static Map<String, byte[]> corpus() throws Exception {
        byte[] png = TestImages.png(4242);
        byte[] jpeg = TestImages.jpeg(4243);
        byte[] random = new byte[5000];
        new Random(3).nextBytes(random);
        Map<String, byte[]> corpus = new LinkedHashMap<>();
        corpus.put("empty.png", new byte[0]);
        corpus.put("random.png", random);
        corpus.put("text-as.jpg", "GIF89a but really text".getBytes());
        corpus.put("svg.png", "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>".getBytes());
        corpus.put("truncated.png", Arrays.copyOf(png, png.length / 2));
        corpus.put("truncated.jpg", Arrays.copyOf(jpeg, jpeg.length / 3));
        corpus.put("bomb.png", TestImages.pngHeaderOnly(100_000, 100_000));
        corpus.put("oversized.png", Arrays.copyOf(png, 21 * 1024 * 1024));
        return corpus;
    }

    @Test
    void everyImageRouteAnswersTheCorpusWith4xxProblems() throws Exception {
        ApiFixtures.awaitIndexReady();
        long before = given().get("/api/products?size=1").jsonPath().getLong("total");
        for (Map.Entry<String, byte[]> input : corpus().entrySet()) {
            String name = input.getKey();
            byte[] bytes = input.getValue();
            check(name + " -> create", given().multiPart("image", name, bytes, "image/png")
                    .multiPart("title", "Hostile").multiPart("category", "Hostile").post("/api/products"));
            check(name + " -> search", given().multiPart("image", name, bytes, "image/png").post("/api/search"));
            check(name + " -> embed", given().multiPart("image", name, bytes, "image/png").post("/api/embed"));
        }
        // The import accepts the archive and reports each bad file in its run; nothing is half-created.
        Map<String, byte[]> zipped = new LinkedHashMap<>(corpus());
        zipped.remove("oversized.png");
        String runId = given().multiPart("archive", "hostile.zip", zip(zipped), "application/zip")
                .post("/api/products/import").then().statusCode(202).extract().jsonPath().getString("runId");
        String message = ApiFixtures.awaitRun(runId).getString("message");
        for (String name : zipped.keySet()) {
            assertTrue(message.contains(name), name + " is not named in the run message: " + message);
        }
        assertEquals(before, given().get("/api/products?size=1").jsonPath().getLong("total"),
                "no hostile input became a product");
    }

    @Test
    void aLargeButValidImageIsAccepted() throws Exception {
        BufferedImage large = TestImages.pattern(777, 4000, 3000, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(large, "jpeg", jpeg);
        given().multiPart("image", "large.jpg", jpeg.toByteArray(), "image/jpeg").post("/api/search").then()
                .statusCode(200);
    }

    @Test
    void crossOriginRequestsGetNoGrant() {
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .options("/api/products").then().header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "https://evil.example").get("/api/products").then().statusCode(200)
                .header("Access-Control-Allow-Origin", nullValue());
    }

    private static void check(String what, Response response) {
        int status = response.statusCode();
        assertTrue(status >= 400 && status < 500, what + ": status " + status + " " + response.asString());
        response.then().contentType("application/problem+json").body(not(containsString("Exception")))
                .body(not(containsString("\tat ")));
    }

    private static byte[] zip(Map<String, byte[]> entries) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
