package dev.visualsearch.cluster;

import java.util.Random;

/** Well-separated Gaussian blobs of unit vectors, for clustering and projection tests. */
public final class SyntheticVectors {

    private SyntheticVectors() {
    }

    /** {@code blobs} groups of {@code perBlob} unit vectors in {@code dim} dimensions; row i belongs to blob i / perBlob. */
    public static float[][] blobs(int blobs, int perBlob, int dim, double spread, long seed) {
        Random random = new Random(seed);
        float[][] centres = new float[blobs][dim];
        for (float[] centre : centres) {
            for (int d = 0; d < dim; d++) {
                centre[d] = (float) random.nextGaussian();
            }
            normalise(centre);
        }
        float[][] vectors = new float[blobs * perBlob][dim];
        for (int i = 0; i < vectors.length; i++) {
            for (int d = 0; d < dim; d++) {
                vectors[i][d] = centres[i / perBlob][d] + (float) (spread * random.nextGaussian() / Math.sqrt(dim));
            }
            normalise(vectors[i]);
        }
        return vectors;
    }

    private static void normalise(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < v.length; i++) {
            v[i] /= (float) norm;
        }
    }
}
