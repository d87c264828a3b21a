package dev.visualsearch.analytics;

import java.util.Random;

/**
 * The first two principal components by power iteration on the centred data (X&#7488;X v without forming the
 * covariance matrix), the second kept orthogonal to the first. O(n&middot;d) per iteration, so it scales to large
 * catalogues and wide vectors where a full d&times;d eigendecomposition would not.
 */
public final class PcaProjector {

    private static final int MAX_ITERATIONS = 1000;
    private static final double TOLERANCE = 1e-10;

    private final long seed;

    public PcaProjector(long seed) {
        this.seed = seed;
    }

    /** n&times;2 coordinates: each row's projection onto the two leading components. */
    public double[][] project(float[][] vectors) {
        double[][] centred = centre(vectors);
        double[] first = component(centred, null);
        double[] second = component(centred, first);
        double[][] points = new double[centred.length][2];
        for (int i = 0; i < centred.length; i++) {
            points[i][0] = dot(centred[i], first);
            points[i][1] = dot(centred[i], second);
        }
        return points;
    }

    /** The leading eigenvector of X&#7488;X, orthogonal to {@code orthogonalTo} when given; sign fixed for stability. */
    double[] component(double[][] x, double[] orthogonalTo) {
        int dim = x[0].length;
        Random random = new Random(orthogonalTo == null ? seed : seed + 1);
        double[] v = new double[dim];
        for (int j = 0; j < dim; j++) {
            v[j] = random.nextGaussian();
        }
        orthogonalise(v, orthogonalTo);
        normalise(v);
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[] next = new double[dim];
            for (double[] row : x) {
                double projection = dot(row, v);
                for (int j = 0; j < dim; j++) {
                    next[j] += projection * row[j];
                }
            }
            orthogonalise(next, orthogonalTo);
            if (normalise(next) == 0) {
                return v; // no variance left in the remaining directions
            }
            double change = 0;
            for (int j = 0; j < dim; j++) {
                change += (next[j] - v[j]) * (next[j] - v[j]);
            }
            v = next;
            if (change < TOLERANCE) {
                break;
            }
        }
        int largest = 0;
        for (int j = 1; j < dim; j++) {
            if (Math.abs(v[j]) > Math.abs(v[largest])) {
                largest = j;
            }
        }
        if (v[largest] < 0) { // an eigenvector's sign is arbitrary: fix it so that maps do not flip between runs
            for (int j = 0; j < dim; j++) {
                v[j] = -v[j];
            }
        }
        return v;
    }

    static double[][] centre(float[][] vectors) {
        int n = vectors.length;
        int dim = vectors[0].length;
        double[] mean = new double[dim];
        for (float[] row : vectors) {
            for (int j = 0; j < dim; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < dim; j++) {
            mean[j] /= n;
        }
        double[][] centred = new double[n][dim];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < dim; j++) {
                centred[i][j] = vectors[i][j] - mean[j];
            }
        }
        return centred;
    }

    private static void orthogonalise(double[] v, double[] against) {
        if (against != null) {
            double projection = dot(v, against);
            for (int j = 0; j < v.length; j++) {
                v[j] -= projection * against[j];
            }
        }
    }

    private static double normalise(double[] v) {
        double norm = Math.sqrt(dot(v, v));
        if (norm > 0) {
            for (int j = 0; j < v.length; j++) {
                v[j] /= norm;
            }
        }
        return norm;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int j = 0; j < a.length; j++) {
            sum += a[j] * b[j];
        }
        return sum;
    }
}
