package dev.visualsearch.explain;

/**
 * The JSON view of an explanation: the relevance grid row-major ({@code height} rows of {@code width}), scaled to
 * [0,1] by its maximum; {@code min} and {@code max} are the raw values before scaling (their unit depends on the
 * method: d cosine / d activation for Grad-CAM, cosine drop for occlusion). {@code explained} and
 * {@code reference} name the images by SHA-256: the heatmap is drawn on the first for its similarity to the second.
 */
public record HeatmapView(int width, int height, float[] values, float min, float max, String method, String target,
                          String model, String layer, String explained, String reference) {

    Heatmap grid() {
        return new Heatmap(width, height, values);
    }
}
