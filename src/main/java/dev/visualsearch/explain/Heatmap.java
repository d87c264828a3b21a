package dev.visualsearch.explain;

import dev.visualsearch.embedding.framing.Framed;

/**
 * A relevance grid, row-major ({@code height} rows of {@code width}), non-negative, on the model's input grid
 * (the framed image squeezed to a square; {@link #placed} maps it back onto the whole image).
 */
public record Heatmap(int width, int height, float[] values) {

    public Heatmap {
        if (values.length != width * height) {
            throw new IllegalArgumentException(width + " x " + height + " grid with " + values.length + " values");
        }
    }

    public float min() {
        float min = Float.POSITIVE_INFINITY;
        for (float v : values) {
            min = Math.min(min, v);
        }
        return min;
    }

    public float max() {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            max = Math.max(max, v);
        }
        return max;
    }

    /** Scaled to [0,1] by the maximum; an all-zero map (nothing supports the target) stays zero. */
    public Heatmap normalised() {
        float max = max();
        float[] scaled = new float[values.length];
        if (max > 0) {
            for (int i = 0; i < values.length; i++) {
                scaled[i] = Math.max(0, values[i]) / max;
            }
        }
        return new Heatmap(width, height, scaled);
    }

    /** Value at fractional grid coordinates, bilinear with pixel centres at i + 0.5 (edges clamped). */
    public float sample(double x, double y) {
        double gx = Math.min(Math.max(x - 0.5, 0), width - 1);
        double gy = Math.min(Math.max(y - 0.5, 0), height - 1);
        int x0 = (int) gx;
        int y0 = (int) gy;
        int x1 = Math.min(x0 + 1, width - 1);
        int y1 = Math.min(y0 + 1, height - 1);
        double fx = gx - x0;
        double fy = gy - y0;
        double top = values[y0 * width + x0] * (1 - fx) + values[y0 * width + x1] * fx;
        double bottom = values[y1 * width + x0] * (1 - fx) + values[y1 * width + x1] * fx;
        return (float) (top * (1 - fy) + bottom * fy);
    }

    /**
     * This grid, computed on a framed part of an image, placed on the whole image: a finer grid (about
     * {@code cells} across the longer side) that is zero outside the frame. A whole-image frame returns this grid.
     */
    public Heatmap placed(Framed frame, int imageWidth, int imageHeight, int cells) {
        if (frame.x() == 0 && frame.y() == 0 && frame.width() == imageWidth && frame.height() == imageHeight) {
            return this;
        }
        double cell = Math.max(imageWidth, imageHeight) / (double) cells;
        int outW = Math.max(1, (int) Math.round(imageWidth / cell));
        int outH = Math.max(1, (int) Math.round(imageHeight / cell));
        float[] out = new float[outW * outH];
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                double u = ((x + 0.5) * imageWidth / outW - frame.x()) / frame.width();
                double v = ((y + 0.5) * imageHeight / outH - frame.y()) / frame.height();
                if (u >= 0 && u < 1 && v >= 0 && v < 1) {
                    out[y * outW + x] = sample(u * width, v * height);
                }
            }
        }
        return new Heatmap(outW, outH, out);
    }

    /** Upsampled to {@code outW x outH} (bilinear), row-major. */
    public float[] upsample(int outW, int outH) {
        float[] out = new float[outW * outH];
        double sx = (double) width / outW;
        double sy = (double) height / outH;
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                out[y * outW + x] = sample((x + 0.5) * sx, (y + 0.5) * sy);
            }
        }
        return out;
    }
}
