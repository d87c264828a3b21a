package dev.visualsearch.embedding.framing;

import java.awt.image.BufferedImage;

/**
 * Salient-object segmentation: for each pixel of a photo, how likely it belongs to the photo's main object. What
 * {@link SalientFraming} uses to cut a product out of a busy background; the model behind it is an adapter
 * ({@code embedding/onnx}).
 */
public interface ForegroundMask {

    /** Short stable name of the segmentation model (it becomes part of the framing's, so the model's, id). */
    String id();

    /** The foreground probability of every pixel, row-major, {@code width * height} values in [0, 1]. */
    float[] alpha(BufferedImage image);
}
