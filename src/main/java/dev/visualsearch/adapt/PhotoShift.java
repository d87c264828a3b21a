package dev.visualsearch.adapt;

import dev.visualsearch.common.Digests;
import dev.visualsearch.embedding.Vectors;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * Moves the model vector of a busy photo toward the catalogue's domain: v -> normalise(v + delta), with
 * delta = a * (mean(catalogue) - mean(photo pool)), learned from unlabelled photos alone. This is the mean alignment
 * of unsupervised domain adaptation (CORAL, Sun, Feng and Saenko 2016, without the covariance term): a photo cut out
 * onto white still carries what every photo shares (camera light, texture, the mask's soft edge), and that shared
 * part pulls all photo queries toward the same few products. The shift is added before the head, in the model's
 * space, so the index is untouched. {@link #id()} names the learned numbers.
 */
public final class PhotoShift {

    private final float[] delta;
    private final double strength;
    private final int pooled;
    private final String id;

    private PhotoShift(float[] delta, double strength, int pooled) {
        this.delta = delta;
        this.strength = strength;
        this.pooled = pooled;
        this.id = "shift-a" + strength + "-n" + pooled + "-" + Digests.fingerprint(delta);
    }

    /**
     * The shift from the mean of {@code photos} to the mean of {@code catalogue} (model vectors of one model, at
     * least one of each), scaled by {@code strength}.
     */
    public static PhotoShift learn(List<float[]> catalogue, List<float[]> photos, double strength) {
        if (catalogue.isEmpty() || photos.isEmpty()) {
            throw new IllegalArgumentException("a photo shift needs catalogue and photo vectors, got "
                    + catalogue.size() + " and " + photos.size());
        }
        int d = catalogue.get(0).length;
        double[] towards = mean(catalogue, d);
        double[] from = mean(photos, d);
        float[] delta = new float[d];
        for (int j = 0; j < d; j++) {
            delta[j] = (float) (strength * (towards[j] - from[j]));
        }
        return new PhotoShift(delta, strength, photos.size());
    }

    private static double[] mean(List<float[]> vectors, int d) {
        double[] sum = new double[d];
        for (float[] v : vectors) {
            if (v.length != d) {
                throw new IllegalArgumentException("every vector must have " + d + " values, got " + v.length);
            }
            for (int j = 0; j < d; j++) {
                sum[j] += v[j];
            }
        }
        for (int j = 0; j < d; j++) {
            sum[j] /= vectors.size();
        }
        return sum;
    }

    /** The shifted, L2-normalised vector (a new array). */
    public float[] apply(float[] vector) {
        if (vector.length != delta.length) {
            throw new IllegalArgumentException("the photo shift expects " + delta.length + " values, got "
                    + vector.length);
        }
        float[] out = new float[vector.length];
        for (int j = 0; j < vector.length; j++) {
            out[j] = vector[j] + delta[j];
        }
        return Vectors.normalise(out);
    }

    public String id() {
        return id;
    }

    /** The vector added before the normalisation (a copy). */
    public float[] delta() {
        return delta.clone();
    }

    /** How many photos the pool's mean was taken over. */
    public int pooled() {
        return pooled;
    }

    public double strength() {
        return strength;
    }

    public int dimension() {
        return delta.length;
    }

    public void write(DataOutputStream out) throws IOException {
        out.writeDouble(strength);
        out.writeInt(pooled);
        out.writeInt(delta.length);
        for (float value : delta) {
            out.writeFloat(value);
        }
    }

    public static PhotoShift read(DataInputStream in) throws IOException {
        double strength = in.readDouble();
        int pooled = in.readInt();
        int dimension = in.readInt();
        if (dimension <= 0 || dimension > 1 << 16) {
            throw new IOException("a photo shift of " + dimension + " values");
        }
        float[] delta = new float[dimension];
        for (int j = 0; j < dimension; j++) {
            delta[j] = in.readFloat();
        }
        return new PhotoShift(delta, strength, pooled);
    }
}
