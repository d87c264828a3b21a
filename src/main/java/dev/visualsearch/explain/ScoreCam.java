package dev.visualsearch.explain;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.visualsearch.embedding.FeatureMapModel;
import dev.visualsearch.embedding.ImagePreprocessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Score-CAM (Wang et al., 2020), gradient-free: each activation map A_k of the target layer, upsampled to the input
 * and scaled to [0, 1], masks the image (grey where the map is 0); the channel's weight is how much the target score
 * of that masked image exceeds the score of an all-grey image, clipped at 0 (the "channel-wise increase of
 * confidence"); the map is ReLU(sum_k w_k A_k). Raw increases rather than the paper's softmax: a cosine lives in
 * [-1, 1], where a softmax would give every channel nearly the same weight.
 *
 * <p>The full method costs one forward pass per channel (768 at mixed6). As in Faster Score-CAM, only the
 * {@code channels} maps with the largest spatial variance are scored: flat maps mask nothing and barely move the
 * score. Cost: channels + 2 forward passes.
 */
public final class ScoreCam implements CamMethod {

    public static final String ID = "scorecam";

    private final int channels;

    public ScoreCam(int channels) {
        if (channels < 1) {
            throw new IllegalArgumentException("Score-CAM needs at least one channel, got " + channels);
        }
        this.channels = channels;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Heatmap compute(FeatureMapModel model, float[] nchw, CamTarget target) {
        ImagePreprocessor preprocessor = model.preprocessor();
        int size = preprocessor.size();
        float[] chw;
        int height;
        int width;
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray activations = model.featureMap(manager, manager.create(nchw, new Shape(1, 3, size, size)));
            Shape shape = activations.getShape();
            height = (int) shape.get(2);
            width = (int) shape.get(3);
            chw = activations.toFloatArray();
        }
        int plane = height * width;
        int total = chw.length / plane;
        int[] chosen = mostVaried(chw, total, plane, Math.min(channels, total));
        List<float[]> inputs = new ArrayList<>(chosen.length + 1);
        boolean[] everything = new boolean[size * size];
        Arrays.fill(everything, true);
        inputs.add(TargetScores.greyOut(nchw, preprocessor, everything));
        for (int c : chosen) {
            float[] mask = new Heatmap(width, height, Arrays.copyOfRange(chw, c * plane, (c + 1) * plane))
                    .upsample(size, size);
            inputs.add(blend(nchw, preprocessor, minMax(mask)));
        }
        float[] scores = TargetScores.of(model, target, inputs);
        float[] weights = new float[total];
        for (int i = 0; i < chosen.length; i++) {
            weights[chosen[i]] = Math.max(0, scores[i + 1] - scores[0]);
        }
        return BaseCam.weightedSum(chw, weights, 0, height, width);
    }

    /** The {@code n} channels whose maps vary most over the grid. */
    private static int[] mostVaried(float[] chw, int total, int plane, int n) {
        double[] variance = new double[total];
        for (int c = 0; c < total; c++) {
            double sum = 0;
            double squares = 0;
            for (int i = 0; i < plane; i++) {
                double v = chw[c * plane + i];
                sum += v;
                squares += v * v;
            }
            double mean = sum / plane;
            variance[c] = squares / plane - mean * mean;
        }
        return IntStream.range(0, total).boxed()
                .sorted(Comparator.comparingDouble((Integer c) -> variance[c]).reversed().thenComparing(c -> c))
                .limit(n).mapToInt(Integer::intValue).toArray();
    }

    /** Scaled in place to [0, 1] by its minimum and maximum (a flat map masks everything out). */
    private static float[] minMax(float[] values) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        float range = max - min;
        for (int i = 0; i < values.length; i++) {
            values[i] = range > 0 ? (values[i] - min) / range : 0;
        }
        return values;
    }

    /** grey + mask * (image - grey), per pixel, in the model's normalised space. */
    private static float[] blend(float[] nchw, ImagePreprocessor preprocessor, float[] mask) {
        int plane = mask.length;
        float[] blended = new float[nchw.length];
        for (int c = 0; c < 3; c++) {
            float grey = preprocessor.normalised(c, 0.5f);
            for (int i = 0; i < plane; i++) {
                float m = mask[i];
                blended[c * plane + i] = grey + m * (nchw[c * plane + i] - grey);
            }
        }
        return blended;
    }
}
