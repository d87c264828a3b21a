package dev.visualsearch.adapt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PhotoLikeAlterationsTest {

    /** A cut-out: red on the left half, blue on the right, transparent around. */
    private static BufferedImage redLeftBlueRight() {
        BufferedImage object = new BufferedImage(120, 80, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = object.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(10, 10, 50, 60);
        g.setColor(Color.BLUE);
        g.fillRect(60, 10, 50, 60);
        g.dispose();
        return object;
    }

    /** Mean x of the pixels that are clearly of {@code channel} (16 red, 0 blue) and opaque. */
    private static double meanX(BufferedImage image, int channel) {
        double sum = 0;
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                if ((p >>> 24) > 200 && ((p >> channel) & 0xFF) > 200 && ((p >> (16 - channel)) & 0xFF) < 60) {
                    sum += x;
                    count++;
                }
            }
        }
        return sum / count;
    }

    @Test
    void aPosedObjectIsMirroredAboutHalfTheTimeAndKeepsItsColours() {
        Random random = new Random(42);
        int mirrored = 0;
        for (int i = 0; i < 40; i++) {
            BufferedImage posed = PhotoLikeAlterations.posed(redLeftBlueRight(), random);
            assertEquals(posed.getWidth(), posed.getHeight(), "a square canvas, so framing never squeezes it");
            mirrored += meanX(posed, 16) > meanX(posed, 0) ? 1 : 0;
        }
        assertTrue(mirrored >= 10 && mirrored <= 30, "mirrored in " + mirrored + " of 40");
    }

    @Test
    void lightAndGrainChangeSomeViewsAndNeverTheirSize() {
        BufferedImage grey = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grey.createGraphics();
        g.setColor(new Color(128, 128, 128));
        g.fillRect(0, 0, 64, 48);
        g.dispose();
        Random random = new Random(7);
        int changed = 0;
        for (int i = 0; i < 20; i++) {
            BufferedImage out = PhotoLikeAlterations.lightAndGrain(grey, random);
            assertEquals(64, out.getWidth());
            assertEquals(48, out.getHeight());
            changed += out.getRGB(0, 0) != grey.getRGB(0, 0) || out.getRGB(63, 47) != grey.getRGB(63, 47) ? 1 : 0;
        }
        // Light half the time, grain one time in three: untouched in about a third of the draws.
        assertTrue(changed >= 8 && changed <= 18, "changed " + changed + " of 20");
    }
}
