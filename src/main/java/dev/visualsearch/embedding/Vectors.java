package dev.visualsearch.embedding;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Small vector helpers and the storage encoding of vectors (little-endian float32, as FAISS and numpy use). */
public final class Vectors {

    private Vectors() {
    }

    public static byte[] toBytes(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }

    public static float[] fromBytes(byte[] bytes) {
        float[] vector = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }

    /** A batch's flat row-major values (n rows of equal length) as one array per row. */
    public static float[][] rows(float[] flat, int n) {
        int dim = flat.length / n;
        float[][] rows = new float[n][dim];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * dim, rows[i], 0, dim);
        }
        return rows;
    }

    public static float dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return (float) sum;
    }

    /** Scales to unit length in place and returns the vector; a zero vector stays zero. */
    public static float[] normalise(float[] vector) {
        double norm = Math.sqrt(dot(vector, vector));
        if (norm > 0) {
            for (int i = 0; i < vector.length; i++) {
                vector[i] = (float) (vector[i] / norm);
            }
        }
        return vector;
    }

    public static float cosine(float[] a, float[] b) {
        double na = Math.sqrt(dot(a, a));
        double nb = Math.sqrt(dot(b, b));
        return na == 0 || nb == 0 ? 0 : (float) (dot(a, b) / (na * nb));
    }
}
