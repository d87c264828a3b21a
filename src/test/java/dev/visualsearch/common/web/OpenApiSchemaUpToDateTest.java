package dev.visualsearch.common.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The web UI's API types are generated from a committed copy of the OpenAPI document
 * ({@code webui/src/lib/api/openapi.json} -> {@code schema.d.ts}); this test keeps that copy equal to the document the
 * service serves, so that UI and API cannot drift apart. With {@code -Dopenapi.write=true} it writes the served
 * document to the file instead of failing (see {@link #REGENERATE}).
 */
@QuarkusTest
class OpenApiSchemaUpToDateTest {

    static final Path COMMITTED = Path.of("webui", "src", "lib", "api", "openapi.json");

    static final String REGENERATE = "./mvnw test -Dtest=OpenApiSchemaUpToDateTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dopenapi.write=true -Dquarkus.quinoa=false "
            + "&& npm --prefix webui run gen:api";

    /** Routes under this prefix are test-only resources (src/test, e.g. HeldHeavyRoute), not part of the service. */
    private static final String TEST_ONLY_PATHS = "/api/test-support/";

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final int MAX_DIFFERENCES = 20;

    @Test
    void theCommittedDocumentIsTheOneTheServiceServes() throws IOException {
        String body = given().accept("application/json").get("/q/openapi?format=json")
                .then().statusCode(200).extract().asString();
        JsonNode served = withoutTestOnlyPaths(JSON.readTree(body));
        // the routes the UI calls are in it, with schemas for the shapes it reads
        for (String path : List.of("/api/products", "/api/search", "/api/pipeline/runs", "/api/index/status")) {
            assertTrue(served.path("paths").has(path), path + " is in the served document");
        }
        assertTrue(served.path("components").path("schemas").has("SearchResponse"), "SearchResponse schema served");

        if (Boolean.getBoolean("openapi.write")) {
            Files.createDirectories(COMMITTED.getParent());
            Files.writeString(COMMITTED, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(served) + "\n",
                    StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(COMMITTED), COMMITTED.toAbsolutePath() + " is missing; create it with: " + REGENERATE);
        JsonNode committed = JSON.readTree(COMMITTED.toFile());
        List<String> differences = new ArrayList<>();
        differences(withoutVersion(committed), withoutVersion(served.deepCopy()), "", differences);
        assertEquals(List.of(), differences, COMMITTED + " differs from the service's /q/openapi (an API change?). "
                + "Regenerate it and the UI's types (webui/src/lib/api/schema.d.ts), then fix what `npm run build` "
                + "reports in the UI: " + REGENERATE);
    }

    /** info.version is the project's version: a release changes it, the API it describes stays the same. */
    private static JsonNode withoutVersion(JsonNode document) {
        if (document.path("info") instanceof ObjectNode info) {
            info.remove("version");
        }
        return document;
    }

    /** Where two JSON trees differ, as JSON pointers (objects compared key by key, whitespace and key order aside). */
    private static void differences(JsonNode committed, JsonNode served, String at, List<String> out) {
        if (out.size() >= MAX_DIFFERENCES || committed.equals(served)) {
            return;
        }
        if (committed.isObject() && served.isObject()) {
            Set<String> names = new TreeSet<>();
            committed.fieldNames().forEachRemaining(names::add);
            served.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String child = at + "/" + name.replace("~", "~0").replace("/", "~1");
                if (!committed.has(name)) {
                    out.add("only served: " + child);
                } else if (!served.has(name)) {
                    out.add("only committed: " + child);
                } else {
                    differences(committed.get(name), served.get(name), child, out);
                }
            }
        } else {
            out.add("changed: " + at + " (committed " + abbreviated(committed) + ", served " + abbreviated(served)
                    + ")");
        }
    }

    private static String abbreviated(JsonNode node) {
        String text = node.toString();
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }

    private static JsonNode withoutTestOnlyPaths(JsonNode document) {
        if (document.path("paths") instanceof ObjectNode paths) {
            List<String> testOnly = new ArrayList<>();
            paths.fieldNames().forEachRemaining(name -> {
                if (name.startsWith(TEST_ONLY_PATHS)) {
                    testOnly.add(name);
                }
            });
            paths.remove(testOnly);
        }
        return document;
    }
}
