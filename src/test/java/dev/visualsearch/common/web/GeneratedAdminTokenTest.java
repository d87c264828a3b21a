package dev.visualsearch.common.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The production default: no token configured and admin routes not opened, so the service keeps a generated token
 * in its data folder and the admin routes need it.
 */
@QuarkusTest
@TestProfile(GeneratedAdminTokenTest.NoTokenNotOpen.class)
class GeneratedAdminTokenTest {

    public static class NoTokenNotOpen implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("app.security.open-admin-routes", "false");
        }
    }

    @Test
    void adminRoutesNeedTheTokenKeptInTheDataFolder() throws Exception {
        Path file = Path.of("target/test-data/admin-token");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String token = Files.readString(file).strip();

        given().delete("/api/products/987654321").then().statusCode(401)
                .contentType("application/problem+json").body("detail", containsString("admin-token"));
        given().header("Authorization", "Bearer not-" + token).delete("/api/products/987654321").then()
                .statusCode(401);
        // Past the guard: the product does not exist.
        given().header("Authorization", "Bearer " + token).delete("/api/products/987654321").then().statusCode(404);
        given().get("/api/products?size=1").then().statusCode(200);
    }
}
