package dev.visualsearch.index;

/**
 * Fired once when the live index has grown to {@code app.index.whitening.relearn-growth} times the vectors its
 * search space (whitening, relevance calibration) was learned from: a rebuild would learn them anew. The index does
 * not rebuild itself; the pipeline decides when (it observes this and starts the {@code index} job).
 */
public record IndexOutgrown(String modelId, int size, int learnedFrom) {

    /** Whether an index of {@code size} vectors has outgrown a space learned from {@code learnedFrom} of them. */
    public static boolean outgrown(int size, int learnedFrom, int minVectors, double growth) {
        return growth > 0 && size >= minVectors && size >= growth * learnedFrom;
    }
}
