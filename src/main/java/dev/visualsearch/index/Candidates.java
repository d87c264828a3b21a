package dev.visualsearch.index;

import java.util.Arrays;

/** The ids a filtered search may return, as a sorted array (FAISS's id selector takes the same). */
public final class Candidates {

    private final long[] sortedIds;

    private Candidates(long[] sortedIds) {
        this.sortedIds = sortedIds;
    }

    public static Candidates of(long[] ids) {
        long[] copy = ids.clone();
        Arrays.sort(copy);
        return new Candidates(copy);
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
