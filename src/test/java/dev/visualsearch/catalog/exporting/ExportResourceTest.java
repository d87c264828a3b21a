package dev.visualsearch.catalog.exporting;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visualsearch.support.ApiFixtures;
import dev.visualsearch.support.TestImages;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/** Export, delete, import the export: the same products (title, category, SKU, price) with byte-equal images. */
@QuarkusTest
class ExportResourceTest {

    private record Expected(String title, String sku, String price, byte[] image) {
    }

    @Test
    void anExportImportsBackAsTheSameCatalogue() throws Exception {
        String category = "Export-" + UUID.randomUUID().toString().substring(0, 8);
        long seed = System.nanoTime();
        List<Expected> created = List.of(
                new Expected("Lamp, brass \"classic\"", "EXP-" + seed + "-A", "12.50",
                        TestImages.encode(TestImages.pattern(seed, 70, 50, BufferedImage.TYPE_INT_RGB), "png")),
                new Expected("Bowl", "EXP-" + seed + "-B", null,
                        TestImages.encode(TestImages.pattern(seed + 1, 50, 70, BufferedImage.TYPE_INT_RGB), "jpeg")),
                new Expected("Cup", "EXP-" + seed + "-C", "0.99",
                        TestImages.encode(TestImages.pattern(seed + 2, 60, 60, BufferedImage.TYPE_INT_RGB), "png")));
        for (Expected product : created) {
            var request = given().multiPart("image", "p.img", product.image(), "application/octet-stream")
                    .multiPart("title", product.title()).multiPart("category", category)
                    .multiPart("sku", product.sku());
            if (product.price() != null) {
                request.multiPart("price", product.price());
            }
            request.post("/api/products").then().statusCode(201);
        }
        long total = given().get("/api/products?size=1").jsonPath().getLong("total");

        byte[] zip = given().get("/api/products/export").then().statusCode(200).contentType("application/zip")
                .header("Content-Disposition", containsString("attachment; filename=\"catalogue-"))
                .extract().asByteArray();
        Map<String, byte[]> entries = unzip(zip);
        String manifest = new String(entries.get("manifest.csv"), StandardCharsets.UTF_8);
        assertTrue(manifest.startsWith("file,title,category,sku,price\r\n"), manifest);
        long images = entries.keySet().stream().filter(name -> name.startsWith("images/")).count();
        assertEquals(images + 1, entries.size(), "the images and the manifest, nothing else");
        assertEquals(images, manifest.lines().count() - 1, "a manifest row per image");
        assertTrue(images >= 3 && images <= total, images + " images of " + total + " products");
        for (Expected product : created) {
            String file = entries.keySet().stream().filter(name -> name.endsWith("-" + product.sku() + ".png")
                    || name.endsWith("-" + product.sku() + ".jpeg")).findFirst().orElseThrow();
            assertArrayEquals(product.image(), entries.get(file), "the original bytes of " + file);
        }

        for (long id : idsIn(category).values()) {
            given().delete("/api/products/" + id).then().statusCode(204);
        }
        assertEquals(0, idsIn(category).size());

        String runId = given().multiPart("archive", "export.zip", zip, "application/zip")
                .post("/api/products/import").then().statusCode(202).extract().jsonPath().getString("runId");
        JsonPath run = ApiFixtures.awaitRun(runId);
        assertEquals("succeeded", run.getString("status"));
        assertTrue(run.getString("message").startsWith("Imported 3, skipped " + (images - 3) + " duplicate(s), failed 0"),
                run.getString("message"));

        JsonPath products = given().queryParam("category", category).get("/api/products").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(3, products.getInt("total"));
        for (Expected product : created) {
            Map<String, Object> item = products.getMap("items.find { it.sku == '" + product.sku() + "' }");
            assertEquals(product.title(), item.get("title"));
            assertEquals(category, item.get("category"));
            assertEquals(product.price() == null ? null : Float.parseFloat(product.price()),
                    item.get("price") == null ? null : ((Number) item.get("price")).floatValue());
            byte[] image = given().get("/api/products/" + item.get("id") + "/image").then().statusCode(200)
                    .extract().asByteArray();
            assertArrayEquals(product.image(), image, "image of " + product.sku());
        }
    }

    private static Map<String, Long> idsIn(String category) {
        JsonPath page = given().queryParam("category", category).queryParam("size", "200").get("/api/products")
                .then().statusCode(200).extract().jsonPath();
        List<String> skus = page.getList("items.sku", String.class);
        List<Long> ids = page.getList("items.id", Long.class);
        Map<String, Long> bySku = new HashMap<>();
        for (int i = 0; i < skus.size(); i++) {
            bySku.put(skus.get(i), ids.get(i));
        }
        return bySku;
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
