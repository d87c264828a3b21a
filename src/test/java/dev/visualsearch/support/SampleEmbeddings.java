package dev.visualsearch.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

/**
 * Real embeddings of the 562 sample products under the default model (see ExportSampleEmbeddings), and larger
 * synthetic sets drawn around them, so that ANN recall is measured on vectors shaped like real ones.
 */
public final class SampleEmbeddings {

    public static final int DIM = 768;

    private SampleEmbeddings() {
    }

    public static float[][] real() {
        try (InputStream in = SampleEmbeddings.class.getResourceAsStream("/embeddings/sample-inception-mixed6.f32")) {
            ByteBuffer bytes = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
            float[][] rows = new float[bytes.remaining() / (DIM * Float.BYTES)][DIM];
            for (float[] row : rows) {
                bytes.asFloatBuffer().get(row);
                bytes.position(bytes.position() + DIM * Float.BYTES);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code n} unit vectors, each a real embedding plus Gaussian noise of the given relative size, renormalised:
     * clusters around real products, as a larger catalogue of similar items would look.
     */
    public static float[][] around(float[][] real, int n, double noise, long seed) {
        Random random = new Random(seed);
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = around(real, noise, random);
        }
        return out;
    }

    /** One such vector, drawn from {@code random} (for sets too large to hold twice). */
    public static float[] around(float[][] real, double noise, Random random) {
        double scale = noise / Math.sqrt(DIM);
        float[] base = real[random.nextInt(real.length)];
        float[] out = new float[DIM];
        double norm = 0;
        for (int d = 0; d < DIM; d++) {
            out[d] = (float) (base[d] + random.nextGaussian() * scale);
            norm += out[d] * out[d];
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int d = 0; d < DIM; d++) {
            out[d] *= inv;
        }
        return out;
    }
}
