package dev.visualsearch.explain;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.visualsearch.embedding.FeatureMapModel;

/**
 * The shared shape of Grad-CAM-like methods: one forward pass to the target layer's activations A (C x H x W),
 * per-channel weights a_c from the subclass, and the map ReLU(sum_c a_c A_c).
 */
public abstract class BaseCam implements CamMethod {

    @Override
    public final Heatmap compute(FeatureMapModel model, float[] nchw, CamTarget target) {
        int size = model.preprocessor().size();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray input = manager.create(nchw, new Shape(1, 3, size, size));
            NDArray activations = model.featureMap(manager, input);
            Shape shape = activations.getShape();
            if (shape.dimension() != 4 || shape.get(0) != 1) {
                throw new IllegalStateException("Expected a 1 x C x H x W feature map, got " + shape);
            }
            float[] weights = channelWeights(model, activations, target);
            float[] chw = activations.toFloatArray();
            int height = (int) shape.get(2);
            int width = (int) shape.get(3);
            return weightedSum(chw, weights, cellOffset(chw, weights, height * width, target), height, width);
        }
    }

    /** The weight a_c of each channel of {@code activations} (1 x C x H x W) for {@code target}. */
    protected abstract float[] channelWeights(FeatureMapModel model, NDArray activations, CamTarget target);

    /** What each cell's weighted sum is reduced by before the ReLU; 0 unless a method's decomposition has one. */
    protected double cellOffset(float[] chw, float[] weights, int plane, CamTarget target) {
        return 0;
    }

    /**
     * The reference vector q of a similarity target, checked against the map's channel count: the weights of the
     * closed-form methods are built from it. Other targets need gradients ({@link AutogradGradCam}).
     */
    static float[] similarityQuery(CamTarget target, NDArray activations, String method) {
        if (!(target instanceof SimilarityTarget similarity)) {
            throw new UnsupportedOperationException(method + " covers similarity targets only; use "
                    + AutogradGradCam.ID + " for " + target.describe());
        }
        long channels = activations.getShape().get(1);
        if (similarity.q().length != channels) {
            throw new IllegalArgumentException("Target vector has " + similarity.q().length + " values, the map "
                    + channels + " channels");
        }
        return similarity.q();
    }

    /** ReLU(sum_c w_c A_c - offset) over a C x H x W map given as flat floats. */
    static Heatmap weightedSum(float[] chw, float[] weights, double offset, int height, int width) {
        int plane = height * width;
        double[] sum = new double[plane];
        for (int c = 0; c < weights.length; c++) {
            double w = weights[c];
            int base = c * plane;
            for (int i = 0; i < plane; i++) {
                sum[i] += w * chw[base + i];
            }
        }
        float[] values = new float[plane];
        for (int i = 0; i < plane; i++) {
            values[i] = (float) Math.max(0, sum[i] - offset);
        }
        return new Heatmap(width, height, values);
    }
}
