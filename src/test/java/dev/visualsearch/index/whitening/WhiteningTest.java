package dev.visualsearch.index.whitening;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WhiteningTest {

    /** Vectors whose dimensions have very different spreads around a shared offset, like non-negative CNN features. */
    private static List<float[]> anisotropic(int n, int d, long seed) {
        Random random = new Random(seed);
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] v = new float[d];
            for (int j = 0; j < d; j++) {
                v[j] = (float) (1 + random.nextGaussian() * (j < 2 ? 3.0 : 0.1));
            }
            out.add(v);
        }
        return out;
    }

    @Test
    void withoutShrinkageTheLearnedDirectionsHaveEqualVariance() {
        List<float[]> vectors = anisotropic(4000, 6, 1);
        Whitening whitening = Whitening.learn(vectors, 6, 0, 42);
        // Apply without the final normalisation: project and compare the variances of the outputs.
        double[] variance = new double[6];
        for (float[] v : vectors) {
            float[] w = whitening.apply(v);
            double norm = 0;
            for (float x : w) {
                norm += x * x;
            }
            // apply() normalises: each whitened vector has unit length, so with equal variances each coordinate's
            // mean square is 1/d; unwhitened, the two wide dimensions would hold almost all of it
            assertEquals(1.0, norm, 1e-4);
            for (int j = 0; j < 6; j++) {
                variance[j] += w[j] * w[j] / vectors.size();
            }
        }
        for (double v : variance) {
            assertEquals(1.0 / 6, v, 0.03, "whitened coordinates share the variance equally");
        }
    }

    @Test
    void keepsAtMostSampleSizeMinusOneDirections() {
        Whitening whitening = Whitening.learn(anisotropic(5, 10, 3), 100, 1.0, 42);
        assertEquals(4, whitening.dims());
        assertEquals(10, whitening.inputDimension());
        assertEquals(4, whitening.apply(new float[10]).length);
    }

    @Test
    void roundTripsThroughItsFileFormatWithTheSameId() throws Exception {
        Whitening whitening = Whitening.learn(anisotropic(300, 12, 4), 8, 0.5, 42);
        Whitening read = savedAndReadBack(whitening);
        assertEquals(whitening.id(), read.id());
        float[] v = anisotropic(1, 12, 9).get(0);
        assertArrayEquals(whitening.apply(v), read.apply(v), 0f);
    }

    /** A whitening (of any kind) written in its file format and read back. */
    static Whitening savedAndReadBack(Whitening whitening) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        whitening.write(new DataOutputStream(bytes));
        return Whitening.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    }

    @Test
    void anotherCatalogueGivesAnotherId() {
        Whitening a = Whitening.learn(anisotropic(300, 12, 4), 8, 0.5, 42);
        Whitening b = Whitening.learn(anisotropic(300, 12, 5), 8, 0.5, 42);
        assertNotEquals(a.id(), b.id());
    }

    @Test
    void refusesVectorsOfAnotherDimensionAndTooFewToLearnFrom() {
        Whitening whitening = Whitening.learn(anisotropic(50, 6, 4), 6, 1.0, 42);
        assertThrows(IllegalArgumentException.class, () -> whitening.apply(new float[7]));
        assertThrows(IllegalArgumentException.class, () -> Whitening.learn(anisotropic(1, 6, 4), 6, 1.0, 42));
    }
}
