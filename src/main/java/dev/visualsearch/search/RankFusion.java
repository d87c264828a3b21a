package dev.visualsearch.search;

import dev.visualsearch.index.Hit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion (Cormack, Clarke and Buettcher, SIGIR 2009): a product scores the sum over rankings of
 * weight / (K + rank), rank counted from 1. Ranks, not scores, are fused, because an image cosine and a text cosine
 * live on different scales; K = 60 is the paper's constant, which keeps one list's first place from drowning the
 * other's near-firsts.
 */
final class RankFusion {

    static final int K = 60;

    /** One ranking to fuse and its weight. */
    record Ranking(List<Hit> hits, double weight) {
    }

    /** A fused product and its fused score (the hit's score is left to the caller to choose). */
    record Fused(long id, double score) {
    }

    private RankFusion() {
    }

    /** The fused order, best first; ties go to the product ranked first in the earlier ranking. */
    static List<Fused> fuse(List<Ranking> rankings) {
        Map<Long, Double> scores = new LinkedHashMap<>();
        for (Ranking ranking : rankings) {
            List<Hit> hits = ranking.hits();
            for (int rank = 0; rank < hits.size(); rank++) {
                scores.merge(hits.get(rank).id(), ranking.weight() / (K + rank + 1), Double::sum);
            }
        }
        List<Fused> fused = new ArrayList<>();
        scores.forEach((id, score) -> fused.add(new Fused(id, score)));
        // a stable sort keeps the first-seen order among equal scores
        fused.sort(Comparator.comparingDouble(Fused::score).reversed());
        return fused;
    }
}
