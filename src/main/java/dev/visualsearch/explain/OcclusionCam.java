package dev.visualsearch.explain;

import dev.visualsearch.embedding.FeatureMapModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Gradient-free occlusion sensitivity: the image is cut into a {@code grid x grid} lattice of cells, a window of
 * 2 x 2 cells is greyed out at every cell position (stride one cell, (grid-1)^2 windows), and a cell's relevance is
 * the mean drop of the target score over the windows covering it, clipped at zero. It needs only forward passes,
 * so it also explains models with no usable gradients, at the price of (grid-1)^2 + 1 of them.
 */
public final class OcclusionCam implements CamMethod {

    public static final String ID = "occlusion";

    private final int grid;

    public OcclusionCam(int grid) {
        if (grid < 2) {
            throw new IllegalArgumentException("The occlusion grid needs at least 2 cells a side, got " + grid);
        }
        this.grid = grid;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Heatmap compute(FeatureMapModel model, float[] nchw, CamTarget target) {
        int size = model.preprocessor().size();
        int windows = grid - 1;
        List<float[]> inputs = new ArrayList<>(windows * windows + 1);
        inputs.add(nchw);
        for (int wy = 0; wy < windows; wy++) {
            for (int wx = 0; wx < windows; wx++) {
                inputs.add(TargetScores.greyOut(nchw, model.preprocessor(), window(size, wx, wy)));
            }
        }
        float[] scores = TargetScores.of(model, target, inputs);
        double[] drop = new double[grid * grid];
        int[] covered = new int[grid * grid];
        for (int wy = 0; wy < windows; wy++) {
            for (int wx = 0; wx < windows; wx++) {
                double delta = scores[0] - scores[1 + wy * windows + wx];
                for (int cy = wy; cy < wy + 2; cy++) {
                    for (int cx = wx; cx < wx + 2; cx++) {
                        drop[cy * grid + cx] += delta;
                        covered[cy * grid + cx]++;
                    }
                }
            }
        }
        float[] values = new float[grid * grid];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) Math.max(0, drop[i] / covered[i]);
        }
        return new Heatmap(grid, grid, values);
    }

    /** The pixels of the 2 x 2-cell window whose top-left cell is (wx, wy). */
    private boolean[] window(int size, int wx, int wy) {
        boolean[] mask = new boolean[size * size];
        int x0 = bound(wx, size);
        int x1 = bound(wx + 2, size);
        int y0 = bound(wy, size);
        int y1 = bound(wy + 2, size);
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                mask[y * size + x] = true;
            }
        }
        return mask;
    }

    private int bound(int cell, int size) {
        return (int) Math.round((double) cell * size / grid);
    }
}
