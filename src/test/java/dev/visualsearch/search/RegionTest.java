package dev.visualsearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visualsearch.catalog.image.DecodedImage;
import dev.visualsearch.catalog.image.ImageFormat;
import dev.visualsearch.common.error.ApiProblem;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class RegionTest {

    @Test
    void parsesFractionsAndTreatsBlankAsTheWholeImage() {
        assertEquals(new Region(0.1, 0.2, 0.3, 0.4), Region.parse(" 0.1, 0.2 ,0.3,0.4 "));
        assertNull(Region.parse(" "));
        assertEquals(1.0000001, Region.parse("0,0,1,1.0000001").h(), 1e-12, "a hair past the edge is rounding");
    }

    @Test
    void refusesBoxesOutsideTheImageOrWithoutArea() {
        for (String box : new String[] {"0.6,0,0.5,1", "0,0.6,1,0.5", "-0.01,0,0.5,0.5", "0,0,0,1", "0,0,1,-1",
            "1.2,0,0.1,0.1", "1,2,3", "0,0,1,Infinity", "x,0,1,1"}) {
            ApiProblem problem = assertThrows(ApiProblem.class, () -> Region.parse(box), box);
            assertEquals(400, problem.status(), box);
        }
    }

    @Test
    void cropsThePixelsOfTheRegionAsAPngOfTheirOwn() {
        BufferedImage image = new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB);
        image.setRGB(150, 75, 0xFF0000);
        DecodedImage whole = new DecodedImage(new byte[0], "", ImageFormat.JPEG, image);
        DecodedImage crop = new Region(0.5, 0.5, 0.5, 0.5).cropOf(whole);
        assertEquals(100, crop.width());
        assertEquals(50, crop.height());
        assertEquals(ImageFormat.PNG, crop.format());
        assertEquals(0xFF0000, crop.rgb().getRGB(50, 25) & 0xFFFFFF);
        assertEquals(64, crop.sha256().length());
        assertTrue(crop.bytes().length > 0);
    }

    @Test
    void aRegionOfAFewPixelsIsABadRequestThatSaysHowBigItWas() {
        DecodedImage whole = new DecodedImage(new byte[0], "", ImageFormat.PNG,
                new BufferedImage(100, 100, BufferedImage.TYPE_INT_RGB));
        ApiProblem problem = assertThrows(ApiProblem.class, () -> new Region(0, 0, 0.1, 0.5).cropOf(whole));
        assertEquals(400, problem.status());
        assertTrue(problem.getMessage().contains("10 x 50 pixels"), problem.getMessage());
    }
}
