package dev.visualsearch.cluster;

import java.util.Random;

/**
 * Mean silhouette (Rousseeuw 1987) of clusterings of one seeded sample, Euclidean distance (the k-means metric).
 * The sample's distance matrix is computed once and reused for every k tried, so choosing k costs one
 * O(s&sup2;&middot;d) pass plus O(s&sup2;) per candidate.
 */
final class Silhouette {

    private final int[] sample;
    private final double[][] distances;

    Silhouette(float[][] vectors, int sampleSize, long seed) {
        this.sample = sampleIndices(vectors.length, sampleSize, seed);
        int s = sample.length;
        distances = new double[s][s];
        for (int i = 0; i < s; i++) {
            for (int j = i + 1; j < s; j++) {
                double d = Math.sqrt(squaredDistance(vectors[sample[i]], vectors[sample[j]]));
                distances[i][j] = d;
                distances[j][i] = d;
            }
        }
    }

    /** The mean silhouette of the sample under {@code assignments} (indexed like the full vector array). */
    double score(int[] assignments, int k) {
        int s = sample.length;
        int[] label = new int[s];
        int[] counts = new int[k];
        for (int i = 0; i < s; i++) {
            label[i] = assignments[sample[i]];
            counts[label[i]]++;
        }
        double total = 0;
        double[] sums = new double[k];
        for (int i = 0; i < s; i++) {
            java.util.Arrays.fill(sums, 0);
            for (int j = 0; j < s; j++) {
                sums[label[j]] += distances[i][j];
            }
            int own = label[i];
            if (counts[own] <= 1) {
                continue; // a singleton's silhouette is 0 by definition
            }
            double a = sums[own] / (counts[own] - 1);
            double b = Double.MAX_VALUE;
            for (int c = 0; c < k; c++) {
                if (c != own && counts[c] > 0) {
                    b = Math.min(b, sums[c] / counts[c]);
                }
            }
            if (b == Double.MAX_VALUE) {
                continue;
            }
            double max = Math.max(a, b);
            total += max == 0 ? 0 : (b - a) / max;
        }
        return total / s;
    }

    int sampleSize() {
        return sample.length;
    }

    static int[] sampleIndices(int n, int size, long seed) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        if (size >= n) {
            return all;
        }
        Random random = new Random(seed);
        for (int i = 0; i < size; i++) { // partial Fisher-Yates
            int j = i + random.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] picked = java.util.Arrays.copyOf(all, size);
        java.util.Arrays.sort(picked);
        return picked;
    }

    static double squaredDistance(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return sum;
    }
}
