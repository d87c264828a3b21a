package dev.visualsearch.embedding.tfjs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;

/**
 * Keras max or average pooling. TF "same" average pooling divides by the number of non-padding cells; DJL 0.36's
 * PyTorch avgPool ignores {@code countIncludePad} and always counts the padding, so the divisor is restored by
 * dividing by the average pool of a ones mask padded the same way.
 */
final class PoolOp implements GraphOp {

    private final boolean max;
    private final int[] kernel;
    private final int[] stride;
    private final String padding;

    PoolOp(boolean max, int[] kernel, int[] stride, String padding) {
        this.max = max;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
    }

    @Override
    public NDList apply(NDList inputs) {
        NDArray x = inputs.singletonOrThrow();
        Shape shape = x.getShape();
        Padding2d pad = Padding2d.keras(padding, shape.get(2), shape.get(3), kernel, stride);
        if (max) {
            return new NDList(pool(x, pad, Double.NEGATIVE_INFINITY));
        }
        if (pad.equals(Padding2d.NONE)) {
            return new NDList(pool(x, pad, 0));
        }
        try (NDArray ones = x.getManager().ones(new Shape(1, 1, shape.get(2), shape.get(3)), x.getDataType());
                NDArray sums = pool(x, pad, 0);
                NDArray counts = pool(ones, pad, 0)) {
            return new NDList(sums.div(counts));
        }
    }

    private NDArray pool(NDArray x, Padding2d pad, double padValue) {
        if (!pad.isSymmetric()) {
            try (NDArray padded = pad.apply(x, padValue)) {
                return pool(padded, Padding2d.NONE, padValue);
            }
        }
        Shape k = new Shape(kernel[0], kernel[1]);
        Shape s = new Shape(stride[0], stride[1]);
        return max
                ? x.getNDArrayInternal().maxPool(k, s, pad.symmetric(), false)
                : x.getNDArrayInternal().avgPool(k, s, pad.symmetric(), false, true);
    }
}
