package dev.visualsearch.bench;

import dev.visualsearch.embedding.Vectors;

/**
 * alpha-weighted query expansion (Radenovic et al. 2018): each vector plus its top-n neighbours in {@code gallery},
 * weighted by similarity^alpha, renormalised. Applied to the gallery against itself it is database-side
 * augmentation (DBA).
 */
final class QueryExpansion {

    private QueryExpansion() {
    }

    static float[][] expand(float[][] vectors, float[][] gallery, int n, double alpha) {
        float[][] out = new float[vectors.length][];
        for (int v = 0; v < vectors.length; v++) {
            float[] q = vectors[v];
            int[] top = new int[n];
            float[] topScore = new float[n];
            java.util.Arrays.fill(topScore, Float.NEGATIVE_INFINITY);
            for (int i = 0; i < gallery.length; i++) {
                float s = Vectors.dot(q, gallery[i]);
                if (s > topScore[n - 1]) {
                    int at = n - 1;
                    while (at > 0 && topScore[at - 1] < s) {
                        topScore[at] = topScore[at - 1];
                        top[at] = top[at - 1];
                        at--;
                    }
                    topScore[at] = s;
                    top[at] = i;
                }
            }
            float[] sum = q.clone();
            for (int k = 0; k < n; k++) {
                double w = Math.pow(Math.max(topScore[k], 0), alpha);
                for (int d = 0; d < sum.length; d++) {
                    sum[d] += (float) (w * gallery[top[k]][d]);
                }
            }
            out[v] = Vectors.normalise(sum);
        }
        return out;
    }
}
