package dev.visualsearch.embedding.framing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visualsearch.support.TestImages;
import dev.visualsearch.support.TestMasks;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The framing logic around a mask, with masks drawn by hand (a box, nothing, everything); IsNetMaskTest runs the
 * real segmentation model on a real photograph.
 */
class SalientFramingTest {

    private static final int W = 300;
    private static final int H = 200;

    @Test
    void aPlainBackgroundIsObjectFramingAndNeverAsksTheMask() {
        AtomicInteger asked = new AtomicInteger();
        SalientFraming framing = new SalientFraming(TestMasks.box(0, 0, W, H, asked));
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        g.setColor(Color.RED);
        g.fillRect(40, 50, 60, 40);
        g.dispose();

        Framed salient = framing.frame(image);
        Framed object = new ObjectFraming().frame(image);

        assertEquals(0, asked.get(), "a mask that loads on its first question never loads");
        assertEquals(object.x(), salient.x());
        assertEquals(object.width(), salient.width());
    }

    @Test
    void onABusyBackgroundTheMaskedObjectIsCutOutOntoWhiteAndFramed() {
        BufferedImage photo = noise(W, H);
        Framed framed = new SalientFraming(box(100, 60, 80, 50)).frame(photo);

        // The 80 x 50 box with object framing's 6 % margin: an 89 px square centred on (140, 85).
        assertEquals(framed.width(), framed.height());
        assertEquals(89, framed.width(), 1);
        assertEquals(140, framed.x() + framed.width() / 2, 1);
        assertEquals(85, framed.y() + framed.height() / 2, 1);
        assertEquals(0xFFFFFF, framed.image().getRGB(1, 1) & 0xFFFFFF, "the background became white");
        int inside = framed.image().getRGB(framed.width() / 2, framed.height() / 2) & 0xFFFFFF;
        assertEquals(photo.getRGB(140, 85) & 0xFFFFFF, inside, "the object keeps its own pixels");
        assertEquals("salient-box", new SalientFraming(box(0, 0, 0, 0)).id());
    }

    @Test
    void isBusyReadsTheBorderAsFramingDoes() {
        for (int[] size : new int[][] {{W, H}, {12, 9}, {1, 1}}) {
            BufferedImage plain = new BufferedImage(size[0], size[1], BufferedImage.TYPE_INT_RGB);
            Graphics2D g = plain.createGraphics();
            g.setColor(new Color(0xF4F4F4));
            g.fillRect(0, 0, size[0], size[1]);
            g.setColor(Color.BLUE);
            g.fillRect(size[0] / 3, size[1] / 3, Math.max(1, size[0] / 3), Math.max(1, size[1] / 3));
            g.dispose();
            BufferedImage busy = noise(size[0], size[1]);
            for (BufferedImage image : new BufferedImage[] {plain, busy}) {
                int w = image.getWidth();
                int h = image.getHeight();
                boolean byArray = ObjectFraming.plainBackground(image.getRGB(0, 0, w, h, null, 0, w), w, h).isEmpty();
                assertEquals(byArray, SalientFraming.isBusy(image), w + " x " + h);
            }
            assertTrue(SalientFraming.isBusy(busy) || size[0] == 1, "noise is busy at " + size[0] + " x " + size[1]);
        }
        BufferedImage shot = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = shot.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        g.dispose();
        assertFalse(SalientFraming.isBusy(shot), "a catalogue shot on white");
    }

    @Test
    void noObjectOrAllObjectKeepsTheWholePhoto() {
        BufferedImage photo = noise(W, H);
        assertTrue(new SalientFraming(box(0, 0, 0, 0)).frame(photo).isWhole(photo));
        Framed all = new SalientFraming(box(0, 0, W, H)).frame(photo);
        assertTrue(all.isWhole(photo));
        assertEquals(photo.getRGB(5, 5), all.image().getRGB(5, 5), "the photo itself, not a cut-out");
    }

    @Test
    void partialAlphaBlendsTowardsWhite() {
        BufferedImage out = SalientFraming.onWhite(new int[] {0x000000, 0x804020}, new float[] {0.5f, 1f}, 2, 1);
        assertEquals(0x808080, out.getRGB(0, 0) & 0xFFFFFF);
        assertEquals(0x804020, out.getRGB(1, 0) & 0xFFFFFF);
    }

    /** A mask that is 1 inside the given box and 0 elsewhere. */
    private static ForegroundMask box(int x0, int y0, int w, int h) {
        return TestMasks.box(x0, y0, w, h, new AtomicInteger());
    }

    private static BufferedImage noise(int width, int height) {
        return TestImages.noise(3, width, height);
    }
}
