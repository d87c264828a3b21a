package dev.visualsearch.search;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visualsearch.catalog.image.DecodedImage;
import dev.visualsearch.catalog.image.ImageDecoder;
import dev.visualsearch.support.ApiFixtures;
import dev.visualsearch.support.TestDecoders;
import dev.visualsearch.support.TestImages;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import dev.visualsearch.common.Digests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * "Shop the look": a composed photo of two catalogue products side by side. POST /api/objects proposes one box per
 * product, and searching with each box finds that product first; the region is what the explanation is drawn on.
 */
@QuarkusTest
class RegionSearchTest {

    private static final ImageDecoder DECODER = TestDecoders.lenient();
    private static final String[] SAMPLES = {"1f45f", "2615", "1f3c0", "1f302", "1f4bc"};

    private static long shoe;
    private static long coffee;
    private static byte[] look;
    /** This test's products: other tests may sell the same sample images under other categories. */
    private static String category;

    @BeforeEach
    void catalogueAndLook() throws Exception {
        if (look != null) {
            return; // once for the class: the products stay
        }
        ApiFixtures.awaitIndexReady();
        category = "Look-" + UUID.randomUUID().toString().substring(0, 8);
        long[] ids = new long[SAMPLES.length];
        for (int i = 0; i < SAMPLES.length; i++) {
            byte[] bytes = Files.readAllBytes(Path.of("data/sample/images", SAMPLES[i] + ".webp"));
            // padded with 3 px of white: other tests make products of these sample images re-encoded as they are
            ids[i] = ApiFixtures.createProduct(TestImages.encode(padded(DECODER.decode(bytes).rgb(), 3), "png"),
                    "Look " + SAMPLES[i], category);
        }
        shoe = ids[0];
        coffee = ids[1];
        // the shoe on the left, the coffee on the right, on white, at other sizes than the catalogue's
        BufferedImage composed = new BufferedImage(640, 300, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = composed.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 640, 300);
        g.drawImage(sample("1f45f"), 30, 40, 220, 220, null);
        g.drawImage(sample("2615"), 380, 60, 200, 200, null);
        g.dispose();
        look = TestImages.encode(composed, "png");
    }

    private static BufferedImage padded(BufferedImage image, int pad) {
        BufferedImage out = new BufferedImage(image.getWidth() + 2 * pad, image.getHeight() + 2 * pad,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.drawImage(image, pad, pad, null);
        g.dispose();
        return out;
    }

    private static BufferedImage sample(String code) throws Exception {
        return DECODER.decode(Files.readAllBytes(Path.of("data/sample/images", code + ".webp"))).rgb();
    }

    @Test
    void eachProposedBoxFindsItsProductFirst() {
        JsonPath objects = given().multiPart("image", "look.png", look, "image/png").post("/api/objects").then()
                .statusCode(200).extract().jsonPath();
        List<Float> xs = objects.getList("boxes.x", Float.class);
        assertEquals(2, xs.size(), "one box per product: " + objects.prettify());
        for (int i = 0; i < 2; i++) {
            String box = box(objects, i);
            long expected = objects.getFloat("boxes[" + i + "].x") < 0.5 ? shoe : coffee;
            long top = given().multiPart("image", "look.png", look, "image/png").multiPart("box", box)
                    .multiPart("k", "3").multiPart("category", category).post("/api/search").then().statusCode(200).extract().jsonPath()
                    .getLong("results[0].productId");
            assertEquals(expected, top, "box " + box);
        }
        // one box in each half: the shoe drawn at x 30..250 of 640, the coffee at 380..580
        int left = objects.getFloat("boxes[0].x") < 0.5 ? 0 : 1;
        assertTrue(objects.getFloat("boxes[" + left + "].x") + objects.getFloat("boxes[" + left + "].w") < 0.5);
        assertTrue(objects.getFloat("boxes[" + (1 - left) + "].x") > 0.5);
    }

    @Test
    void theExplanationOfARegionSearchIsDrawnOnTheRegion() {
        String box = "0.5,0.1,0.45,0.8";
        JsonPath search = given().multiPart("image", "look.png", look, "image/png").multiPart("box", box)
                .multiPart("category", category).post("/api/search").then().statusCode(200).extract().jsonPath();
        String queryId = search.getString("queryId");
        long result = search.getLong("results[0].productId");
        assertEquals(coffee, result);
        String explained = given().queryParam("view", "json").queryParam("side", "query")
                .get("/api/explain/" + queryId + "/" + result).then().statusCode(200).extract().jsonPath()
                .getString("explained");
        DecodedImage crop = Region.parse(box).cropOf(DECODER.decode(look));
        assertEquals(hex(crop.bytes()), explained, "the kept query image is the region");
        assertNotEquals(hex(look), explained);
        given().get("/api/explain/" + queryId + "/" + result).then().statusCode(200).contentType("image/png");
    }

    @Test
    void outOfRangeAndDegenerateBoxesAreBadRequests() {
        for (String box : List.of("0.5,0.5,0.6,0.2", "-0.1,0,0.5,0.5", "0,0,0,0.5", "0.1,0.1,0.5", "a,b,c,d",
                "0,0,1,NaN", "0.2,0.2,0.01,0.01")) {
            given().multiPart("image", "look.png", look, "image/png").multiPart("box", box).post("/api/search")
                    .then().statusCode(400).contentType(containsString("problem+json"))
                    .body("detail", containsString("box"));
        }
    }

    @Test
    void aBusyPhotoGetsNoProposalsAndSaysSo() {
        BufferedImage noise = TestImages.noise(77, 200, 150);
        given().multiPart("image", "noise.png", TestImages.encode(noise, "png"), "image/png").post("/api/objects").then()
                .statusCode(200).body("boxes.size()", org.hamcrest.Matchers.equalTo(0))
                .body("note", containsString("draw a box"));
        given().multiPart("image", "x.png", new byte[] {1, 2, 3}, "image/png").post("/api/objects").then()
                .statusCode(org.hamcrest.Matchers.greaterThanOrEqualTo(400)).contentType(containsString("problem+json"));
    }

    private static String box(JsonPath objects, int i) {
        return String.format(Locale.ROOT, "%s,%s,%s,%s", objects.getString("boxes[" + i + "].x"),
                objects.getString("boxes[" + i + "].y"), objects.getString("boxes[" + i + "].w"),
                objects.getString("boxes[" + i + "].h"));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(Digests.of("SHA-256", bytes));
    }
}
