package dev.visualsearch.index.whitening;

import java.util.List;

/**
 * Whitening learned from matching pairs (Mikolajczyk and Matas 2007; the "learned whitening" of Radenovic, Tolias
 * and Chum 2018), here with pairs that need no labels: a product's vector and the vector of an altered view of the
 * same product. The pairs' differences tell along which directions a change that should not matter (another
 * background, a crop, a colour cast) moves a vector; those directions are shrunk, P1 = (C_S + r I)^(-1/2) with C_S
 * the covariance of the differences and r = s * trace(C_S) / d, and the catalogue's spread in what is left is turned
 * onto its principal directions R, keeping the top {@code dims}: v -> normalise(R P1 (v - mu)), each kept direction
 * scaled by (lambda + s * mean(lambda))^(-1/2) as the PCA whitening does. The result is a {@link Whitening} of kind
 * {@value #KIND}, applied and saved like the PCA one, with its own id.
 */
public final class PairWhitening {

    public static final String KIND = "lw";

    private PairWhitening() {
    }

    /**
     * Learns the transform from the catalogue's vectors (its mean and spread) and matching pairs: {@code anchors[i]}
     * and {@code views[i]} show the same product. {@code shrinkage} regularises both stages.
     */
    public static Whitening learn(List<float[]> catalogue, List<float[]> anchors, List<float[]> views, int dims,
                                  double shrinkage, long seed) {
        return learn(catalogue, anchors, views, dims, shrinkage, seed, "");
    }

    /**
     * As {@link #learn(List, List, List, int, double, long)}, for views drawn by the named {@code recipe}: the
     * recipe is part of the head's {@link #kind(String) kind} and so of its id, which tells a head learned from
     * other views apart (an empty recipe is the plain {@value #KIND}).
     */
    public static Whitening learn(List<float[]> catalogue, List<float[]> anchors, List<float[]> views, int dims,
                                  double shrinkage, long seed, String recipe) {
        if (catalogue.size() < 2 || anchors.isEmpty() || anchors.size() != views.size()) {
            throw new IllegalArgumentException("pair whitening needs at least 2 catalogue vectors and as many views as"
                    + " anchors, got " + catalogue.size() + ", " + anchors.size() + " and " + views.size());
        }
        List<float[]> sample = Whitening.sample(catalogue, seed);
        int d = sample.get(0).length;
        int n = sample.size();
        double[] mu = Whitening.mean(sample, d);
        Shrink shrink = Shrink.learn(differences(anchors, views, d, seed), d, shrinkage);
        double[][] shrunk = new double[n][];
        double[] centred = new double[d];
        for (int i = 0; i < n; i++) {
            float[] v = sample.get(i);
            for (int j = 0; j < d; j++) {
                centred[j] = v[j] - mu[j];
            }
            shrunk[i] = shrink.apply(centred);
        }
        PrincipalDirections spread = PrincipalDirections.of(shrunk, d);
        int kept = Math.max(1, Math.min(dims, Math.min(d, n - 1)));
        double[] scales = Whitening.scales(spread.values(), kept, shrinkage);
        float[] projection = new float[kept * d];
        for (int i = 0; i < kept; i++) {
            // P1 is symmetric, so the row (R P1)_i is P1 applied to the i-th direction.
            double[] row = shrink.apply(spread.directions()[i]);
            for (int j = 0; j < d; j++) {
                projection[i * d + j] = (float) (row[j] * scales[i]);
            }
        }
        return new Whitening(kind(recipe), Whitening.toFloats(mu), projection, kept, shrinkage, n);
    }

    /** The kind of a head learned from views of {@code recipe}: {@value #KIND}, then the recipe's name if any. */
    public static String kind(String recipe) {
        return recipe.isEmpty() ? KIND : KIND + "-" + recipe;
    }

    private static double[][] differences(List<float[]> anchors, List<float[]> views, int d, long seed) {
        List<Integer> picks = Whitening.sample(java.util.stream.IntStream.range(0, anchors.size()).boxed().toList(),
                seed);
        double[][] rows = new double[picks.size()][d];
        for (int r = 0; r < rows.length; r++) {
            float[] a = anchors.get(picks.get(r));
            float[] b = views.get(picks.get(r));
            if (a.length != d || b.length != d) {
                throw new IllegalArgumentException("pair vectors must have " + d + " values");
            }
            for (int j = 0; j < d; j++) {
                rows[r][j] = a[j] - b[j];
            }
        }
        return rows;
    }

    /**
     * P1 = (C_S + r I)^(-1/2) kept in low-rank form: x / sqrt(r) plus, along each direction u_i the differences
     * span, (1 / sqrt(lambda_i + r) - 1 / sqrt(r)) (u_i . x) u_i. Directions the pairs never move keep weight
     * 1 / sqrt(r), which holds whether the decomposition gave all d directions or only as many as there were pairs.
     */
    private record Shrink(double base, double[] weights, double[][] directions) {

        static Shrink learn(double[][] differences, int d, double shrinkage) {
            PrincipalDirections moved = PrincipalDirections.of(differences, d);
            double trace = 0;
            for (double value : moved.values()) {
                trace += Math.max(value, 0);
            }
            double r = Math.max(shrinkage * trace / d, 1e-12);
            double base = 1 / Math.sqrt(r);
            double[] weights = new double[moved.values().length];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = 1 / Math.sqrt(Math.max(moved.values()[i], 0) + r) - base;
            }
            return new Shrink(base, weights, moved.directions());
        }

        double[] apply(double[] x) {
            double[] out = new double[x.length];
            for (int j = 0; j < x.length; j++) {
                out[j] = base * x[j];
            }
            for (int i = 0; i < weights.length; i++) {
                double[] u = directions[i];
                double dot = 0;
                for (int j = 0; j < x.length; j++) {
                    dot += u[j] * x[j];
                }
                double w = weights[i] * dot;
                for (int j = 0; j < x.length; j++) {
                    out[j] += w * u[j];
                }
            }
            return out;
        }
    }
}
