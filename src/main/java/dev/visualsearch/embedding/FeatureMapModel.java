package dev.visualsearch.embedding;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.visualsearch.embedding.framing.Framing;
import dev.visualsearch.embedding.framing.WholeImage;
import dev.visualsearch.embedding.pooling.AveragePooling;
import dev.visualsearch.embedding.pooling.Pooling;

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

    /** How the feature map becomes the embedding (Grad-CAM's closed form covers average and GeM). */
    default Pooling pooling() {
        return new AveragePooling();
    }

    /** Which part of an image the model embeds; explanations draw their map back onto that part. */
    default Framing framing() {
        return new WholeImage();
    }

    /**
     * The embedding computed from a feature map: {@link #pooling()} over the grid, L2-normalised (N x C). Plain
     * NDArray operations, so gradients flow through it.
     */
    default NDArray embedding(NDArray featureMap) {
        NDArray pooled = pooling().pool(featureMap);
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
