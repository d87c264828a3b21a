package dev.visualsearch.catalog.importing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visualsearch.support.ApiFixtures;
import dev.visualsearch.support.TestImages;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ImportResourceTest {

    @Test
    void importsAZipWithAManifestAndReportsTheBrokenFile() throws IOException {
        String category = "Imported-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] broken = Arrays.copyOf(TestImages.png(602), 40);
        byte[] zip = zip(Map.of(
                "manifest.csv", ("file,title,category,sku,price\n"
                        + "a.png,\"Lamp, brass\"," + category + ",IMP-" + category + "-A,12.50\n"
                        + "nested/b.jpg,Bowl," + category + ",,3\n"
                        + "broken.png,Broken," + category + ",,\n"
                        + "missing.png,Ghost," + category + ",,\n").getBytes(),
                "a.png", TestImages.png(601),
                "nested/b.jpg", TestImages.jpeg(603),
                "broken.png", broken,
                "notes.txt", "hello".getBytes()));

        JsonPath run = ApiFixtures.awaitRun(startImport(zip));

        assertEquals("succeeded", run.getString("status"));
        String message = run.getString("message");
        assertTrue(message.startsWith("Imported 2, skipped 0 duplicate(s), failed 3"), message);
        assertTrue(message.contains("broken.png: The PNG image could not be decoded"), message);
        assertTrue(message.contains("notes.txt: The file is not a PNG, JPEG, WebP or GIF image"), message);
        assertTrue(message.contains("missing.png: listed in manifest.csv but not in the archive"), message);
        given().queryParam("category", category).get("/api/products").then()
                .body("total", equalTo(2))
                .body("items.title", hasItems("Lamp, brass", "Bowl"))
                .body("items.find { it.title == 'Lamp, brass' }.price", equalTo(12.5f));
    }

    @Test
    void importingTheSameArchiveTwiceSkipsDuplicatesAndUsesFoldersAsCategories() throws IOException {
        byte[] zip = zip(Map.of("garden/rake_tool.png", TestImages.png(611), "../../escape.png", TestImages.png(612)));
        assertTrue(ApiFixtures.awaitRun(startImport(zip)).getString("message").startsWith("Imported 2"));
        JsonPath again = ApiFixtures.awaitRun(startImport(zip));
        assertTrue(again.getString("message").startsWith("Imported 0, skipped 2 duplicate(s), failed 0"),
                again.getString("message"));
        given().queryParam("q", "rake tool").get("/api/products").then()
                .body("items[0].category", equalTo("garden"));
        assertTrue(Files.notExists(Path.of("target/escape.png")));
        assertTrue(Files.notExists(Path.of("escape.png")));
    }

    @Test
    void rejectsMalformedArchivesAtOnce() {
        given().multiPart("archive", "fake.zip", "PK but not really a zip".getBytes())
                .post("/api/products/import").then().statusCode(422)
                .contentType("application/problem+json")
                .body("detail", containsString("not a readable zip"));
        given().multiPart("archive", "empty.zip", new byte[0])
                .post("/api/products/import").then().statusCode(422);
        given().multiPart("other", "x.zip", new byte[10]).post("/api/products/import").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void stopsAZipBombWithAFailedRun() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("bomb.png"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 40; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        assertTrue(bytes.size() < 100_000, "the bomb compresses well");
        JsonPath run = ApiFixtures.awaitRun(startImport(bytes.toByteArray()));
        assertEquals("succeeded", run.getString("status"));
        assertTrue(run.getString("message").contains("bomb.png: larger than the"), run.getString("message"));
    }

    static String startImport(byte[] zip) {
        return given().multiPart("archive", "import.zip", zip, "application/zip")
                .when().post("/api/products/import")
                .then().statusCode(202)
                .header("Location", containsString("/api/pipeline/runs/"))
                .extract().jsonPath().getString("runId");
    }

    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var entry : new java.util.TreeMap<>(entries).entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
