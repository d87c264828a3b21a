package dev.visualsearch.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The faithfulness check's ROAD imputation: exact where the answer is known, untouched where nothing was removed. */
class LinearImputationTest {

    private static final int W = 64;
    private static final int H = 48;
    private static final int PLANE = W * H;

    /** A different plane a + b x + c y per channel: every interior pixel is the weighted mean of its neighbours. */
    private static float[] ramps() {
        float[] image = new float[3 * PLANE];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    image[c * PLANE + y * W + x] = 0.2f * c + 0.01f * (c + 1) * x - 0.007f * y;
                }
            }
        }
        return image;
    }

    /** 40 % scattered pixels and a 20 x 16 block, all off the image border (where the stencil is one-sided). */
    private static boolean[] holes() {
        Random random = new Random(7);
        boolean[] removed = new boolean[PLANE];
        for (int y = 1; y < H - 1; y++) {
            for (int x = 1; x < W - 1; x++) {
                removed[y * W + x] = random.nextDouble() < 0.4 || (x >= 30 && x < 50 && y >= 10 && y < 26);
            }
        }
        return removed;
    }

    @Test
    void fillsHolesInALinearImageExactlyAndKeepsTheRest() {
        float[] image = ramps();
        boolean[] removed = holes();
        float[] imputed = new LinearImputation(W, H, 0).impute(scrambled(image, removed), removed, 1);
        double worst = 0;
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < PLANE; i++) {
                int at = c * PLANE + i;
                if (removed[i]) {
                    worst = Math.max(worst, Math.abs(imputed[at] - image[at]));
                } else {
                    assertEquals(image[at], imputed[at], 0f, "a kept pixel changed");
                }
            }
        }
        assertTrue(worst < 1e-3, "largest error on removed pixels " + worst);
    }

    @Test
    void noiseIsSeededAndHasTheGivenSpread() {
        float[] image = ramps();
        boolean[] removed = holes();
        float[] clean = new LinearImputation(W, H, 0).impute(image, removed, 1);
        LinearImputation noisy = new LinearImputation(W, H, 0.05);
        float[] first = noisy.impute(image, removed, 42);
        assertArrayEquals(first, noisy.impute(image, removed, 42));
        double sum = 0;
        int n = 0;
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < PLANE; i++) {
                if (removed[i]) {
                    double d = first[c * PLANE + i] - clean[c * PLANE + i];
                    sum += d * d;
                    n++;
                }
            }
        }
        assertEquals(0.05, Math.sqrt(sum / n), 0.005);
    }

    @Test
    void nothingRemovedLeavesTheImageAsItWas() {
        float[] image = ramps();
        assertArrayEquals(image, new LinearImputation(W, H, 0.05).impute(image, new boolean[PLANE], 3));
    }

    /** The image with garbage under the holes: the imputation must not read what it replaces. */
    private static float[] scrambled(float[] image, boolean[] removed) {
        float[] copy = image.clone();
        Random random = new Random(11);
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < PLANE; i++) {
                if (removed[i]) {
                    copy[c * PLANE + i] = random.nextFloat() * 10;
                }
            }
        }
        return copy;
    }
}
