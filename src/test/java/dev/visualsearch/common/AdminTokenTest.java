package dev.visualsearch.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.visualsearch.support.TestImages;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
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
    void readRoutesStayOpen() {
        given().get("/api/products").then().statusCode(200);
        given().get("/api/categories").then().statusCode(200);
        given().get("/api/pipeline/runs").then().statusCode(200);
    }
}
