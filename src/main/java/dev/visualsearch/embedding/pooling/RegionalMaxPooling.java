package dev.visualsearch.embedding.pooling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;

/**
 * R-MAC (Tolias, Sicre and Jegou 2016): square regions on a grid of {@code levels} scales (level l has regions of
 * side 2·min(H,W)/(l+1), spread with overlap over the map), each max-pooled and L2-normalised, then summed. Objects
 * that fill only part of the frame still own whole regions.
 */
public final class RegionalMaxPooling implements Pooling {

    private final int levels;

    public RegionalMaxPooling(int levels) {
        this.levels = levels;
    }

    @Override
    public String id() {
        return "rmac" + levels;
    }

    @Override
    public NDArray pool(NDArray featureMap) {
        long height = featureMap.getShape().get(2);
        long width = featureMap.getShape().get(3);
        NDArray sum = null;
        for (int level = 1; level <= levels; level++) {
            int side = (int) Math.max(1, Math.floor(2.0 * Math.min(height, width) / (level + 1)));
            for (long y : starts(height, side, level)) {
                for (long x : starts(width, side, level)) {
                    NDArray region = Pooling.cells(featureMap.get(
                            new NDIndex(":, :, {}:{}, {}:{}", y, y + side, x, x + side))).max(new int[] {2});
                    NDArray normalised = region.div(region.norm(new int[] {1}, true).maximum(1e-12f));
                    sum = sum == null ? normalised : sum.add(normalised);
                }
            }
        }
        return sum;
    }

    /** Start offsets of {@code level} regions of {@code side} cells spread evenly over {@code extent} cells. */
    static long[] starts(long extent, int side, int level) {
        int count = level;
        long[] starts = new long[count];
        for (int i = 0; i < count; i++) {
            starts[i] = count == 1 ? (extent - side) / 2 : Math.round(i * (double) (extent - side) / (count - 1));
        }
        return starts;
    }
}
