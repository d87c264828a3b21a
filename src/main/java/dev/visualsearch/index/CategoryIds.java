package dev.visualsearch.index;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which indexed products are in which category, kept as category -> ids beside the index, so that a filtered search
 * gets its candidates by one lookup instead of a scan of every product. The sorted candidate list of a category is
 * built on its first use after a change and shared by the searches that follow.
 */
final class CategoryIds {

    private final Map<Long, String> categoryOf = new HashMap<>();
    private final Map<String, Set<Long>> members = new HashMap<>();
    private final Map<String, Candidates> sorted = new HashMap<>();

    synchronized void put(long productId, String category) {
        String previous = categoryOf.put(productId, category);
        if (previous != null && !previous.equals(category)) {
            leave(productId, previous);
        }
        if (members.computeIfAbsent(category, c -> new HashSet<>()).add(productId)) {
            sorted.remove(category);
        }
    }

    synchronized void remove(long productId) {
        String previous = categoryOf.remove(productId);
        if (previous != null) {
            leave(productId, previous);
        }
    }

    private void leave(long productId, String category) {
        Set<Long> ids = members.get(category);
        if (ids != null && ids.remove(productId)) {
            sorted.remove(category);
            if (ids.isEmpty()) {
                members.remove(category);
            }
        }
    }

    synchronized Optional<String> categoryOf(long productId) {
        return Optional.ofNullable(categoryOf.get(productId));
    }

    /** The category's products as search candidates (empty when the category has none). */
    synchronized Candidates candidates(String category) {
        return sorted.computeIfAbsent(category, c -> Candidates.ofCategory(c, members.getOrDefault(c, Set.of())
                .stream().mapToLong(Long::longValue).toArray()));
    }
}
