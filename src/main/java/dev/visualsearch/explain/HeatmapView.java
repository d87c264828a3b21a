package dev.visualsearch.explain;

import dev.visualsearch.embedding.framing.Framed;

/**
 * The JSON view of an explanation: the relevance grid row-major ({@code height} rows of {@code width}), scaled to
 * [0,1] by its maximum; {@code min} and {@code max} are the raw values before scaling (their unit depends on the
 * method: d cosine / d activation for Grad-CAM, cosine drop for occlusion). {@code explained} and
 * {@code reference} name the images by SHA-256: the heatmap is drawn on the first for its similarity to the second.
 * The grid covers the part of the explained image the model saw ({@code frame}: x, y, width, height as fractions of
 * the image; the whole image is 0, 0, 1, 1), e.g. the product cut out of a plain background.
 */
public record HeatmapView(int width, int height, float[] values, float min, float max, String method, String target,
                          String model, String layer, String explained, String reference, float[] frame) {

    /** Cells across the longer side when the grid is placed back onto an image the model saw only part of. */
    private static final int PLACED_CELLS = 96;

    Heatmap grid() {
        return new Heatmap(width, height, values);
    }

    /** The grid on the whole explained image of the given size (zero outside the frame). */
    Heatmap onImage(int imageWidth, int imageHeight) {
        float[] f = frame == null ? new float[] {0, 0, 1, 1} : frame;
        Framed box = new Framed(null, Math.round(f[0] * imageWidth), Math.round(f[1] * imageHeight),
                Math.max(1, Math.round(f[2] * imageWidth)), Math.max(1, Math.round(f[3] * imageHeight)));
        return grid().placed(box, imageWidth, imageHeight, PLACED_CELLS);
    }

    static float[] frameOf(Framed framed, int imageWidth, int imageHeight) {
        return new float[] {framed.x() / (float) imageWidth, framed.y() / (float) imageHeight,
            framed.width() / (float) imageWidth, framed.height() / (float) imageHeight};
    }
}
