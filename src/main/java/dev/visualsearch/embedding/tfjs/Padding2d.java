package dev.visualsearch.embedding.tfjs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Spatial padding of a Keras conv or pooling layer. Keras/TF "same" puts the odd extra row/column at the
 * bottom/right, which PyTorch's symmetric padding argument cannot express, so such padding is applied explicitly.
 */
record Padding2d(long top, long bottom, long left, long right) {

    static final Padding2d NONE = new Padding2d(0, 0, 0, 0);

    /** Padding for a Keras {@code padding} mode, given the input's height and width. */
    static Padding2d keras(String mode, long height, long width, int[] kernel, int[] stride) {
        switch (mode) {
            case "valid":
                return NONE;
            case "same": {
                long padH = samePadTotal(height, kernel[0], stride[0]);
                long padW = samePadTotal(width, kernel[1], stride[1]);
                return new Padding2d(padH / 2, padH - padH / 2, padW / 2, padW - padW / 2);
            }
            default:
                throw new ModelFormatException("unsupported padding mode: " + mode);
        }
    }

    private static long samePadTotal(long in, int kernel, int stride) {
        long out = (in + stride - 1) / stride;
        return Math.max((out - 1) * stride + kernel - in, 0);
    }

    boolean isSymmetric() {
        return top == bottom && left == right;
    }

    /** The symmetric padding as PyTorch's (height, width) argument. */
    Shape symmetric() {
        return new Shape(top, left);
    }

    /** Pads an NCHW array explicitly with {@code value}. */
    NDArray apply(NDArray nchw, double value) {
        return nchw.pad(new Shape(left, right, top, bottom), value);
    }
}
