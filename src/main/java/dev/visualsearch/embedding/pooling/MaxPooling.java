package dev.visualsearch.embedding.pooling;

import ai.djl.ndarray.NDArray;

/** Global max over the grid (MAC): each channel reports its strongest response anywhere in the image. */
public final class MaxPooling implements Pooling {

    @Override
    public String id() {
        return "max";
    }

    @Override
    public NDArray pool(NDArray featureMap) {
        return Pooling.cells(featureMap).max(new int[] {2});
    }
}
