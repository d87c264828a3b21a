package dev.visualsearch.embedding;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Optional;

/**
 * A CNN that turns images into L2-normalised vectors. Implementations are thread-safe, loaded once and shared;
 * calls block (inference) and must run on worker threads.
 */
public interface EmbeddingModel extends AutoCloseable {

    /** Stable identifier stored with every vector; a different model or different weights give a different id. */
    String id();

    /** What users are told about the model. */
    String description();

    int dimension();

    /** Square input side in pixels that images are resized to. */
    int inputSize();

    /** One L2-normalised vector per image, in order. */
    float[][] embed(List<BufferedImage> images);

    default float[] embed(BufferedImage image) {
        return embed(List.of(image))[0];
    }

    /** This model's feature maps for explanations, where it exposes them. */
    default Optional<FeatureMapModel> featureMaps() {
        return Optional.empty();
    }

    @Override
    void close();
}
