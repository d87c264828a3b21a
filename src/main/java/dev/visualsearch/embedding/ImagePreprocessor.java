package dev.visualsearch.embedding;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.SinglePixelPackedSampleModel;
import java.util.List;

/**
 * Resizes RGB images to the model's square input and lays them out as one NCHW float batch in [0,1], optionally
 * normalised by per-channel mean and std. The resize reproduces PIL's bilinear filter (a triangle filter whose
 * support widens when shrinking, i.e. antialiased, rounded to 8 bits after each pass), because the reference
 * embeddings were computed from PIL-resized images and naive bilinear sampling aliases badly when downscaling.
 */
public final class ImagePreprocessor {

    private final int size;
    private final float[] mean;
    private final float[] std;

    public ImagePreprocessor(int size, float[] mean, float[] std) {
        this.size = size;
        this.mean = mean;
        this.std = std;
    }

    /** [0,1] scaling only, no mean/std (the InceptionV3 backbone's convention). */
    public static ImagePreprocessor unitRange(int size) {
        return new ImagePreprocessor(size, new float[] {0, 0, 0}, new float[] {1, 1, 1});
    }

    public int size() {
        return size;
    }

    /** The input value of a channel whose pixel value is {@code unit} (in [0,1]); e.g. 0.5 for a grey-out. */
    public float normalised(int channel, float unit) {
        return (unit - mean[channel]) / std[channel];
    }

    public float[] toNchw(List<BufferedImage> images) {
        int plane = size * size;
        float[] batch = new float[images.size() * 3 * plane];
        for (int n = 0; n < images.size(); n++) {
            int[] rgb = resize(images.get(n), size, size);
            int base = n * 3 * plane;
            for (int i = 0; i < plane; i++) {
                int p = rgb[i];
                batch[base + i] = (((p >> 16) & 0xFF) / 255f - mean[0]) / std[0];
                batch[base + plane + i] = (((p >> 8) & 0xFF) / 255f - mean[1]) / std[1];
                batch[base + 2 * plane + i] = ((p & 0xFF) / 255f - mean[2]) / std[2];
            }
        }
        return batch;
    }

    /** PIL-compatible bilinear resize: horizontal pass, then vertical, each rounded to 8 bits. Returns packed RGB. */
    static int[] resize(BufferedImage image, int outW, int outH) {
        int inW = image.getWidth();
        int inH = image.getHeight();
        int[] src = pixels(image);
        int[] horizontal = pass(src, inW, inH, outW, true);
        return pass(horizontal, outW, inH, outH, false);
    }

    /**
     * Packed RGB of the image. Decoded uploads are TYPE_INT_RGB, whose backing array is read directly; getRGB goes
     * through the colour model pixel by pixel, which cost more than the resize itself.
     */
    private static int[] pixels(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        if (image.getType() == BufferedImage.TYPE_INT_RGB
                && image.getRaster().getDataBuffer() instanceof DataBufferInt buffer
                && image.getRaster().getSampleModel() instanceof SinglePixelPackedSampleModel model
                && model.getScanlineStride() == width && buffer.getNumBanks() == 1
                && image.getRaster().getSampleModelTranslateX() == 0
                && image.getRaster().getSampleModelTranslateY() == 0) {
            return buffer.getData();
        }
        return image.getRGB(0, 0, width, height, null, 0, width);
    }

    private static int[] pass(int[] src, int width, int height, int outSize, boolean horizontal) {
        int inSize = horizontal ? width : height;
        Kernel kernel = Kernel.bilinear(inSize, outSize);
        int outW = horizontal ? outSize : width;
        int outH = horizontal ? height : outSize;
        int[] out = new int[outW * outH];
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                int o = horizontal ? x : y;
                double r = 0;
                double g = 0;
                double b = 0;
                for (int k = 0; k < kernel.count[o]; k++) {
                    int i = kernel.first[o] + k;
                    int p = horizontal ? src[y * width + i] : src[i * width + x];
                    double w = kernel.weights[o][k];
                    r += w * ((p >> 16) & 0xFF);
                    g += w * ((p >> 8) & 0xFF);
                    b += w * (p & 0xFF);
                }
                out[y * outW + x] = (clip8(r) << 16) | (clip8(g) << 8) | clip8(b);
            }
        }
        return out;
    }

    /** Rounds half up like Math.round (the weights are non-negative, so value >= 0), without its slow path. */
    private static int clip8(double value) {
        int rounded = (int) (value + 0.5);
        return rounded > 255 ? 255 : Math.max(rounded, 0);
    }

    /** Per output pixel: the first input pixel, how many contribute, and their normalised weights. */
    private record Kernel(int[] first, int[] count, double[][] weights) {

        static Kernel bilinear(int inSize, int outSize) {
            double scale = (double) inSize / outSize;
            double filterScale = Math.max(scale, 1.0);
            double support = filterScale;
            int[] first = new int[outSize];
            int[] count = new int[outSize];
            double[][] weights = new double[outSize][];
            for (int o = 0; o < outSize; o++) {
                double center = (o + 0.5) * scale;
                int min = Math.max(0, (int) (center - support + 0.5));
                int max = Math.min(inSize, (int) (center + support + 0.5));
                double[] w = new double[max - min];
                double total = 0;
                for (int i = 0; i < w.length; i++) {
                    double t = Math.abs((i + min - center + 0.5) / filterScale);
                    w[i] = t < 1 ? 1 - t : 0;
                    total += w[i];
                }
                if (total > 0) {
                    for (int i = 0; i < w.length; i++) {
                        w[i] /= total;
                    }
                }
                first[o] = min;
                count[o] = w.length;
                weights[o] = w;
            }
            return new Kernel(first, count, weights);
        }
    }
}
