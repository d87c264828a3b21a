package dev.visualsearch.cluster;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Names a cluster for people: its most common category and the words that occur most in its members' titles
 * ("Food · apple, pear, cherry"). Ties are broken alphabetically so that a label is stable across runs.
 */
final class ClusterLabeler {

    private static final int WORDS = 3;
    private static final Set<String> STOP_WORDS = Set.of("the", "and", "with", "for", "of", "a", "an", "in", "on",
            "to", "by", "from", "set", "new");

    private ClusterLabeler() {
    }

    static String label(List<String> categories, List<String> titles) {
        String category = mostCommon(categories.stream().collect(Collectors.groupingBy(c -> c,
                Collectors.counting())), 1).stream().findFirst().orElse("");
        String lowerCategory = category.toLowerCase(Locale.ROOT);
        Map<String, Long> words = new HashMap<>();
        for (String title : titles) {
            // each word counts once per title: a title repeating a word should not dominate the label
            for (String word : new HashSet<>(List.of(title.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")))) {
                if (word.length() > 2 && !STOP_WORDS.contains(word) && !lowerCategory.contains(word)) {
                    words.merge(word, 1L, Long::sum);
                }
            }
        }
        List<String> top = mostCommon(words, WORDS);
        String label = top.isEmpty() ? category : category + " · " + String.join(", ", top);
        return label.length() > 300 ? label.substring(0, 300) : label;
    }

    private static List<String> mostCommon(Map<String, Long> counts, int limit) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.naturalOrder())))
                .limit(limit).map(Map.Entry::getKey).toList();
    }
}
