package dev.visualsearch.explain;

import ai.djl.ndarray.NDArray;
import dev.visualsearch.embedding.FeatureMapModel;

/** The scalar a CAM explains, computed from a feature map (pytorch-grad-cam's "targets"). */
public sealed interface CamTarget permits SimilarityTarget, WhitenedSimilarityTarget, ClassTarget {

    /** One score per image (N) from a feature map batch (N x C x H x W); differentiable NDArray operations. */
    NDArray score(FeatureMapModel model, NDArray featureMap);

    /** Short words for the JSON view and the cache key. */
    String describe();
}
