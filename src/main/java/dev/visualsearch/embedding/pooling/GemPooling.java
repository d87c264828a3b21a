package dev.visualsearch.embedding.pooling;

import ai.djl.ndarray.NDArray;

/**
 * Generalised mean (Radenovic et al. 2018): (mean_ij A_cij^p)^(1/p). p = 1 is the average, p -> infinity the
 * max; in between, the strongest responses (the object) outweigh the weak, widespread ones (a plain background)
 * without relying on one cell.
 */
public final class GemPooling implements Pooling {

    public static final double DEFAULT_P = 3;
    /** Activations are clamped to at least this before the power, so the gradient of x^(1/p) stays finite. */
    public static final float EPSILON = 1e-6f;

    private final double p;

    public GemPooling(double p) {
        this.p = p;
    }

    public double p() {
        return p;
    }

    @Override
    public String id() {
        return p == Math.rint(p) ? "gem" + (long) p : "gem" + p;
    }

    @Override
    public NDArray pool(NDArray featureMap) {
        return Pooling.cells(featureMap).maximum(EPSILON).pow((float) p).mean(new int[] {2}).pow((float) (1 / p));
    }
}
