package dev.visualsearch.explain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.visualsearch.embedding.FeatureMapModel;

/**
 * Grad-CAM for a similarity target in closed form, valid when the embedding is the L2-normalised global average of
 * the feature map (the default model, and TorchScript models whose embedding is their pooled feature map). With
 * g = mean_ij A, e = g/|g| and S = q.e: dS/dg = (q - S e)/|g| and a_c = mean_ij dS/dA_cij = (dS/dg_c)/(H W).
 * No backward pass, so it costs one forward pass and is exactly what {@link AutogradGradCam} computes.
 */
public final class GradCam extends BaseCam {

    public static final String ID = "gradcam";

    @Override
    public String id() {
        return ID;
    }

    @Override
    protected float[] channelWeights(FeatureMapModel model, NDArray activations, CamTarget target) {
        float[] q = similarityQuery(target, activations, "The closed form");
        Shape shape = activations.getShape();
        int channels = (int) shape.get(1);
        int plane = (int) (shape.get(2) * shape.get(3));
        float[] chw = activations.toFloatArray();
        double[] g = new double[channels];
        double norm2 = 0;
        for (int c = 0; c < channels; c++) {
            double sum = 0;
            for (int i = 0; i < plane; i++) {
                sum += chw[c * plane + i];
            }
            g[c] = sum / plane;
            norm2 += g[c] * g[c];
        }
        double norm = Math.max(Math.sqrt(norm2), 1e-12);
        double s = 0;
        for (int c = 0; c < channels; c++) {
            s += q[c] * g[c] / norm;
        }
        float[] weights = new float[channels];
        for (int c = 0; c < channels; c++) {
            weights[c] = (float) ((q[c] - s * g[c] / norm) / norm / plane);
        }
        return weights;
    }
}
