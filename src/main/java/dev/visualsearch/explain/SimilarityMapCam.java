package dev.visualsearch.explain;

import ai.djl.ndarray.NDArray;
import dev.visualsearch.embedding.FeatureMapModel;

/**
 * The similarity map of Stylianou et al. ("Visualizing Deep Similarity Networks", WACV 2019): for an embedding that
 * is the L2-normalised average of the feature map, cos(q, e) = mean_ij (q . A_ij) / |g|, so q . A_ij is exactly the
 * share of the cosine that grid cell (i, j) contributes. The map is ReLU(sum_c q_c A_cij): weights a_c = q_c,
 * no gradients, one forward pass. Unlike Grad-CAM's weights, whose map averages to zero for a normalised embedding
 * (see docs/evaluation.md), these sum the similarity itself, so the bright regions are where the match lives.
 */
public final class SimilarityMapCam extends BaseCam {

    public static final String ID = "simmap";

    @Override
    public String id() {
        return ID;
    }

    @Override
    protected float[] channelWeights(FeatureMapModel model, NDArray activations, CamTarget target) {
        return similarityQuery(target, activations, "The similarity map").clone();
    }
}
