package dev.visualsearch.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.visualsearch.index.Candidates;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActiveClustersTest {

    /** Three clusters on a line: 0 at x=0 (ids 1-4), 1 at x=10 (ids 11-12), 2 at x=20 (ids 21-26). */
    private static ActiveClusters line() {
        ActiveClusters clusters = new ActiveClusters(1, "m", new float[][] {{0, 0}, {10, 0}, {20, 0}});
        for (long id : new long[] {1, 2, 3, 4}) {
            clusters.put(id, 0);
        }
        clusters.put(11, 1);
        clusters.put(12, 1);
        for (long id = 21; id <= 26; id++) {
            clusters.put(id, 2);
        }
        return clusters;
    }

    @Test
    void takesTheNearestClustersUntilThereAreEnoughCandidates() {
        ActiveClusters clusters = line();
        ActiveClusters.Selection one = clusters.select(new float[] {1, 0}, 1, 3, null);
        assertEquals(List.of(0), one.clusters());
        assertArrayEquals(new long[] {1, 2, 3, 4}, one.candidates().sortedIds());

        ActiveClusters.Selection more = clusters.select(new float[] {1, 0}, 1, 6, null);
        assertEquals(List.of(0, 1), more.clusters());
        assertArrayEquals(new long[] {1, 2, 3, 4, 11, 12}, more.candidates().sortedIds());

        assertEquals(List.of(2, 1), clusters.select(new float[] {19, 0}, 2, 1, null).clusters());
    }

    @Test
    void countsOnlyCandidatesInsideTheCategoryFilter() {
        ActiveClusters clusters = line();
        Candidates category = Candidates.of(new long[] {2, 12, 25});
        ActiveClusters.Selection selection = clusters.select(new float[] {1, 0}, 1, 3, category);
        assertEquals(List.of(0, 1, 2), selection.clusters());
        assertArrayEquals(new long[] {2, 12, 25}, selection.candidates().sortedIds());
    }

    @Test
    void newAndDeletedProductsMoveInAndOut() {
        ActiveClusters clusters = line();
        assertEquals(1, clusters.nearest(new float[] {11, 1}));
        clusters.put(13, clusters.nearest(new float[] {11, 1}));
        clusters.remove(11);
        assertArrayEquals(new long[] {12, 13}, clusters.select(new float[] {10, 0}, 1, 1, null).candidates()
                .sortedIds());
    }
}
