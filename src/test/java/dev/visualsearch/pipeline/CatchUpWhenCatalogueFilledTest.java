package dev.visualsearch.pipeline;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visualsearch.support.ApiFixtures;
import dev.visualsearch.support.PipelineRuns;
import dev.visualsearch.support.TestImages;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The end of an import starts the pipeline at once: clusters and the map cover the whole imported catalogue without a
 * schedule tick (the schedule is off in tests) and without anyone starting a run.
 */
@QuarkusTest
@TestProfile(CatchUpWhenCatalogueFilledTest.AfterFilling.class)
class CatchUpWhenCatalogueFilledTest {

    /** A fresh service (and database) with the catch-up on, as in production. */
    public static class AfterFilling implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("app.pipeline.after-filling", "true");
        }
    }

    @Test
    void anImportThatEndsStartsThePipelineSoClustersAndTheMapCoverEveryProduct() throws Exception {
        ApiFixtures.awaitIndexReady();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < 12; i++) {
                zip.putNextEntry(new ZipEntry(List.of("garden", "kitchen", "toys").get(i % 3) + "/item_" + i + ".png"));
                zip.write(TestImages.png(880_000 + i));
                zip.closeEntry();
            }
        }
        String importRun = given().multiPart("archive", "import.zip", bytes.toByteArray(), "application/zip")
                .post("/api/products/import").then().statusCode(202).extract().jsonPath().getString("runId");
        ApiFixtures.awaitRun(importRun);
        int products = given().get("/api/products?size=1").then().statusCode(200).extract().jsonPath()
                .getInt("total");
        assertEquals(12, products);

        JsonPath all = awaitAllRun();
        assertEquals("succeeded", all.getString("status"), all.prettify());
        List<Integer> sizes = given().get("/api/clusters").then().statusCode(200).extract().jsonPath()
                .getList("size", Integer.class);
        assertEquals(products, sizes.stream().mapToInt(Integer::intValue).sum(), "clusters cover the catalogue");
        int points = given().get("/api/analytics/projection?method=pca").then().statusCode(200).extract().jsonPath()
                .getList("points").size();
        assertEquals(products, points, "the map covers the catalogue");
    }

    /** The {@code all} run nobody started: it appears after the import and ends. */
    private static JsonPath awaitAllRun() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            List<Map<String, Object>> runs = given().get("/api/pipeline/runs").then().statusCode(200).extract()
                    .jsonPath().getList("$");
            for (Map<String, Object> run : runs) {
                if ("all".equals(run.get("job"))) {
                    return PipelineRuns.awaitSucceeded(String.valueOf(run.get("id")));
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no all run started after the import");
    }
}
