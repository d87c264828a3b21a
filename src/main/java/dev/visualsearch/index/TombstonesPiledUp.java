package dev.visualsearch.index;

/**
 * Fired once per build when deleted products make up more than {@code app.index.tombstone-rebuild-share} of the
 * approximate index's entries (HNSW cannot delete: they stay in the graph, skipped at search time, costing memory and
 * search work). The pipeline observes it and starts the {@code index} job, which builds without them.
 */
public record TombstonesPiledUp(int tombstones, int entries) {

    /** Whether {@code tombstones} among {@code live + tombstones} entries call for a rebuild. */
    public static boolean piledUp(int tombstones, int live, double share, int minimum) {
        return share > 0 && tombstones >= minimum && tombstones > share * (live + tombstones);
    }
}
