package dev.visualsearch.explain;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.visualsearch.embedding.FeatureMapModel;
import dev.visualsearch.embedding.ImagePreprocessor;
import java.util.List;

/** Forward-only scoring of edited inputs, shared by the gradient-free method and the faithfulness check. */
public final class TargetScores {

    /** Inputs per forward pass: enough to amortise the call, small enough to bound memory (~1 MB each at 299 px). */
    private static final int BATCH = 8;

    private TargetScores() {
    }

    /** The target score of each input (each 3 x S x S floats, preprocessed). */
    public static float[] of(FeatureMapModel model, CamTarget target, List<float[]> inputs) {
        int size = model.preprocessor().size();
        int pixels = 3 * size * size;
        float[] scores = new float[inputs.size()];
        for (int start = 0; start < inputs.size(); start += BATCH) {
            int n = Math.min(BATCH, inputs.size() - start);
            float[] batch = new float[n * pixels];
            for (int i = 0; i < n; i++) {
                System.arraycopy(inputs.get(start + i), 0, batch, i * pixels, pixels);
            }
            try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
                NDArray map = model.featureMap(manager, manager.create(batch, new Shape(n, 3, size, size)));
                System.arraycopy(target.score(model, map).toFloatArray(), 0, scores, start, n);
            }
        }
        return scores;
    }

    /** A copy of {@code nchw} with the pixels where {@code mask} is true set to mid-grey (0.5 before normalising). */
    public static float[] greyOut(float[] nchw, ImagePreprocessor preprocessor, boolean[] mask) {
        int plane = mask.length;
        float[] edited = nchw.clone();
        for (int c = 0; c < 3; c++) {
            float grey = preprocessor.normalised(c, 0.5f);
            for (int i = 0; i < plane; i++) {
                if (mask[i]) {
                    edited[c * plane + i] = grey;
                }
            }
        }
        return edited;
    }
}
