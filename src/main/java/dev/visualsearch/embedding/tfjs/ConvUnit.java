package dev.visualsearch.embedding.tfjs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;

/**
 * Load-time form of a Conv2D, into which a following BatchNormalization and ReLU are folded; sibling units that
 * read the same input with the same geometry can be fused into one {@link ConvOp}. Kernels are kept O x H x W x I
 * and handed to PyTorch as an OIHW view with channels-last strides: that makes libtorch pick oneDNN's NHWC kernels
 * and keep activations channels-last, avoiding a layout reorder around every convolution (about 25 % faster).
 */
final class ConvUnit {

    final int inputSlot;
    final int outputSlot;
    final int[] kernel;
    final int[] stride;
    final String padding;
    private final int inChannels;
    private final int outChannels;
    private final float[] weightOhwi;
    private final float[] bias;
    private boolean relu;
    private boolean normalised;

    private ConvUnit(int inputSlot, int outputSlot, int[] kernel, int[] stride, String padding, int inChannels,
            float[] weightOhwi, float[] bias) {
        this.inputSlot = inputSlot;
        this.outputSlot = outputSlot;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.inChannels = inChannels;
        this.outChannels = bias.length;
        this.weightOhwi = weightOhwi;
        this.bias = bias;
    }

    /** A unit from a Keras HWIO kernel and optional bias. */
    static ConvUnit fromKeras(int inputSlot, int outputSlot, KerasLayer layer, TfjsWeight kernel, TfjsWeight bias) {
        long[] s = kernel.shape();
        if (s.length != 4) {
            throw new ModelFormatException(layer.name() + ": kernel is not 4-D");
        }
        int kh = (int) s[0];
        int kw = (int) s[1];
        int in = (int) s[2];
        int out = (int) s[3];
        float[] hwio = kernel.values();
        int perOut = kh * kw * in;
        float[] ohwi = new float[hwio.length];
        for (int j = 0; j < perOut; j++) {
            for (int o = 0; o < out; o++) {
                ohwi[o * perOut + j] = hwio[j * out + o];
            }
        }
        float[] b = bias == null ? new float[out] : bias.values().clone();
        if (b.length != out) {
            throw new ModelFormatException(layer.name() + ": bias length " + b.length + " != filters " + out);
        }
        int[] stride = {layer.intAt("strides", 0), layer.intAt("strides", 1)};
        String padding = layer.config().path("padding").asText("valid");
        return new ConvUnit(inputSlot, outputSlot, new int[] {kh, kw}, stride, padding, in, ohwi, b);
    }

    int outChannels() {
        return outChannels;
    }

    boolean relu() {
        return relu;
    }

    boolean canFoldBatchNorm() {
        return !relu && !normalised;
    }

    /** Folds y = scale * x + shift (per output channel) into weight and bias. */
    void foldAffine(float[] scale, float[] shift) {
        if (scale.length != outChannels || shift.length != outChannels) {
            throw new ModelFormatException("batch-norm size " + scale.length + " != conv filters " + outChannels);
        }
        int perOut = weightOhwi.length / outChannels;
        for (int o = 0; o < outChannels; o++) {
            for (int j = o * perOut; j < (o + 1) * perOut; j++) {
                weightOhwi[j] *= scale[o];
            }
            bias[o] = bias[o] * scale[o] + shift[o];
        }
        normalised = true;
    }

    void setRelu() {
        relu = true;
    }

    /** Whether {@code other} reads the same input with the same geometry and activation. */
    boolean fusableWith(ConvUnit other) {
        return inputSlot == other.inputSlot && Arrays.equals(kernel, other.kernel)
                && Arrays.equals(stride, other.stride) && padding.equals(other.padding) && relu == other.relu;
    }

    /** One op computing all {@code units} (fusable with each other), split back into their outputs. */
    static ConvOp toOp(List<ConvUnit> units, NDManager manager) {
        ConvUnit first = units.get(0);
        int totalOut = units.stream().mapToInt(ConvUnit::outChannels).sum();
        float[] weights = new float[totalOut * first.weightOhwi.length / first.outChannels];
        float[] biases = new float[totalOut];
        long[] splits = new long[units.size() - 1];
        int w = 0;
        int b = 0;
        for (int u = 0; u < units.size(); u++) {
            ConvUnit unit = units.get(u);
            System.arraycopy(unit.weightOhwi, 0, weights, w, unit.weightOhwi.length);
            System.arraycopy(unit.bias, 0, biases, b, unit.bias.length);
            w += unit.weightOhwi.length;
            b += unit.bias.length;
            if (u < splits.length) {
                splits[u] = b;
            }
        }
        Shape ohwi = new Shape(totalOut, first.kernel[0], first.kernel[1], first.inChannels);
        // the OHWI array must stay open: DJL wraps its Java buffer without copying, and the view reads that memory
        NDArray weight = manager.create(weights, ohwi).transpose(0, 3, 1, 2);
        return new ConvOp(weight, manager.create(biases), first.kernel, first.stride,
                first.padding, first.relu, splits);
    }
}
