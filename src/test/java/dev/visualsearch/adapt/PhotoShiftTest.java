package dev.visualsearch.adapt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visualsearch.support.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The photo shift's arithmetic, identity and file form. */
class PhotoShiftTest {

    private static final int D = 8;

    /** Unit vectors around {@code centre} with seeded noise. */
    private static List<float[]> around(float[] centre, int n, long seed) {
        Random random = new Random(seed);
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] v = new float[D];
            double norm = 0;
            for (int j = 0; j < D; j++) {
                v[j] = centre[j] + (float) (0.05 * random.nextGaussian());
                norm += v[j] * v[j];
            }
            for (int j = 0; j < D; j++) {
                v[j] /= (float) Math.sqrt(norm);
            }
            out.add(v);
        }
        return out;
    }

    private static float[] axis(int... ones) {
        float[] v = new float[D];
        for (int j : ones) {
            v[j] = 1;
        }
        return v;
    }

    @Test
    void aPhotoMovesByTheGapBetweenTheDomainMeansAndStaysUnitLength() {
        // Products differ along axes 0 and 1; every photo also carries axis 7, what the photo domain shares.
        List<float[]> catalogue = new ArrayList<>(around(axis(0), 20, 1));
        catalogue.addAll(around(axis(1), 20, 2));
        List<float[]> pool = new ArrayList<>(around(axis(0, 7), 10, 3));
        pool.addAll(around(axis(1, 7), 10, 4));
        PhotoShift shift = PhotoShift.learn(catalogue, pool, 1.0);
        float[] photoOfProduct0 = around(axis(0, 7), 1, 5).get(0);

        float[] shifted = shift.apply(photoOfProduct0);

        double norm = 0;
        for (float value : shifted) {
            norm += value * value;
        }
        assertEquals(1.0, norm, 1e-5);
        float[] product0 = around(axis(0), 1, 6).get(0);
        float[] product1 = around(axis(1), 1, 7).get(0);
        assertTrue(Fixtures.cosine(shifted, product0) > 0.95, "the photo lands on its product: "
                + Fixtures.cosine(shifted, product0) + " (unshifted " + Fixtures.cosine(photoOfProduct0, product0)
                + ")");
        assertTrue(Fixtures.cosine(shifted, product0) - Fixtures.cosine(shifted, product1)
                > Fixtures.cosine(photoOfProduct0, product0) - Fixtures.cosine(photoOfProduct0, product1),
                "the product is told apart from the other by a wider margin once the shared axis is gone");
        assertEquals(20, shift.pooled());
    }

    @Test
    void theSameVectorsGiveTheSameIdAndOtherStrengthsOrPoolsAnother() {
        List<float[]> catalogue = around(axis(0), 10, 1);
        List<float[]> pool = around(axis(0, 7), 10, 2);

        PhotoShift once = PhotoShift.learn(catalogue, pool, 1.0);
        PhotoShift again = PhotoShift.learn(catalogue, pool, 1.0);

        assertEquals(once.id(), again.id());
        assertTrue(once.id().startsWith("shift-a1.0-n10-"), once.id());
        assertNotEquals(once.id(), PhotoShift.learn(catalogue, pool, 0.5).id());
        assertNotEquals(once.id(), PhotoShift.learn(catalogue, pool.subList(0, 9), 1.0).id());
    }

    @Test
    void strengthZeroOnlyNormalises() {
        float[] photo = {3, 4, 0, 0, 0, 0, 0, 0};
        PhotoShift none = PhotoShift.learn(around(axis(0), 5, 1), around(axis(7), 5, 2), 0.0);

        assertArrayEquals(new float[] {0.6f, 0.8f, 0, 0, 0, 0, 0, 0}, none.apply(photo), 1e-6f);
    }

    @Test
    void readBackItShiftsAlikeUnderTheSameId() throws IOException {
        PhotoShift learned = PhotoShift.learn(around(axis(0), 10, 1), around(axis(0, 7), 10, 2), 1.5);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            learned.write(out);
        }

        PhotoShift read = PhotoShift.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

        assertEquals(learned.id(), read.id());
        float[] photo = around(axis(0, 7), 1, 3).get(0);
        assertArrayEquals(learned.apply(photo), read.apply(photo));
    }

    @Test
    void vectorsOfAnotherSizeAreRefused() {
        PhotoShift shift = PhotoShift.learn(around(axis(0), 5, 1), around(axis(7), 5, 2), 1.0);

        assertThrows(IllegalArgumentException.class, () -> shift.apply(new float[D + 1]));
        assertThrows(IllegalArgumentException.class, () -> PhotoShift.learn(around(axis(0), 5, 1),
                List.of(new float[D - 1]), 1.0));
        assertThrows(IllegalArgumentException.class, () -> PhotoShift.learn(List.of(), around(axis(7), 5, 2), 1.0));
    }
}
