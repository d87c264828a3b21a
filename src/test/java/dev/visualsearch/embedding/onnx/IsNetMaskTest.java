package dev.visualsearch.embedding.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visualsearch.embedding.framing.Framed;
import dev.visualsearch.embedding.framing.SalientFraming;
import dev.visualsearch.embedding.tfjs.ModelFormatException;
import dev.visualsearch.support.Fixtures;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real IS-Net weights from their npm package on a real photograph (scikit-image's coffee cup). */
class IsNetMaskTest {

    private static IsNetMask mask;
    private static BufferedImage coffee;

    @BeforeAll
    static void load() throws Exception {
        mask = IsNetMask.load(Fixtures.salientTarball(), "small", 0);
        coffee = ImageIO.read(Fixtures.shared("inception-v3-mixed6").resolve("coffee.png").toFile());
    }

    @AfterAll
    static void close() {
        mask.close();
    }

    @Test
    void theCupIsForegroundAndTheTableIsNot() {
        float[] alpha = mask.alpha(coffee);
        int w = coffee.getWidth();
        int h = coffee.getHeight();
        assertEquals(w * h, alpha.length);
        // The cup and saucer fill the middle of the 600 x 400 photo; the corners are table top and wall.
        assertTrue(mean(alpha, w, w / 2 - 20, h / 2 - 20, 40, 40) > 0.9, "cup centre");
        for (int[] corner : new int[][] {{0, 0}, {w - 40, 0}, {0, h - 40}, {w - 40, h - 40}}) {
            assertTrue(mean(alpha, w, corner[0], corner[1], 40, 40) < 0.1, "corner " + corner[0] + "," + corner[1]);
        }
    }

    @Test
    void salientFramingCutsTheCupOutOntoWhite() {
        Framed framed = new SalientFraming(mask).frame(coffee);
        assertTrue(!framed.isWhole(coffee), "the busy photo is framed to its object");
        assertTrue(framed.width() < coffee.getWidth(), "the box is narrower than the photo: " + framed);
        int corner = framed.image().getRGB(2, 2) & 0xFFFFFF;
        assertTrue(near(corner, 0xFFFFFF), "the table around the cup became white: " + Integer.toHexString(corner));
    }

    @Test
    void tarballsWithoutTheModelAreRefusedWithAReason(@TempDir Path dir) throws Exception {
        ModelFormatException noResources = assertThrows(ModelFormatException.class,
                () -> IsNetMask.load(Fixtures.nsfwjsTarball(), "small", 1));
        assertTrue(noResources.getMessage().contains("resources.json"), noResources.getMessage());
        ModelFormatException noVariant = assertThrows(ModelFormatException.class,
                () -> IsNetMask.load(Fixtures.salientTarball(), "huge", 1));
        assertTrue(noVariant.getMessage().contains("huge"), noVariant.getMessage());
        Path fake = Files.write(dir.resolve("fake.onnx"), new byte[] {1, 2, 3, 4});
        assertThrows(ModelFormatException.class, () -> IsNetMask.load(fake, "small", 1));
    }

    @Test
    void resamplingKeepsAConstantMapAndItsCorners() {
        float[] map = {0, 1, 1, 0};
        float[] up = IsNetMask.resample(map, 2, 4, 4);
        assertEquals(0f, up[0], 1e-6);
        assertEquals(1f, up[3], 1e-6);
        float[] flat = IsNetMask.resample(new float[] {0.5f, 0.5f, 0.5f, 0.5f}, 2, 3, 5);
        for (float v : flat) {
            assertEquals(0.5f, v, 1e-6);
        }
    }

    private static double mean(float[] alpha, int width, int x0, int y0, int w, int h) {
        double sum = 0;
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                sum += alpha[y * width + x];
            }
        }
        return sum / (w * h);
    }

    private static boolean near(int a, int b) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs(((a >> shift) & 0xFF) - ((b >> shift) & 0xFF)) >= 8) {
                return false;
            }
        }
        return true;
    }
}
