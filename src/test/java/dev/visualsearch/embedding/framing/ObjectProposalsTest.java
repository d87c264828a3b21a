package dev.visualsearch.embedding.framing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visualsearch.support.TestImages;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObjectProposalsTest {

    @Test
    void twoObjectsOnAPlainBackgroundGetOneBoxEachLargestFirst() {
        BufferedImage image = canvas(800, 400, new Color(245, 245, 245));
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillOval(40, 60, 200, 200); // 200 x 200
        g.setColor(Color.BLUE);
        g.fillRect(500, 100, 250, 250); // larger: 250 x 250
        g.setColor(Color.WHITE);
        g.fillRect(560, 160, 60, 60); // a hole the colour of... white, not the background: still foreground
        g.dispose();
        List<ObjectProposals.Proposal> boxes = ObjectProposals.propose(image);
        assertEquals(2, boxes.size(), boxes.toString());
        assertCovers(boxes.get(0), 500, 100, 750, 350, 800, 400);
        assertCovers(boxes.get(1), 40, 60, 240, 260, 800, 400);
        assertTrue(boxes.get(0).score() > boxes.get(1).score());
        assertEquals(1.0, boxes.get(0).score() + boxes.get(1).score(), 0.01);
        for (ObjectProposals.Proposal p : boxes) {
            assertTrue(p.x() >= 0 && p.y() >= 0 && p.x() + p.w() <= 1 && p.y() + p.h() <= 1, p.toString());
        }
    }

    @Test
    void anObjectWithAGapInItsOutlineStaysOneObjectAndSpecksAreIgnored() {
        BufferedImage image = canvas(400, 400, Color.WHITE);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.BLACK);
        g.fillRect(100, 100, 200, 90);
        g.fillRect(100, 192, 200, 90); // 2 px of background between the halves
        g.fillRect(10, 380, 2, 2); // a speck
        g.dispose();
        List<ObjectProposals.Proposal> boxes = ObjectProposals.propose(image);
        assertEquals(1, boxes.size(), boxes.toString());
        assertCovers(boxes.get(0), 100, 100, 300, 282, 400, 400);
    }

    @Test
    void theSamplesShoeAndCoffeeSideBySideGiveOneBoxEachHoldingAllOfTheirPixels() throws Exception {
        BufferedImage composed = canvas(640, 300, Color.WHITE);
        Graphics2D g = composed.createGraphics();
        g.drawImage(sample("1f45f"), 30, 40, 220, 220, null);
        g.drawImage(sample("2615"), 380, 60, 200, 200, null); // the coffee's steam floats apart from the cup
        g.dispose();
        List<ObjectProposals.Proposal> boxes = ObjectProposals.propose(composed);
        assertEquals(2, boxes.size(), boxes.toString());
        for (ObjectProposals.Proposal box : boxes) {
            int from = box.x() < 0.5 ? 0 : 320;
            int[] ink = inkBox(composed, from, from + 320);
            assertCovers(box, ink[0], ink[1], ink[2] + 1, ink[3] + 1, 640, 300);
        }
    }

    @Test
    void aBusyBackgroundProposesNothing() {
        BufferedImage image = TestImages.noise(3, 300, 200);
        assertEquals(List.of(), ObjectProposals.propose(image));
    }

    /** The box holds the object and is at most a margin (plus a grid cell) larger on each side. */
    private static void assertCovers(ObjectProposals.Proposal p, int x0, int y0, int x1, int y1, int w, int h) {
        double slack = ObjectProposals.MARGIN * Math.max(x1 - x0, y1 - y0) + 2.0 * Math.max(w, h)
                / ObjectProposals.GRID;
        assertTrue(p.x() * w <= x0 + 1 && p.x() * w >= x0 - slack, p + " left");
        assertTrue(p.y() * h <= y0 + 1 && p.y() * h >= y0 - slack, p + " top");
        assertTrue((p.x() + p.w()) * w >= x1 - 1 && (p.x() + p.w()) * w <= x1 + slack, p + " right");
        assertTrue((p.y() + p.h()) * h >= y1 - 1 && (p.y() + p.h()) * h <= y1 + slack, p + " bottom");
    }

    private static BufferedImage sample(String code) throws Exception {
        return dev.visualsearch.support.TestDecoders.lenient().decode(java.nio.file.Files.readAllBytes(
                java.nio.file.Path.of("data/sample/images", code + ".webp"))).rgb();
    }

    /** The box of the pixels that differ from white between columns {@code from} and {@code to}. */
    private static int[] inkBox(BufferedImage image, int from, int to) {
        int[] box = {Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1};
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = from; x < to; x++) {
                if (!ObjectFraming.near(image.getRGB(x, y), 0xFFFFFF)) {
                    box[0] = Math.min(box[0], x);
                    box[1] = Math.min(box[1], y);
                    box[2] = Math.max(box[2], x);
                    box[3] = Math.max(box[3], y);
                }
            }
        }
        return box;
    }

    private static BufferedImage canvas(int w, int h, Color background) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(background);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return image;
    }

    @Test
    void onABusyPhotoTheSalientMaskSeparatesItsObjects() {
        BufferedImage photo = TestImages.noise(11, 320, 200);
        // A mask with two objects: a large one on the left, a smaller one on the right.
        ForegroundMask twoObjects = new ForegroundMask() {
            @Override
            public String id() {
                return "two";
            }

            @Override
            public float[] alpha(BufferedImage image) {
                float[] alpha = new float[image.getWidth() * image.getHeight()];
                for (int y = 40; y < 160; y++) {
                    for (int x = 20; x < 120; x++) {
                        alpha[y * image.getWidth() + x] = 1f;
                    }
                    for (int x = 220; x < 280; x++) {
                        alpha[y * image.getWidth() + x] = y < 100 ? 1f : 0f;
                    }
                }
                return alpha;
            }
        };

        ObjectProposals.Found masked = ObjectProposals.find(photo, java.util.Optional.of(twoObjects));
        ObjectProposals.Found unmasked = ObjectProposals.find(photo, java.util.Optional.empty());

        assertEquals("salient-mask", masked.method());
        assertEquals(2, masked.boxes().size(), masked.boxes().toString());
        ObjectProposals.Proposal large = masked.boxes().get(0);
        assertEquals(70 / 320.0, large.x() + large.w() / 2, 0.02);
        assertTrue(large.score() > masked.boxes().get(1).score());
        assertEquals("plain-background", unmasked.method());
        assertTrue(unmasked.boxes().isEmpty());
    }
}
