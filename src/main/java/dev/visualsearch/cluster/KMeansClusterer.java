package dev.visualsearch.cluster;

import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.DoubleConsumer;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.clustering.ClusterID;
import org.tribuo.clustering.ClusteringFactory;
import org.tribuo.clustering.kmeans.KMeansModel;
import org.tribuo.clustering.kmeans.KMeansTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.distance.L2Distance;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * k-means with Tribuo (k-means++ initialisation, Euclidean distance, one thread, fixed seed), and the choice of k by
 * the highest mean silhouette on a seeded sample. A fresh trainer per fit keeps every fit reproducible: Tribuo
 * derives each training's random stream from the seed and the trainer's invocation count.
 */
public final class KMeansClusterer {

    /** One clustering: dense cluster ids 0..k-1 numbered by size (largest first), centroids, Tribuo provenance. */
    public record Fit(int k, int[] assignments, float[][] centroids, String provenance) {
    }

    /** The silhouette of one candidate k. */
    public record Candidate(int k, double silhouette) {
    }

    /** The chosen k, its silhouette (null when k was configured and there is nothing to compare), and the trials. */
    public record Choice(int k, Double silhouette, String criterion, List<Candidate> candidates) {
    }

    private final long seed;
    private final int iterations;

    public KMeansClusterer(long seed, int iterations) {
        this.seed = seed;
        this.iterations = iterations;
    }

    public Fit fit(float[][] vectors, int k) {
        if (vectors.length < 2 || k < 1 || k > vectors.length) {
            throw new IllegalArgumentException("k-means needs 1 <= k <= n and n >= 2 (k=" + k + ", n="
                    + vectors.length + ")");
        }
        ClusteringFactory factory = new ClusteringFactory();
        MutableDataset<ClusterID> data = new MutableDataset<>(
                new SimpleDataSourceProvenance("catalogue embeddings (" + vectors.length + " x "
                        + vectors[0].length + ")", factory), factory);
        String[] names = featureNames(vectors[0].length);
        List<Example<ClusterID>> examples = new ArrayList<>(vectors.length);
        for (float[] vector : vectors) {
            Example<ClusterID> example = new ArrayExample<>(ClusteringFactory.UNASSIGNED_CLUSTER_ID, names,
                    toDoubles(vector));
            examples.add(example);
            data.add(example);
        }
        KMeansTrainer trainer = new KMeansTrainer(k, iterations, new L2Distance(),
                KMeansTrainer.Initialisation.PLUSPLUS, 1, seed);
        KMeansModel model = trainer.train(data);
        int[] raw = new int[vectors.length];
        List<Prediction<ClusterID>> predictions = model.predict(examples);
        for (int i = 0; i < raw.length; i++) {
            raw[i] = predictions.get(i).getOutput().getID();
        }
        int[] assignments = renumberBySize(raw);
        int found = Arrays.stream(assignments).max().orElse(-1) + 1;
        return new Fit(found, assignments, centroids(vectors, assignments, found),
                ProvenanceUtil.formattedProvenanceString(model.getProvenance()));
    }

    /** Tries k over {@code kMin..kMax} by {@code step} (clamped to 2..n-1) and keeps the best mean silhouette. */
    public Choice choose(float[][] vectors, int kMin, int kMax, int step, int silhouetteSample, int fitSample,
                         DoubleConsumer progress) {
        int low = Math.max(2, kMin);
        int high = Math.min(kMax, vectors.length - 1);
        if (high < low) {
            throw new IllegalArgumentException("Choosing k needs more vectors: " + vectors.length
                    + " vector(s) for k >= " + low);
        }
        float[][] fitted = subset(vectors, Silhouette.sampleIndices(vectors.length, fitSample, seed));
        Silhouette silhouette = new Silhouette(fitted, silhouetteSample, seed);
        List<Candidate> candidates = new ArrayList<>();
        int steps = (high - low) / Math.max(1, step) + 1;
        for (int k = low; k <= high; k += Math.max(1, step)) {
            Fit fit = fit(fitted, k);
            candidates.add(new Candidate(k, fit.k() < 2 ? -1 : silhouette.score(fit.assignments(), fit.k())));
            progress.accept((double) candidates.size() / steps);
        }
        // Highest silhouette wins; a tie goes to the smaller k (fewer, larger clusters).
        Candidate best = candidates.stream().max(Comparator.comparingDouble(Candidate::silhouette)
                .thenComparing(Comparator.comparingInt(Candidate::k).reversed())).orElseThrow();
        String criterion = "max mean silhouette (Euclidean) on a seeded sample of " + silhouette.sampleSize()
                + " of " + fitted.length + " vectors, k in " + low + ".." + high + " step " + step;
        return new Choice(best.k(), best.silhouette(), criterion, candidates);
    }

    static float[][] centroids(float[][] vectors, int[] assignments, int k) {
        int dim = vectors[0].length;
        double[][] sums = new double[k][dim];
        int[] counts = new int[k];
        for (int i = 0; i < vectors.length; i++) {
            counts[assignments[i]]++;
            for (int d = 0; d < dim; d++) {
                sums[assignments[i]][d] += vectors[i][d];
            }
        }
        float[][] centroids = new float[k][dim];
        for (int c = 0; c < k; c++) {
            for (int d = 0; d < dim; d++) {
                centroids[c][d] = (float) (sums[c][d] / counts[c]);
            }
        }
        return centroids;
    }

    /** Ids by decreasing size, ties by first appearance; empty clusters disappear. */
    static int[] renumberBySize(int[] raw) {
        int max = Arrays.stream(raw).max().orElse(-1);
        int[] sizes = new int[max + 1];
        int[] first = new int[max + 1];
        Arrays.fill(first, Integer.MAX_VALUE);
        for (int i = 0; i < raw.length; i++) {
            sizes[raw[i]]++;
            first[raw[i]] = Math.min(first[raw[i]], i);
        }
        List<Integer> order = new ArrayList<>();
        for (int c = 0; c <= max; c++) {
            if (sizes[c] > 0) {
                order.add(c);
            }
        }
        order.sort(Comparator.<Integer>comparingInt(c -> -sizes[c]).thenComparingInt(c -> first[c]));
        int[] newId = new int[max + 1];
        for (int i = 0; i < order.size(); i++) {
            newId[order.get(i)] = i;
        }
        int[] renumbered = new int[raw.length];
        for (int i = 0; i < raw.length; i++) {
            renumbered[i] = newId[raw[i]];
        }
        return renumbered;
    }

    private static float[][] subset(float[][] vectors, int[] indices) {
        if (indices.length == vectors.length) {
            return vectors;
        }
        float[][] picked = new float[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            picked[i] = vectors[indices[i]];
        }
        return picked;
    }

    private static String[] featureNames(int dim) {
        String[] names = new String[dim];
        for (int i = 0; i < dim; i++) {
            names[i] = String.format("f%05d", i); // zero-padded: Tribuo orders features by name
        }
        return names;
    }

    private static double[] toDoubles(float[] vector) {
        double[] values = new double[vector.length];
        for (int i = 0; i < vector.length; i++) {
            values[i] = vector[i];
        }
        return values;
    }
}
