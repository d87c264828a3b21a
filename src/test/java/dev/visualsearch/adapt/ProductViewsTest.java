package dev.visualsearch.adapt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visualsearch.support.TestImages;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProductViewsTest {

    /** A red disc on white, as a catalogue shot. */
    private static BufferedImage onWhite(Color colour) {
        BufferedImage image = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 200, 200);
        g.setColor(colour);
        g.fillOval(50, 60, 100, 90);
        g.dispose();
        return image;
    }

    private static BufferedImage busy() {
        return TestImages.noise(5, 240, 180);
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    private static boolean whiteCorner(BufferedImage view) {
        int p = view.getRGB(0, 0) & 0xFFFFFF;
        return ((p >> 16) & 0xFF) > 240 && ((p >> 8) & 0xFF) > 240 && (p & 0xFF) > 240;
    }

    @Test
    void theSameSeedProductAndViewNumberDrawTheSamePixels() {
        BufferedImage product = onWhite(Color.RED);
        List<BufferedImage> others = List.of(onWhite(Color.BLUE), onWhite(Color.GREEN));
        for (int view = 0; view < 6; view++) {
            assertArrayEquals(pixels(new ProductViews(42).view(7, product, view, others)),
                    pixels(new ProductViews(42).view(7, product, view, others)), "view " + view);
        }
        assertFalse(java.util.Arrays.equals(pixels(new ProductViews(42).view(7, product, 0, others)),
                pixels(new ProductViews(42).view(7, product, 1, others))));
        assertFalse(java.util.Arrays.equals(pixels(new ProductViews(42).view(7, product, 0, others)),
                pixels(new ProductViews(43).view(7, product, 0, others))));
    }

    @Test
    void aProductOnAPlainBackgroundIsShownOnOtherBackgrounds() {
        BufferedImage product = onWhite(Color.RED);
        List<BufferedImage> others = List.of(onWhite(Color.BLUE), onWhite(Color.GREEN), onWhite(Color.ORANGE));
        ProductViews views = new ProductViews(42);
        int swapped = 0;
        int withRed = 0;
        for (int view = 0; view < 20; view++) {
            BufferedImage v = views.view(7, product, view, others);
            assertEquals(ProductViews.SIDE, v.getWidth());
            assertEquals(ProductViews.SIDE, v.getHeight());
            swapped += whiteCorner(v) ? 0 : 1;
            // The object is still there: some clearly red pixels (allowing for the colour cast and grey views).
            boolean red = false;
            for (int p : pixels(v)) {
                int r = (p >> 16) & 0xFF;
                int g = (p >> 8) & 0xFF;
                int b = p & 0xFF;
                red |= r > 120 && r > 2 * g && r > 2 * b;
            }
            withRed += red ? 1 : 0;
        }
        assertTrue(swapped >= 18, "views with another background: " + swapped);
        assertTrue(withRed >= 12, "views where the red object is visible in colour: " + withRed);
    }

    @Test
    void aPhotoOnABusyBackgroundIsCroppedAndRecolouredNotCutOut() {
        BufferedImage photo = busy();
        BufferedImage v = new ProductViews(42).view(1, photo, 0, List.of());
        assertEquals(ProductViews.SIDE, v.getWidth());
        assertArrayEquals(pixels(v), pixels(new ProductViews(42).view(1, photo, 0, List.of())));
    }

    @Test
    void aBatchGivesEachProductItsViewsInOrder() {
        List<BufferedImage> images = List.of(onWhite(Color.RED), onWhite(Color.BLUE));
        ProductViews views = new ProductViews(42);
        List<BufferedImage> batch = views.views(List.of(3L, 4L), images, 2);
        assertEquals(4, batch.size());
        assertArrayEquals(pixels(views.view(4, images.get(1), 1, List.of(images.get(0)))), pixels(batch.get(3)));
    }

    @Test
    void photoLikeViewsAreSeededDifferFromTheFirstRecipeAndSomeStandOnWhite() {
        BufferedImage product = onWhite(Color.RED);
        List<BufferedImage> others = List.of(onWhite(Color.BLUE), onWhite(Color.GREEN));
        for (int view = 0; view < 4; view++) {
            assertArrayEquals(pixels(ProductViews.photoLike(42).view(7, product, view, others)),
                    pixels(ProductViews.photoLike(42).view(7, product, view, others)), "view " + view);
        }
        assertFalse(java.util.Arrays.equals(pixels(ProductViews.photoLike(42).view(7, product, 0, others)),
                pixels(new ProductViews(42).view(7, product, 0, others))));
        int neutralCorner = 0;
        for (int view = 0; view < 40; view++) {
            int p = ProductViews.photoLike(42).view(7, product, view, others).getRGB(0, 0);
            int r = (p >> 16) & 0xFF;
            int g = (p >> 8) & 0xFF;
            int b = p & 0xFF;
            // White dimmed by light, contrast and grain stays neutral: the same change reaches every channel.
            neutralCorner += Math.abs(r - g) < 25 && Math.abs(g - b) < 25 && r > 90 ? 1 : 0;
        }
        assertTrue(neutralCorner >= 4, "views on white (neutral corner): " + neutralCorner + " of 40");
    }
}
