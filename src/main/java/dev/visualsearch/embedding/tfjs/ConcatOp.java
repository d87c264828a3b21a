package dev.visualsearch.embedding.tfjs;

import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

/** Keras Concatenate on the channel axis (axis 1 in NCHW). */
final class ConcatOp implements GraphOp {

    @Override
    public NDList apply(NDList inputs) {
        return new NDList(NDArrays.concat(inputs, 1));
    }
}
