package dev.visualsearch.explain;

import dev.visualsearch.embedding.FeatureMapModel;

/**
 * A class-activation-map method: which parts of an image drive a target score. One class per method; blocking
 * (inference), so call from worker threads.
 */
public interface CamMethod {

    /** The name used in the API's {@code method} parameter and in cache keys. */
    String id();

    /**
     * Computes the heatmap of one preprocessed image.
     *
     * @param nchw one image as the model's input, 3 x S x S floats ({@link FeatureMapModel#preprocessor()})
     * @return a non-negative grid (not normalised), on the feature map's grid for gradient methods
     */
    Heatmap compute(FeatureMapModel model, float[] nchw, CamTarget target);
}
