package dev.visualsearch.index.whitening;

import dev.visualsearch.common.Digests;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * PCA whitening with shrinkage, learned from the catalogue's own vectors without labels (Jegou and Chum 2012):
 * v -> normalise(P (v - mu)), P = diag((lambda_i + s * mean(lambda))^(-1/2)) U^T over the top {@code dims}
 * principal directions. Whitening evens out the dimensions that every product shares (the white background, the
 * render style) against the rare ones that tell products apart, which plain cosine over non-negative CNN features
 * cannot; the shrinkage s keeps the smallest, noisiest directions from being blown up. {@link #id()} names the
 * learned transform (a hash of its numbers), so an index can refuse vectors whitened by another one.
 */
public final class Whitening {

    static final String PCA = "pcaw";

    /** Vectors learned from at most this many (a seeded sample): the covariance costs n x d^2. */
    public static final int MAX_SAMPLE = 20_000;

    /** How the transform was learned: from the catalogue's own spread ({@value #PCA}) or from matching pairs. */
    private final String kind;
    private final float[] mean;
    /** dims x d, row-major. */
    private final float[] projection;
    private final int dims;
    private final int dimension;
    private final double shrinkage;
    private final int learnedFrom;
    private final String id;

    Whitening(String kind, float[] mean, float[] projection, int dims, double shrinkage, int learnedFrom) {
        this.kind = kind;
        this.mean = mean;
        this.projection = projection;
        this.dims = dims;
        this.dimension = mean.length;
        this.shrinkage = shrinkage;
        this.learnedFrom = learnedFrom;
        this.id = kind + dims + "s" + shrinkage + "-" + Digests.fingerprint(mean, projection);
    }

    /**
     * Learns the transform from {@code vectors} (at least 2). {@code dims} is capped at what the sample can
     * support (n - 1 and the input dimension).
     */
    public static Whitening learn(List<float[]> vectors, int dims, double shrinkage, long seed) {
        if (vectors.size() < 2) {
            throw new IllegalArgumentException("whitening needs at least 2 vectors, got " + vectors.size());
        }
        List<float[]> sample = sample(vectors, seed);
        int d = sample.get(0).length;
        int n = sample.size();
        double[] mu = mean(sample, d);
        double[][] centredRows = new double[n][d];
        for (int i = 0; i < n; i++) {
            float[] v = sample.get(i);
            for (int j = 0; j < d; j++) {
                centredRows[i][j] = v[j] - mu[j];
            }
        }
        PrincipalDirections principal = PrincipalDirections.of(centredRows, d);
        double[] values = principal.values();
        int kept = Math.max(1, Math.min(dims, Math.min(d, n - 1)));
        double[] scales = scales(values, kept, shrinkage);
        float[] projection = new float[kept * d];
        for (int i = 0; i < kept; i++) {
            double[] direction = principal.directions()[i];
            for (int j = 0; j < d; j++) {
                projection[i * d + j] = (float) (direction[j] * scales[i]);
            }
        }
        return new Whitening(PCA, toFloats(mu), projection, kept, shrinkage, n);
    }

    /** The mean of {@code vectors} (d values each). */
    static double[] mean(List<float[]> vectors, int d) {
        double[] mu = new double[d];
        for (float[] v : vectors) {
            for (int j = 0; j < d; j++) {
                mu[j] += v[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mu[j] /= vectors.size();
        }
        return mu;
    }

    /** (lambda_i + s * mean(lambda))^(-1/2) for the first {@code kept} variances: the shrunk whitening scale. */
    static double[] scales(double[] values, int kept, double shrinkage) {
        double meanValue = 0;
        for (int i = 0; i < kept; i++) {
            meanValue += Math.max(values[i], 0);
        }
        meanValue /= kept;
        double[] scales = new double[kept];
        for (int i = 0; i < kept; i++) {
            scales[i] = 1 / Math.sqrt(Math.max(values[i], 0) + shrinkage * meanValue + 1e-12);
        }
        return scales;
    }

    static float[] toFloats(double[] values) {
        float[] out = new float[values.length];
        for (int j = 0; j < values.length; j++) {
            out[j] = (float) values[j];
        }
        return out;
    }

    /** The whitened, L2-normalised vector. */
    public float[] apply(float[] vector) {
        if (vector.length != dimension) {
            throw new IllegalArgumentException("whitening expects " + dimension + " values, got " + vector.length);
        }
        float[] centred = new float[dimension];
        for (int j = 0; j < dimension; j++) {
            centred[j] = vector[j] - mean[j];
        }
        float[] out = new float[dims];
        double norm = 0;
        for (int i = 0; i < dims; i++) {
            double sum = 0;
            int base = i * dimension;
            for (int j = 0; j < dimension; j++) {
                sum += projection[base + j] * centred[j];
            }
            out[i] = (float) sum;
            norm += sum * sum;
        }
        double inverse = norm > 0 ? 1 / Math.sqrt(norm) : 0;
        for (int i = 0; i < dims; i++) {
            out[i] = (float) (out[i] * inverse);
        }
        return out;
    }

    public String id() {
        return id;
    }

    /** The catalogue mean mu that {@link #apply} subtracts (a copy). */
    public float[] mean() {
        return mean.clone();
    }

    /** P, {@link #dims()} x {@link #inputDimension()} row-major (a copy): explanations apply it as a layer. */
    public float[] projection() {
        return projection.clone();
    }

    /** Input dimension (the model's). */
    public int inputDimension() {
        return dimension;
    }

    /** Output dimension (what the index holds). */
    public int dims() {
        return dims;
    }

    /** {@code pcaw} (PCA whitening of the catalogue) or {@code lw} (learned from matching pairs, see PairWhitening). */
    public String kind() {
        return kind;
    }

    public double shrinkage() {
        return shrinkage;
    }

    /** How many vectors it was learned from. */
    public int learnedFrom() {
        return learnedFrom;
    }

    private static final int MAGIC = 0x56535748; // "VSWH"
    /** Format 2 adds the kind; format 1 files are PCA whitenings. */
    private static final int FORMAT = 2;

    public void write(DataOutputStream out) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(FORMAT);
        out.writeUTF(kind);
        out.writeInt(dimension);
        out.writeInt(dims);
        out.writeDouble(shrinkage);
        out.writeInt(learnedFrom);
        for (float m : mean) {
            out.writeFloat(m);
        }
        for (float p : projection) {
            out.writeFloat(p);
        }
    }

    public static Whitening read(DataInputStream in) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new IOException("not a whitening file");
        }
        int format = in.readInt();
        if (format != 1 && format != FORMAT) {
            throw new IOException("whitening format " + format + " is not supported (expected 1 or " + FORMAT + ")");
        }
        String kind = format == 1 ? PCA : in.readUTF();
        int dimension = in.readInt();
        int dims = in.readInt();
        double shrinkage = in.readDouble();
        int learnedFrom = in.readInt();
        float[] mean = new float[dimension];
        for (int j = 0; j < dimension; j++) {
            mean[j] = in.readFloat();
        }
        float[] projection = new float[dims * dimension];
        for (int i = 0; i < projection.length; i++) {
            projection[i] = in.readFloat();
        }
        return new Whitening(kind, mean, projection, dims, shrinkage, learnedFrom);
    }

    /** At most {@link #MAX_SAMPLE} of {@code items}, a seeded sample in their order. */
    static <T> List<T> sample(List<T> items, long seed) {
        if (items.size() <= MAX_SAMPLE) {
            return items;
        }
        Random random = new Random(seed);
        int[] picks = random.ints(0, items.size()).distinct().limit(MAX_SAMPLE).sorted().toArray();
        return Arrays.stream(picks).mapToObj(items::get).toList();
    }
}
