package dev.visualsearch.embedding.framing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visualsearch.support.TestImages;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class ObjectFramingTest {

    private final ObjectFraming framing = new ObjectFraming();

    @Test
    void aSmallObjectInACornerIsCutOutCentredInASquareWithItsBackground() {
        BufferedImage image = canvas(400, 300, new Color(30, 90, 200));
        paint(image, Color.RED, 20, 30, 60, 40);

        Framed framed = framing.frame(image);

        // 60 px wide object, 6 % margin on each side: a 68 px square centred on the object's centre (50, 50).
        assertEquals(framed.width(), framed.height());
        assertEquals(68, framed.width());
        assertEquals(50, framed.x() + framed.width() / 2, 1);
        assertEquals(50, framed.y() + framed.height() / 2, 1);
        BufferedImage cut = framed.image();
        assertEquals(68, cut.getWidth());
        assertEquals(Color.RED.getRGB(), cut.getRGB(34, 34));
        assertEquals(new Color(30, 90, 200).getRGB(), cut.getRGB(1, 1), "padding keeps the background colour");
    }

    @Test
    void aBusyBackgroundKeepsTheWholeImage() {
        BufferedImage image = TestImages.noise(7, 200, 200);
        assertTrue(framing.frame(image).isWhole(image));
    }

    @Test
    void anEmptyPlainImageKeepsTheWholeImage() {
        BufferedImage image = canvas(120, 80, Color.WHITE);
        assertTrue(framing.frame(image).isWhole(image));
    }

    @Test
    void anObjectTouchingTheBorderStillGetsItsBox() {
        BufferedImage image = canvas(300, 300, Color.WHITE);
        paint(image, Color.BLACK, 100, 0, 100, 150);

        Framed framed = framing.frame(image);

        assertEquals(150 + 2 * 9, framed.width());
        assertEquals(150, framed.x() + framed.width() / 2, 1);
        assertEquals(75, framed.y() + framed.height() / 2, 1);
    }

    @Test
    void wholeImageFramingIsTheIdentity() {
        BufferedImage image = canvas(50, 40, Color.GRAY);
        Framed framed = new WholeImage().frame(image);
        assertTrue(framed.isWhole(image));
        assertEquals(image, framed.image());
    }

    private static BufferedImage canvas(int width, int height, Color colour) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        paint(image, colour, 0, 0, width, height);
        return image;
    }

    private static void paint(BufferedImage image, Color colour, int x, int y, int w, int h) {
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(x, y, w, h);
        g.dispose();
    }
}
