package dev.visualsearch.embedding.pooling;

import ai.djl.ndarray.NDArray;

/** Global average over the grid: the classic pooled CNN feature, and the closed form Grad-CAM assumes. */
public final class AveragePooling implements Pooling {

    @Override
    public String id() {
        return "avg";
    }

    @Override
    public NDArray pool(NDArray featureMap) {
        return Pooling.cells(featureMap).mean(new int[] {2});
    }
}
