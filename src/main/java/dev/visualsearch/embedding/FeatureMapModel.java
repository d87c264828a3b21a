package dev.visualsearch.embedding;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * An embedding model that also exposes the feature map its embedding is pooled from, so that explanations
 * (Grad-CAM and friends) can weigh its channels. Obtained with {@link EmbeddingModel#featureMaps()}.
 */
public interface FeatureMapModel extends EmbeddingModel {

    /** Name of the layer whose output {@link #featureMap} returns, e.g. {@code mixed6}. */
    String featureLayer();

    /** How images become the model's input; explanations preprocess exactly like embedding does. */
    ImagePreprocessor preprocessor();

    /** The feature map (N x C x H x W) of a preprocessed NCHW batch, attached to {@code manager}. */
    NDArray featureMap(NDManager manager, NDArray nchw);

    /**
     * The embedding computed from a feature map: global average over the grid, L2-normalised (N x C). Plain
     * NDArray operations, so gradients flow through it. Grad-CAM's closed form relies on exactly this head.
     */
    default NDArray embedding(NDArray featureMap) {
        Shape shape = featureMap.getShape();
        NDArray pooled = featureMap.reshape(shape.get(0), shape.get(1), -1).mean(new int[] {2});
        return pooled.div(pooled.norm(new int[] {1}, true).maximum(1e-12f));
    }

    /** Whether {@link #logits} is available (a classifier with a head on the feature map). */
    default boolean hasLogits() {
        return false;
    }

    /** Class logits (N x K) from a feature map; differentiable with respect to the feature map. */
    default NDArray logits(NDArray featureMap) {
        throw new UnsupportedOperationException(id() + " exposes no classifier head");
    }
}
