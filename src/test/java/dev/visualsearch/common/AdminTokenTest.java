package dev.visualsearch.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.visualsearch.common.web.AdminOnly;
import dev.visualsearch.support.TestImages;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(AdminTokenProfile.class)
class AdminTokenTest {

    private static RequestSpecification createRequest() {
        return given().multiPart("image", "a.png", TestImages.png(701)).multiPart("title", "Guarded")
                .multiPart("category", "Security");
    }

    @Test
    void writeRoutesNeedTheToken() {
        createRequest().post("/api/products").then().statusCode(401)
                .contentType("application/problem+json").body("detail", containsString("admin token"));
        createRequest().header("Authorization", "Bearer wrong").post("/api/products").then().statusCode(401)
                .body("detail", equalTo("The admin token is wrong"));
        given().multiPart("archive", "a.zip", new byte[10]).post("/api/products/import").then().statusCode(401);
        given().delete("/api/products/1").then().statusCode(401);

        long id = createRequest().header("Authorization", "Bearer " + AdminTokenProfile.TOKEN)
                .post("/api/products").then().statusCode(201).extract().jsonPath().getLong("id");
        given().delete("/api/products/" + id).then().statusCode(401);
        given().header("Authorization", "Bearer " + AdminTokenProfile.TOKEN).delete("/api/products/" + id)
                .then().statusCode(204);
    }

    @Test
    void pipelineRunsNeedTheToken() {
        given().contentType("application/json").body("{\"job\":\"project\"}").post("/api/pipeline/runs").then()
                .statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer " + AdminTokenProfile.TOKEN).contentType("application/json")
                .body("{\"job\":\"project\"}").post("/api/pipeline/runs").then().statusCode(202);
    }

    /**
     * Every route that changes state carries {@link AdminOnly}: any POST, PUT, PATCH or DELETE resource method is
     * guarded unless it is one of the shoppers' routes listed here (they write nothing but the search log and verdicts).
     * A new write route without the guard fails this test.
     */
    @Test
    void everyWriteRouteIsGuarded() throws Exception {
        // Shoppers' routes: searches (which write the search log) and their verdicts on results (feedback).
        Set<String> readOnlyPosts = Set.of("SearchResource.byImage", "EmbedResource.embed",
                "ExamplesResource.byExamples", "ObjectsResource.propose", "FeedbackResource.record");
        List<String> unguarded = new ArrayList<>();
        int writeRoutes = 0;
        Path classes = Path.of("target/classes");
        try (var files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (!name.startsWith("dev.visualsearch.") || name.contains("$")) {
                    continue;
                }
                Class<?> type = Class.forName(name, false, getClass().getClassLoader());
                for (Method method : type.getDeclaredMethods()) {
                    boolean writes = Stream.of(POST.class, PUT.class, PATCH.class, DELETE.class)
                            .anyMatch(method::isAnnotationPresent);
                    if (!writes) {
                        continue;
                    }
                    String route = type.getSimpleName() + "." + method.getName();
                    boolean guarded = method.isAnnotationPresent(AdminOnly.class)
                            || type.isAnnotationPresent(AdminOnly.class);
                    if (!guarded && !readOnlyPosts.contains(route)) {
                        unguarded.add(route);
                    }
                    writeRoutes += readOnlyPosts.contains(route) ? 0 : 1;
                }
            }
        }
        assertEquals(List.of(), unguarded, "write routes without @AdminOnly");
        assertEquals(4, writeRoutes, "create, delete, import, start run: a new write route needs a test above");
    }

    @Test
    void theExportNeedsTheToken() {
        given().get("/api/products/export").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer " + AdminTokenProfile.TOKEN).get("/api/products/export").then()
                .statusCode(200).contentType("application/zip");
    }

    @Test
    void readRoutesStayOpen() {
        given().get("/api/products").then().statusCode(200);
        given().get("/api/categories").then().statusCode(200);
        given().get("/api/pipeline/runs").then().statusCode(200);
    }
}
