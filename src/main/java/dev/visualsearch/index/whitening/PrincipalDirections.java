package dev.visualsearch.index.whitening;

import java.util.Arrays;
import org.tribuo.math.la.DenseMatrix;

/**
 * Principal directions (unit length, d values each) of centred rows with their variances, largest first: the
 * eigen-decomposition both whitenings are built from.
 */
record PrincipalDirections(double[] values, double[][] directions) {

    /** From the covariance of {@code rows} (centred, d values each), by the cheaper of the two routes. */
    static PrincipalDirections of(double[][] rows, int d) {
        return rows.length <= d ? fromGram(rows, d) : fromCovariance(rows, d);
    }

    /** Eigen-decomposition of the d x d covariance: the cheaper route when there are more vectors than dimensions. */
    private static PrincipalDirections fromCovariance(double[][] rows, int d) {
        double[][] covariance = new double[d][d];
        for (double[] row : rows) {
            for (int a = 0; a < d; a++) {
                double ca = row[a];
                double[] out = covariance[a];
                for (int b = a; b < d; b++) {
                    out[b] += ca * row[b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                covariance[a][b] /= rows.length;
                covariance[b][a] = covariance[a][b];
            }
        }
        DenseMatrix.EigenDecomposition eigen = decompose(covariance);
        double[] values = eigen.eigenvalues().toArray();
        DenseMatrix vectors = eigen.eigenvectors(); // a copy per call: fetched once
        Integer[] order = descending(values);
        double[] sorted = new double[d];
        double[][] directions = new double[d][d];
        for (int i = 0; i < d; i++) {
            sorted[i] = values[order[i]];
            for (int j = 0; j < d; j++) {
                directions[i][j] = vectors.get(j, order[i]);
            }
        }
        return new PrincipalDirections(sorted, directions);
    }

    /**
     * The same from the n x n Gram matrix when there are fewer vectors than dimensions (a small catalogue): with
     * G = X X^T / n = V L V^T, the covariance's directions are X^T v_i / sqrt(n l_i) with the same variances.
     */
    private static PrincipalDirections fromGram(double[][] rows, int d) {
        int n = rows.length;
        double[][] gram = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = a; b < n; b++) {
                double sum = 0;
                for (int j = 0; j < d; j++) {
                    sum += rows[a][j] * rows[b][j];
                }
                gram[a][b] = sum / n;
                gram[b][a] = gram[a][b];
            }
        }
        DenseMatrix.EigenDecomposition eigen = decompose(gram);
        double[] values = eigen.eigenvalues().toArray();
        DenseMatrix vectors = eigen.eigenvectors(); // a copy per call: fetched once
        Integer[] order = descending(values);
        double[] sorted = new double[n];
        double[][] directions = new double[n][d];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            int column = order[i];
            sorted[i] = values[column];
            for (int a = 0; a < n; a++) {
                v[a] = vectors.get(a, column);
            }
            double norm = 0;
            for (int j = 0; j < d; j++) {
                double sum = 0;
                for (int a = 0; a < n; a++) {
                    sum += rows[a][j] * v[a];
                }
                directions[i][j] = sum;
                norm += sum * sum;
            }
            double inverse = norm > 0 ? 1 / Math.sqrt(norm) : 0;
            for (int j = 0; j < d; j++) {
                directions[i][j] *= inverse;
            }
        }
        return new PrincipalDirections(sorted, directions);
    }

    private static DenseMatrix.EigenDecomposition decompose(double[][] symmetric) {
        return DenseMatrix.createDenseMatrix(symmetric).eigenDecomposition()
                .orElseThrow(() -> new IllegalStateException("the catalogue's covariance is not symmetric"));
    }

    private static Integer[] descending(double[] values) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(values[y], values[x]));
        return order;
    }
}
