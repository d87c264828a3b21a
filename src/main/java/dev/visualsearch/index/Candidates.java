package dev.visualsearch.index;

import java.util.Arrays;
import java.util.Optional;

/**
 * The ids a filtered search may return, as a sorted array (FAISS's id selector takes the same). When the ids are
 * exactly one category's products, the category travels too, so that a backend that stores it (OpenSearch) can
 * filter on the field instead of on a long list of ids.
 */
public final class Candidates {

    private final long[] sortedIds;
    private final String category;

    private Candidates(long[] sortedIds, String category) {
        this.sortedIds = sortedIds;
        this.category = category;
    }

    public static Candidates of(long[] ids) {
        long[] copy = ids.clone();
        Arrays.sort(copy);
        return new Candidates(copy, null);
    }

    /** The products of one category. */
    public static Candidates ofCategory(String category, long[] ids) {
        long[] copy = ids.clone();
        Arrays.sort(copy);
        return new Candidates(copy, category);
    }

    public Optional<String> category() {
        return Optional.ofNullable(category);
    }

    public boolean contains(long id) {
        return Arrays.binarySearch(sortedIds, id) >= 0;
    }

    public long[] sortedIds() {
        return sortedIds;
    }

    public int size() {
        return sortedIds.length;
    }
}
