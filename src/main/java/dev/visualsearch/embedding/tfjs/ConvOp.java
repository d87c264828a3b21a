package dev.visualsearch.embedding.tfjs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;

/**
 * Convolution with batch-norm folded into weight and bias, optional ReLU, and an optional split of the output
 * channels (several sibling convolutions of the same input fused into one).
 */
final class ConvOp implements GraphOp {

    private static final Shape NO_DILATION = new Shape(1, 1);

    private final NDArray weight;
    private final NDArray bias;
    private final int[] kernel;
    private final int[] stride;
    private final String padding;
    private final boolean relu;
    private final long[] splitIndices;

    ConvOp(NDArray weight, NDArray bias, int[] kernel, int[] stride, String padding, boolean relu,
            long[] splitIndices) {
        this.weight = weight;
        this.bias = bias;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.relu = relu;
        this.splitIndices = splitIndices;
    }

    @Override
    public NDList apply(NDList inputs) {
        NDArray x = inputs.singletonOrThrow();
        Shape shape = x.getShape();
        Padding2d pad = Padding2d.keras(padding, shape.get(2), shape.get(3), kernel, stride);
        NDArray y;
        if (pad.isSymmetric()) {
            y = convolve(x, pad.symmetric());
        } else {
            try (NDArray padded = pad.apply(x, 0)) {
                y = convolve(padded, Padding2d.NONE.symmetric());
            }
        }
        if (relu) {
            NDArray activated = y.getNDArrayInternal().relu();
            y.close();
            y = activated;
        }
        if (splitIndices.length == 0) {
            return new NDList(y);
        }
        NDList parts = y.split(splitIndices, 1);
        y.close();
        return parts;
    }

    private NDArray convolve(NDArray x, Shape pad) {
        return x.getNDArrayInternal()
                .convolution(x, weight, bias, new Shape(stride[0], stride[1]), pad, NO_DILATION, 1)
                .singletonOrThrow();
    }
}
