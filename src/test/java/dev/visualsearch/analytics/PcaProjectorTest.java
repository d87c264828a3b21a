package dev.visualsearch.analytics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.visualsearch.cluster.SyntheticVectors;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;

class PcaProjectorTest {

    @Test
    void matchesTheTwoLeadingComponentsOfAnSvdUpToSign() {
        float[][] vectors = SyntheticVectors.blobs(4, 30, 24, 0.5, 3);
        double[][] points = new PcaProjector(42).project(vectors);

        RealMatrix centred = MatrixUtils.createRealMatrix(PcaProjector.centre(vectors));
        SingularValueDecomposition svd = new SingularValueDecomposition(centred);
        RealMatrix scores = centred.multiply(svd.getV().getSubMatrix(0, 23, 0, 1));
        for (int component = 0; component < 2; component++) {
            double[] expected = scores.getColumn(component);
            double sign = Math.signum(expected[0]) * Math.signum(points[0][component]);
            for (int i = 0; i < vectors.length; i++) {
                assertEquals(expected[i], sign * points[i][component], 1e-4, "point " + i + ", component " + component);
            }
        }
    }

    @Test
    void isReproducible() {
        float[][] vectors = SyntheticVectors.blobs(3, 20, 16, 0.5, 5);
        double[][] first = new PcaProjector(1).project(vectors);
        double[][] second = new PcaProjector(1).project(vectors);
        for (int i = 0; i < first.length; i++) {
            assertArrayEquals(first[i], second[i]);
        }
    }
}
