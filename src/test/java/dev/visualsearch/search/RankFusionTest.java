package dev.visualsearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.visualsearch.index.Hit;
import java.util.List;
import org.junit.jupiter.api.Test;

class RankFusionTest {

    private static List<Hit> ranking(long... ids) {
        return java.util.Arrays.stream(ids).mapToObj(id -> new Hit(id, 0)).toList();
    }

    private static List<Long> ids(List<RankFusion.Fused> fused) {
        return fused.stream().map(RankFusion.Fused::id).toList();
    }

    @Test
    void aProductBothRankingsPlaceHighBeatsOneOnlyOnePlacesFirst() {
        List<RankFusion.Fused> fused = RankFusion.fuse(List.of(new RankFusion.Ranking(ranking(1, 2, 3), 1),
                new RankFusion.Ranking(ranking(2, 4, 1), 1)));
        assertEquals(List.of(2L, 1L, 4L, 3L), ids(fused));
        assertEquals(1.0 / 62 + 1.0 / 61, fused.get(0).score(), 1e-12);
    }

    @Test
    void aLighterSecondRankingBreaksTiesButDoesNotOverturnTheFirst() {
        List<RankFusion.Fused> fused = RankFusion.fuse(List.of(new RankFusion.Ranking(ranking(1, 2), 1),
                new RankFusion.Ranking(ranking(2, 1), 0.5)));
        assertEquals(List.of(1L, 2L), ids(fused));
        List<RankFusion.Fused> even = RankFusion.fuse(List.of(new RankFusion.Ranking(ranking(1, 2), 1),
                new RankFusion.Ranking(ranking(2, 1), 1)));
        assertEquals(List.of(1L, 2L), ids(even), "an exact tie keeps the first ranking's order");
    }

    @Test
    void farDownOneListAndFirstInTheOtherCanWin() {
        long[] picture = new long[40];
        for (int i = 0; i < picture.length; i++) {
            picture[i] = i + 1;
        }
        // product 30 is 30th by the picture and first by the words; product 1 is first by the picture only
        List<RankFusion.Fused> fused = RankFusion.fuse(List.of(new RankFusion.Ranking(ranking(picture), 1),
                new RankFusion.Ranking(ranking(30), 0.5)));
        assertEquals(30L, ids(fused).get(0));
    }
}
