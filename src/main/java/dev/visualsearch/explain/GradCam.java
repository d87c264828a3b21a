package dev.visualsearch.explain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.visualsearch.embedding.FeatureMapModel;
import dev.visualsearch.embedding.pooling.AveragePooling;
import dev.visualsearch.embedding.pooling.GemPooling;
import dev.visualsearch.embedding.pooling.Pooling;
import java.util.OptionalDouble;

/**
 * Grad-CAM for a similarity target in closed form, valid when the embedding is the L2-normalised generalised mean
 * (GeM, power p; p = 1 is the plain average) of the feature map. With g_c = (mean_ij A_cij^p)^(1/p), e = g/|g| and
 * S = q.e: dS/dg = (q - S e)/|g|, dg_c/dA_cij = A_cij^(p-1) g_c^(1-p) / (H W), so
 * a_c = mean_ij dS/dA_cij = (dS/dg_c) g_c^(1-p) mean_ij(A_cij^(p-1)) / (H W).
 * No backward pass, so it costs one forward pass and is exactly what {@link AutogradGradCam} computes. Other
 * poolings (max, R-MAC) and whitened targets have no closed form here: their weights come from autograd, the same
 * definition.
 */
public final class GradCam extends BaseCam {

    public static final String ID = "gradcam";

    @Override
    public String id() {
        return ID;
    }

    private final AutogradGradCam autograd = new AutogradGradCam();

    @Override
    protected float[] channelWeights(FeatureMapModel model, NDArray activations, CamTarget target) {
        OptionalDouble power = power(model.pooling());
        if (power.isEmpty() || target instanceof WhitenedSimilarityTarget) {
            return autograd.channelWeights(model, activations, target);
        }
        float[] q = similarityQuery(target, activations, "The closed form");
        double p = power.getAsDouble();
        // GeM clamps activations to at least GemPooling.EPSILON; the closed form clamps the same way.
        Shape shape = activations.getShape();
        int channels = (int) shape.get(1);
        int plane = (int) (shape.get(2) * shape.get(3));
        float[] chw = activations.toFloatArray();
        double[] g = new double[channels];
        double[] slope = new double[channels];
        double norm2 = 0;
        for (int c = 0; c < channels; c++) {
            double sumP = 0;
            double sumP1 = 0;
            for (int i = 0; i < plane; i++) {
                double a = p == 1 ? chw[c * plane + i] : Math.max(chw[c * plane + i], GemPooling.EPSILON);
                sumP += p == 1 ? a : Math.pow(a, p);
                sumP1 += p == 1 ? 1 : Math.pow(a, p - 1);
            }
            g[c] = p == 1 ? sumP / plane : Math.pow(sumP / plane, 1 / p);
            // mean_ij dg_c/dA_cij
            slope[c] = (p == 1 ? 1 : Math.pow(g[c], 1 - p) * sumP1 / plane) / plane;
            norm2 += g[c] * g[c];
        }
        double norm = Math.max(Math.sqrt(norm2), 1e-12);
        double s = 0;
        for (int c = 0; c < channels; c++) {
            s += q[c] * g[c] / norm;
        }
        float[] weights = new float[channels];
        for (int c = 0; c < channels; c++) {
            weights[c] = (float) ((q[c] - s * g[c] / norm) / norm * slope[c]);
        }
        return weights;
    }

    /** The GeM power of a pooling the closed form covers (average: 1), or empty. */
    static OptionalDouble power(Pooling pooling) {
        if (pooling instanceof AveragePooling) {
            return OptionalDouble.of(1);
        }
        if (pooling instanceof GemPooling gem) {
            return OptionalDouble.of(gem.p());
        }
        return OptionalDouble.empty();
    }
}
