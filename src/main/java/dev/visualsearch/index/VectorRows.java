package dev.visualsearch.index;

/**
 * A copy of an index's vectors, row-major ({@code matrix[i * dimension ..]} is the vector of {@code ids[i]}): what a
 * self-join reads without holding the index's lock while it runs.
 */
public record VectorRows(long[] ids, float[] matrix, int dimension) {

    public int size() {
        return ids.length;
    }
}
