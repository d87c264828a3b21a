package dev.visualsearch.index;

/** What an index holds: built by which backend, for which model and dimension, with which metric. */
public record IndexDescriptor(String backend, String modelId, int dimension, String metric) {

    public static final String COSINE = "cosine";

    public boolean fits(String activeModelId, int activeDimension) {
        return modelId.equals(activeModelId) && dimension == activeDimension;
    }
}
