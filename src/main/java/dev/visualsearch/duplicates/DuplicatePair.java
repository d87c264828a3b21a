package dev.visualsearch.duplicates;

/** Two products that look alike: ids {@code a < b}, and the cosine between them in the index's search space. */
public record DuplicatePair(long a, long b, float score) {
}
