package dev.visualsearch.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visualsearch.embedding.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ScoreCalibrationTest {

    @Test
    void relevanceRisesFromUnrelatedToNeighbourAndIsClamped() {
        ScoreCalibration c = new ScoreCalibration(0.2f, 0.6f, 100);
        assertEquals(0, c.relevance(0.1f), 1e-9);
        assertEquals(0, c.relevance(0.2f), 1e-9);
        assertEquals(0.5, c.relevance(0.4f), 1e-6);
        assertEquals(1, c.relevance(0.6f), 1e-9);
        assertEquals(1, c.relevance(0.99f), 1e-9);
        assertFalse(c.isCloseMatch(0.35f));
        assertTrue(c.isCloseMatch(0.45f));
    }

    @Test
    void measuresTheCataloguesOwnReferencePoints() {
        // Pairs of near-twins far from every other pair: nearest neighbours score near 1, random pairs near 0.
        Random random = new Random(3);
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            float[] base = gaussian(random, 64);
            vectors.add(Vectors.normalise(base.clone()));
            float[] twin = base.clone();
            for (int d = 0; d < twin.length; d++) {
                twin[d] += (float) (random.nextGaussian() * 0.1);
            }
            vectors.add(Vectors.normalise(twin));
        }
        ScoreCalibration c = ScoreCalibration.measure(vectors, 42);
        assertEquals(400, c.sample());
        assertTrue(c.neighbour() > 0.95, "neighbour " + c.neighbour());
        assertTrue(c.unrelated() < 0.4 && c.unrelated() > 0, "unrelated " + c.unrelated());
        assertTrue(c.relevance(c.neighbour()) == 1 && c.relevance(0f) == 0);
    }

    @Test
    void aLargeCatalogueIsSampledDeterministically() {
        Random random = new Random(5);
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            vectors.add(Vectors.normalise(gaussian(random, 128)));
        }
        ScoreCalibration a = ScoreCalibration.measure(vectors, 42);
        ScoreCalibration b = ScoreCalibration.measure(vectors, 42);
        assertEquals(a, b);
        assertTrue(a.sample() >= 100 && a.sample() < 1000, "sample " + a.sample());
    }

    @Test
    void tooSmallACatalogueIsUncalibrated() {
        assertEquals(ScoreCalibration.UNCALIBRATED, ScoreCalibration.measure(List.of(new float[] {1, 0}), 42));
    }

    private static float[] gaussian(Random random, int d) {
        float[] v = new float[d];
        for (int i = 0; i < d; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }
}
