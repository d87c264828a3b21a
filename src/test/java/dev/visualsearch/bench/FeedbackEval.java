package dev.visualsearch.bench;

import dev.visualsearch.embedding.Vectors;
import dev.visualsearch.search.ExampleStrategy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Does one good result lift R@1? A simulated shopper marks the highest-ranked result among the top 10 that is "good"
 * for the query, and searches again from the query plus that example with the service's own strategies
 * ({@link ExampleStrategy}). The marked result is then removed from both rankings (the shopper has seen it: the
 * residual-collection protocol of relevance-feedback evaluation), and R@1 of the correct product is compared.
 * Queries with no good result in their top 10 get no feedback and keep their first ranking in every column.
 */
final class FeedbackEval {

    private static final int SHOWN = 10;

    private FeedbackEval() {
    }

    /**
     * {@code good.test(query, galleryIndex)}: whether the shopper would mark that result good. For class-labelled sets
     * it is "a correct result"; for sets with one correct product it is "another product of the same category".
     */
    static Map<String, Object> measure(float[][] queries, float[][] gallery, List<Set<String>> correct,
                                       List<String> labels, BiPredicate<Integer, Integer> good) {
        int judged = 0;
        double baseline = 0;
        double average = 0;
        double best = 0;
        for (int q = 0; q < queries.length; q++) {
            int[] order = ranking(queries[q], gallery);
            int marked = -1;
            for (int r = 0; r < SHOWN && r < order.length; r++) {
                if (good.test(q, order[r])) {
                    marked = order[r];
                    break;
                }
            }
            Set<String> right = correct.get(q);
            if (marked < 0) {
                double first = firstIsCorrect(order, -1, right, labels);
                baseline += first;
                average += first;
                best += first;
                continue;
            }
            judged++;
            baseline += firstIsCorrect(order, marked, right, labels);
            List<float[]> positives = List.of(queries[q], gallery[marked]);
            average += firstIsCorrect(ranking(ExampleStrategy.averageQuery(positives, List.of()), gallery), marked,
                    right, labels);
            double[] scores = new double[gallery.length];
            for (int i = 0; i < gallery.length; i++) {
                scores[i] = ExampleStrategy.bestScore(gallery[i], positives, List.of());
            }
            best += firstIsCorrect(order(scores), marked, right, labels);
        }
        int n = queries.length;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("queries", n);
        m.put("queriesWithFeedback", judged);
        m.put("recallAt1Without", Stats.round(baseline / n, 3));
        m.put("recallAt1Average", Stats.round(average / n, 3));
        m.put("recallAt1Best", Stats.round(best / n, 3));
        return m;
    }

    /** 1 when the first result other than {@code skip} is correct. */
    private static double firstIsCorrect(int[] order, int skip, Set<String> correct, List<String> labels) {
        for (int i : order) {
            if (i != skip) {
                return correct.contains(labels.get(i)) ? 1 : 0;
            }
        }
        return 0;
    }

    private static int[] ranking(float[] query, float[][] gallery) {
        double[] scores = new double[gallery.length];
        for (int i = 0; i < gallery.length; i++) {
            scores[i] = Vectors.dot(query, gallery[i]);
        }
        return order(scores);
    }

    private static int[] order(double[] scores) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }

    /** "Good" for a set whose queries each have one correct product: another product of a correct one's category. */
    static BiPredicate<Integer, Integer> sameCategory(List<Set<String>> correct, List<String> labels,
                                                      Map<String, String> categoryOf) {
        return (q, g) -> {
            String label = labels.get(g);
            if (correct.get(q).contains(label)) {
                return false;
            }
            String category = categoryOf.get(label);
            return category != null && correct.get(q).stream().anyMatch(c -> category.equals(categoryOf.get(c)));
        };
    }

    static List<String> csvCells(String line) {
        return new ArrayList<>(Arrays.asList(line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1)));
    }
}
