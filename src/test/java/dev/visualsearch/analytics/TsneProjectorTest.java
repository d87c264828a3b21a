package dev.visualsearch.analytics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visualsearch.cluster.SyntheticVectors;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TsneProjectorTest {

    private static ProjectionConfig config(int iterations) {
        return new ProjectionConfig() {
            public long seed() {
                return 42;
            }

            public double perplexity() {
                return 30;
            }

            public int iterations() {
                return iterations;
            }

            public double theta() {
                return 0.5;
            }

            public int tsneInitialDims() {
                return 50;
            }
        };
    }

    @Test
    void keepsBlobsApartAndIsReproducible() {
        float[][] vectors = SyntheticVectors.blobs(3, 30, 64, 0.3, 11);
        List<Double> progress = new ArrayList<>();
        double[][] map = new TsneProjector(config(500)).project(vectors, progress::add);
        double[][] again = new TsneProjector(config(500)).project(vectors, p -> { });
        assertEquals(90, map.length);
        for (int i = 0; i < map.length; i++) {
            assertArrayEquals(map[i], again[i], "point " + i);
        }
        assertTrue(!progress.isEmpty() && progress.get(progress.size() - 1) > 0.9, progress.toString());
        // the map keeps neighbourhoods: a point's nearest 2-D neighbour is from its own blob (1-NN accuracy)
        int agree = 0;
        for (int i = 0; i < map.length; i++) {
            int nearest = -1;
            double best = Double.MAX_VALUE;
            for (int j = 0; j < map.length; j++) {
                double d = Math.hypot(map[i][0] - map[j][0], map[i][1] - map[j][1]);
                if (j != i && d < best) {
                    best = d;
                    nearest = j;
                }
            }
            agree += nearest / 30 == i / 30 ? 1 : 0;
        }
        assertTrue(agree >= 86, agree + " of 90 points have a nearest neighbour from their own blob");
    }

    @Test
    void lowersThePerplexityForSmallCatalogues() {
        TsneProjector projector = new TsneProjector(config(250));
        assertEquals(3.0, projector.perplexityFor(10), 1e-12);
        assertEquals(30.0, projector.perplexityFor(500), 1e-12);
        double[][] map = projector.project(SyntheticVectors.blobs(2, 5, 8, 0.2, 1), p -> { });
        assertEquals(10, map.length);
    }
}
