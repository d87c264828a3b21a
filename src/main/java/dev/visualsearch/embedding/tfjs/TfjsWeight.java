package dev.visualsearch.embedding.tfjs;

import java.util.Arrays;

/** A dequantised weight tensor of a TF.js model, in the model's own (Keras) axis order. */
public record TfjsWeight(String name, long[] shape, float[] values) {

    public TfjsWeight {
        if (Arrays.stream(shape).reduce(1, Math::multiplyExact) != values.length) {
            throw new ModelFormatException("weight " + name + ": shape " + Arrays.toString(shape)
                    + " does not match " + values.length + " values");
        }
    }
}
