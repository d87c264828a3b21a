package dev.visualsearch.explain;

import java.util.Arrays;
import java.util.Random;

/**
 * ROAD's noisy linear imputation (Rong et al., "A Consistent and Efficient Evaluation Strategy for Attribution
 * Methods", ICML 2022): every removed pixel becomes the weighted mean of its eight neighbours (1/6 for the four
 * direct ones, 1/12 for the diagonals), solved jointly for all removed pixels, plus a little noise. Removing a
 * pixel this way leaves nothing for the model to react to but the missing information: a scattered hole is filled
 * from its surroundings almost perfectly, an object part is not. Grey or blurred replacement instead leaves edges
 * and texture of their own, which is why random scattered deletions looked "faithful" in the grey and blurred curves.
 * <p>
 * The system {@code L_uu x_u = W_uk x_k} (the neighbour graph's Laplacian on the removed pixels) is symmetric
 * positive definite whenever every hole touches a kept pixel; it is solved per channel by conjugate gradients.
 */
final class LinearImputation {

    private static final double DIRECT = 1.0 / 6;
    private static final double DIAGONAL = 1.0 / 12;
    private static final int[] DX = {-1, 1, 0, 0, -1, -1, 1, 1};
    private static final int[] DY = {0, 0, -1, 1, -1, 1, -1, 1};
    private static final double TOLERANCE = 1e-6;
    private static final int MAX_ITERATIONS = 2000;

    private final int width;
    private final int height;
    private final double noise;

    /** {@code noise}: the standard deviation added to every imputed value (ROAD uses 0.01 of the input's scale). */
    LinearImputation(int width, int height, double noise) {
        this.width = width;
        this.height = height;
        this.noise = noise;
    }

    /**
     * The NCHW image (3 channels) with the pixels under {@code removed} imputed from the others; kept pixels are
     * unchanged. {@code seed} makes the noise repeatable.
     */
    float[] impute(float[] nchw, boolean[] removed, long seed) {
        int plane = width * height;
        int[] unknown = new int[plane];
        int count = 0;
        int[] position = new int[plane];
        for (int i = 0; i < plane; i++) {
            position[i] = removed[i] ? count++ : -1;
        }
        if (count == 0 || count == plane) {
            return nchw.clone(); // nothing to fill, or nothing to fill it from
        }
        for (int i = 0; i < plane; i++) {
            if (removed[i]) {
                unknown[position[i]] = i;
            }
        }
        // Per removed pixel: its degree and its removed neighbours (index, weight); known neighbours go to the rhs.
        double[] degree = new double[count];
        int[] neighbour = new int[count * 8];
        double[] weight = new double[count * 8];
        for (int k = 0; k < count; k++) {
            int x = unknown[k] % width;
            int y = unknown[k] / width;
            for (int n = 0; n < 8; n++) {
                int nx = x + DX[n];
                int ny = y + DY[n];
                neighbour[k * 8 + n] = -1;
                if (nx < 0 || ny < 0 || nx >= width || ny >= height) {
                    continue;
                }
                double w = n < 4 ? DIRECT : DIAGONAL;
                degree[k] += w;
                int j = ny * width + nx;
                neighbour[k * 8 + n] = position[j] >= 0 ? position[j] : -2 - j; // -2 - j: known pixel j
                weight[k * 8 + n] = w;
            }
        }
        float[] out = nchw.clone();
        Random random = new Random(seed);
        double[] solution = new double[count];
        for (int c = 0; c < 3; c++) {
            int offset = c * plane;
            double[] rhs = new double[count];
            double border = 0;
            double borderWeight = 0;
            for (int k = 0; k < count; k++) {
                for (int n = 0; n < 8; n++) {
                    int j = neighbour[k * 8 + n];
                    if (j <= -2) {
                        rhs[k] += weight[k * 8 + n] * nchw[offset + (-2 - j)];
                        borderWeight += weight[k * 8 + n];
                    }
                }
                border += rhs[k];
            }
            Arrays.fill(solution, border / borderWeight); // the holes' border mean: a start near the answer
            solve(degree, neighbour, weight, rhs, solution);
            for (int k = 0; k < count; k++) {
                out[offset + unknown[k]] = (float) (solution[k] + noise * random.nextGaussian());
            }
        }
        return out;
    }

    /** Conjugate gradients on {@code A x = b}, A = diag(degree) - W_uu, from the guess in {@code x}. */
    private static void solve(double[] degree, int[] neighbour, double[] weight, double[] b, double[] x) {
        int count = b.length;
        double[] r = new double[count];
        double[] p = new double[count];
        double[] ap = new double[count];
        multiply(degree, neighbour, weight, x, ap);
        double bNorm = 0;
        double rr = 0;
        for (int k = 0; k < count; k++) {
            r[k] = b[k] - ap[k];
            p[k] = r[k];
            rr += r[k] * r[k];
            bNorm += b[k] * b[k];
        }
        double stop = TOLERANCE * TOLERANCE * Math.max(bNorm, 1e-30);
        for (int iteration = 0; iteration < MAX_ITERATIONS && rr > stop; iteration++) {
            multiply(degree, neighbour, weight, p, ap);
            double pap = 0;
            for (int k = 0; k < count; k++) {
                pap += p[k] * ap[k];
            }
            double alpha = rr / pap;
            double next = 0;
            for (int k = 0; k < count; k++) {
                x[k] += alpha * p[k];
                r[k] -= alpha * ap[k];
                next += r[k] * r[k];
            }
            double beta = next / rr;
            for (int k = 0; k < count; k++) {
                p[k] = r[k] + beta * p[k];
            }
            rr = next;
        }
    }

    private static void multiply(double[] degree, int[] neighbour, double[] weight, double[] v, double[] out) {
        for (int k = 0; k < degree.length; k++) {
            double sum = degree[k] * v[k];
            for (int n = 0; n < 8; n++) {
                int j = neighbour[k * 8 + n];
                if (j >= 0) {
                    sum -= weight[k * 8 + n] * v[j];
                }
            }
            out[k] = sum;
        }
    }
}
