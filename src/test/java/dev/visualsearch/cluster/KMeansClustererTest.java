package dev.visualsearch.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class KMeansClustererTest {

    private static final float[][] BLOBS = SyntheticVectors.blobs(5, 40, 32, 0.3, 7);
    private static final List<Integer> TRUTH = IntStream.range(0, 200).map(i -> i / 40).boxed().toList();

    @Test
    void sameSeedGivesTheSameAssignmentsAndCentroids() {
        KMeansClusterer.Fit first = new KMeansClusterer(42, 100).fit(BLOBS, 5);
        KMeansClusterer.Fit second = new KMeansClusterer(42, 100).fit(BLOBS, 5);
        assertArrayEquals(first.assignments(), second.assignments());
        for (int c = 0; c < first.k(); c++) {
            assertArrayEquals(first.centroids()[c], second.centroids()[c]);
        }
        assertTrue(first.provenance().contains("KMeansTrainer"), first.provenance());
    }

    @Test
    void recoversWellSeparatedBlobs() {
        KMeansClusterer.Fit fit = new KMeansClusterer(42, 100).fit(BLOBS, 5);
        ClusterAgreement agreement = ClusterAgreement.of(IntStream.of(fit.assignments()).boxed().toList(), TRUTH);
        assertEquals(1.0, agreement.ari(), 1e-12);
        assertEquals(1.0, agreement.nmi(), 1e-12);
        // ids are numbered by size, largest first, and centroids are the members' means
        assertEquals(5, fit.k());
        int[] sizes = new int[5];
        IntStream.of(fit.assignments()).forEach(c -> sizes[c]++);
        assertArrayEquals(new int[] {40, 40, 40, 40, 40}, sizes);
    }

    @Test
    void choosesTheTrueNumberOfClustersBySilhouette() {
        KMeansClusterer.Choice choice = new KMeansClusterer(42, 100).choose(BLOBS, 2, 9, 1, 1000, 5000, p -> { });
        assertEquals(5, choice.k(), choice.candidates().toString());
        assertEquals(8, choice.candidates().size());
        assertTrue(choice.silhouette() > 0.5, "silhouette " + choice.silhouette());
        assertTrue(choice.criterion().contains("silhouette"));
    }

    @Test
    void renumbersBySizeAndDropsEmptyIds() {
        assertArrayEquals(new int[] {1, 0, 0, 1, 0}, KMeansClusterer.renumberBySize(new int[] {3, 7, 7, 3, 7}));
    }
}
