package dev.visualsearch.explain;

import ai.djl.ndarray.NDArray;
import dev.visualsearch.embedding.FeatureMapModel;

/**
 * The similarity map of Stylianou et al. ("Visualizing Deep Similarity Networks", WACV 2019): for an embedding that
 * is the L2-normalised average of the feature map, cos(q, e) = mean_ij (q . A_ij) / |g|, so q . A_ij is exactly the
 * share of the cosine that grid cell (i, j) contributes. The map is ReLU(sum_c q_c A_cij): weights a_c = q_c,
 * no gradients, one forward pass. Unlike Grad-CAM's weights, whose map averages to zero for a normalised embedding
 * (see docs/evaluation.md), these sum the similarity itself, so the bright regions are where the match lives.
 *
 * <p>In a whitened search space, w = normalise(P (e - mu)), the score is linear in e along u = P^T q less the
 * constant u . mu: the weights are u, and each of the H W cells gives up an even share of the mean's part,
 * u . mu |g|, with g the cells' average feature vector. For average pooling the map then sums to the whitened score
 * times a positive factor, as the plain map sums to the plain cosine; for other poolings it is that approximation.
 */
public final class SimilarityMapCam extends BaseCam {

    public static final String ID = "simmap";

    @Override
    public String id() {
        return ID;
    }

    @Override
    protected float[] channelWeights(FeatureMapModel model, NDArray activations, CamTarget target) {
        if (target instanceof WhitenedSimilarityTarget whitened) {
            return whitened.modelSpaceDirection();
        }
        return similarityQuery(target, activations, "The similarity map").clone();
    }

    @Override
    protected double cellOffset(float[] chw, float[] weights, int plane, CamTarget target) {
        if (!(target instanceof WhitenedSimilarityTarget whitened)) {
            return 0;
        }
        float[] mean = whitened.whitening().mean();
        double uMu = 0;
        double norm2 = 0;
        double[] g = new double[weights.length];
        for (int c = 0; c < weights.length; c++) {
            uMu += weights[c] * mean[c];
            for (int i = 0; i < plane; i++) {
                g[c] += chw[c * plane + i];
            }
            g[c] /= plane;
            norm2 += g[c] * g[c];
        }
        double norm = Math.sqrt(norm2);
        if (whitened.shift().isEmpty() || norm == 0) {
            return uMu * norm;
        }
        // The photo shift adds delta to e = g / |g| before the whitening: u.(e + delta) / |e + delta| - u.mu,
        // times |g| |e + delta| to stay in the cells' units, leaves u.g and moves the offset.
        float[] delta = whitened.shift().get().delta();
        double uDelta = 0;
        double shifted2 = 0;
        for (int c = 0; c < weights.length; c++) {
            uDelta += weights[c] * delta[c];
            double e = g[c] / norm + delta[c];
            shifted2 += e * e;
        }
        return norm * (uMu * Math.sqrt(shifted2) - uDelta);
    }
}
