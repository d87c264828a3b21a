package dev.visualsearch.embedding.pooling;

import ai.djl.ndarray.NDArray;
import java.util.Locale;

/**
 * Turns a feature map (N x C x H x W, non-negative after the backbone's ReLU) into one descriptor per image
 * (N x C, not yet normalised). Plain NDArray operations only, so gradients flow through every method and
 * explanations can differentiate the embedding. One small class per method, as in {@code explain/}.
 */
public interface Pooling {

    /** Stable short name that becomes part of the model id, e.g. {@code gem3}. */
    String id();

    /** N x C x H x W to N x C. */
    NDArray pool(NDArray featureMap);

    /** N x C x H x W as N x C x (H W): the engine reduces over one axis at a time. */
    static NDArray cells(NDArray featureMap) {
        var shape = featureMap.getShape();
        return featureMap.reshape(shape.get(0), shape.get(1), -1);
    }

    /**
     * A pooling by its configured name: {@code avg}, {@code max}, {@code gem} or {@code gem:P} (generalised mean of
     * power P, default 3), {@code rmac} (regional max over a 3-level grid, Tolias et al. 2016).
     */
    static Pooling parse(String spec) {
        String name = spec.trim().toLowerCase(Locale.ROOT);
        if (name.equals("avg")) {
            return new AveragePooling();
        }
        if (name.equals("max")) {
            return new MaxPooling();
        }
        if (name.equals("rmac")) {
            return new RegionalMaxPooling(3);
        }
        if (name.equals("gem") || name.startsWith("gem:")) {
            double p = name.equals("gem") ? GemPooling.DEFAULT_P : parsePower(spec, name.substring(4));
            return new GemPooling(p);
        }
        throw new IllegalArgumentException("Unknown pooling '" + spec + "': use avg, max, gem, gem:P or rmac");
    }

    private static double parsePower(String spec, String value) {
        try {
            double p = Double.parseDouble(value);
            if (p >= 1 && p <= 16) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("GeM power in '" + spec + "' must be a number from 1 to 16");
    }
}
