package dev.visualsearch.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.visualsearch.support.TestImages;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProductResourceTest {

    static ValidatableResponse upload(byte[] image, String fileName, String title, String category) {
        return given().multiPart("image", fileName, image, "application/octet-stream")
                .multiPart("title", title).multiPart("category", category)
                .when().post("/api/products").then();
    }

    static long create(byte[] image, String title, String category) {
        return upload(image, "p.png", title, category).statusCode(201).extract().jsonPath().getLong("id");
    }

    @Test
    void createsAProductAndServesItsImageAndThumbnail() throws Exception {
        byte[] png = TestImages.encode(TestImages.pattern(101, 600, 400, BufferedImage.TYPE_INT_RGB), "png");
        long id = given().multiPart("image", "shoe.png", png, "image/png")
                .multiPart("title", "Red Shoe").multiPart("category", "Shoes").multiPart("sku", "SHOE-1")
                .multiPart("price", "49.90")
                .when().post("/api/products")
                .then().statusCode(201)
                .header("Location", containsString("/api/products/"))
                .body("title", equalTo("Red Shoe"))
                .body("category", equalTo("Shoes"))
                .body("sku", equalTo("SHOE-1"))
                .body("price", equalTo(49.9f))
                .body("imageUrl", startsWith("/api/products/"))
                .body("createdAt", notNullValue())
                .extract().jsonPath().getLong("id");

        given().get("/api/products/" + id).then().statusCode(200).body("id", equalTo((int) id));
        byte[] served = given().get("/api/products/" + id + "/image").then().statusCode(200)
                .contentType("image/png").extract().asByteArray();
        assertArrayEquals(png, served);
        byte[] thumb = given().get("/api/products/" + id + "/thumbnail").then().statusCode(200)
                .contentType("image/jpeg").extract().asByteArray();
        BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(thumb));
        assertEquals(256, thumbnail.getWidth());
        assertEquals(171, thumbnail.getHeight());
    }

    @Test
    void listsFiltersAndPages() {
        String category = "Lamps-" + UUID.randomUUID().toString().substring(0, 8);
        long first = create(TestImages.png(201), "Desk Lamp", category);
        create(TestImages.png(202), "Floor Lamp", category);
        create(TestImages.png(203), "Garden Chair", "Garden-" + category);

        given().queryParam("category", category).get("/api/products").then().statusCode(200)
                .body("total", equalTo(2))
                .body("items.category", everyItem(equalTo(category)));
        given().queryParam("category", category).queryParam("q", "desk").get("/api/products").then()
                .body("total", equalTo(1)).body("items[0].id", equalTo((int) first));
        given().queryParam("category", category).queryParam("size", 1).queryParam("page", 1)
                .get("/api/products").then().body("total", equalTo(2)).body("items.size()", equalTo(1));
        given().queryParam("q", "100%_").get("/api/products").then().statusCode(200).body("total", equalTo(0));
        given().get("/api/categories").then().statusCode(200)
                .body("find { it.name == '" + category + "' }.count", equalTo(2));
    }

    @Test
    void deletesAProduct() {
        long id = create(TestImages.png(301), "Mug", "Kitchen");
        given().delete("/api/products/" + id).then().statusCode(204);
        given().get("/api/products/" + id).then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
        given().get("/api/products/" + id + "/image").then().statusCode(404);
        given().delete("/api/products/" + id).then().statusCode(404);
        given().get("/api/products").then().body("items.id", not(hasItem((int) id)));
    }

    @Test
    void detectsDuplicateImagesByContent() {
        byte[] png = TestImages.png(401);
        long id = create(png, "Teapot", "Kitchen");
        upload(png, "same-bytes-other-name.png", "Teapot copy", "Kitchen").statusCode(409)
                .contentType("application/problem+json")
                .body("existingProductId", equalTo((int) id));
    }

    @Test
    void rejectsBadUploadsWithProblemJson() {
        byte[] png = TestImages.png(501);
        problem(upload(new byte[0], "empty.png", "x", "y"), 422);
        problem(upload("not an image at all".getBytes(), "fake.png", "x", "y"), 415);
        problem(upload(Arrays.copyOf(png, png.length / 2), "half.png", "x", "y"), 422);
        problem(upload(Arrays.copyOf(TestImages.jpeg(502), 300), "half.jpg", "x", "y"), 422);
        problem(upload(new byte[21 * 1024 * 1024], "huge.png", "x", "y"), 413);
        problem(upload(png, "p.png", " ", "y"), 400);
        problem(upload(png, "p.png", "x", ""), 400);
        problem(given().multiPart("image", "p.png", png).multiPart("title", "x").multiPart("category", "y")
                .multiPart("price", "-3").post("/api/products").then(), 400);
        problem(given().multiPart("title", "no image").multiPart("category", "y").post("/api/products").then(), 400);
        problem(given().contentType("application/json").body("{}").post("/api/products").then(), 415);
    }

    @Test
    void unknownIdsAndBadParametersGetProblems() {
        problem(given().get("/api/products/999999999").then(), 404);
        problem(given().get("/api/products/not-a-number").then(), 404);
        problem(given().queryParam("size", 100000).get("/api/products").then(), 400);
        problem(given().queryParam("page", -1).get("/api/products").then(), 400);
        problem(given().get("/api/no-such-route").then(), 404);
    }

    static void problem(ValidatableResponse response, int status) {
        response.statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("title", notNullValue())
                .body("detail", notNullValue())
                .body(not(containsString("Exception")))
                .body(not(containsString("\tat ")))
                .body("detail.length()", greaterThan(0));
    }
}
