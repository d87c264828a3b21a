package dev.visualsearch.bench;

import dev.visualsearch.embedding.Vectors;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ranking quality of queries against a gallery by cosine: Recall@1/5/10 (a correct item among the top k), mAP@10
 * and the median rank of the first correct item (1 = top); for small sets also each query's rank. A query may have
 * several correct labels.
 */
final class RankingMetrics {

    /** A query: its vector and the gallery labels that count as correct for it. */
    record Query(float[] vector, Set<String> correct) {
    }

    private RankingMetrics() {
    }

    static Map<String, Object> of(List<Query> queries, List<float[]> gallery, List<String> labels) {
        double r1 = 0;
        double r5 = 0;
        double r10 = 0;
        double map = 0;
        int[] firstRanks = new int[queries.size()];
        for (int qi = 0; qi < queries.size(); qi++) {
            Query query = queries.get(qi);
            double[] scores = new double[gallery.size()];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = Vectors.dot(query.vector(), gallery.get(i));
            }
            Integer[] order = new Integer[scores.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
            long relevant = labels.stream().filter(query.correct()::contains).count();
            int first = Integer.MAX_VALUE;
            int hits = 0;
            double precisionSum = 0;
            for (int rank = 0; rank < order.length; rank++) {
                if (query.correct().contains(labels.get(order[rank]))) {
                    first = Math.min(first, rank + 1);
                    if (rank < 10) {
                        hits++;
                        precisionSum += (double) hits / (rank + 1);
                    }
                }
            }
            firstRanks[qi] = first;
            r1 += first <= 1 ? 1 : 0;
            r5 += first <= 5 ? 1 : 0;
            r10 += first <= 10 ? 1 : 0;
            map += relevant == 0 ? 0 : precisionSum / Math.min(10, relevant);
        }
        int n = queries.size();
        int[] inQueryOrder = firstRanks.clone();
        Arrays.sort(firstRanks);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("recallAt1", Stats.round(r1 / n, 3));
        m.put("recallAt5", Stats.round(r5 / n, 3));
        m.put("recallAt10", Stats.round(r10 / n, 3));
        m.put("mapAt10", Stats.round(map / n, 3));
        m.put("medianRank", n % 2 == 1 ? firstRanks[n / 2] : (firstRanks[n / 2 - 1] + firstRanks[n / 2]) / 2.0);
        if (n <= SMALL_SET) {
            m.put("ranks", Arrays.stream(inQueryOrder).boxed().toList());
        }
        return m;
    }

    /** Sets this small (the photographs) also report each query's rank, so a reader sees which photo moved. */
    private static final int SMALL_SET = 30;
}
